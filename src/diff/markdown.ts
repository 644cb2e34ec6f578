// The PR body (and job summary): what is reachable from where, through what, and what changed,
// before any YAML. Budgeted: the summary, findings and paths table are never cut (when large
// they are shown at a coarser grain instead), the graph degrades to load balancers and gateways,
// and file diffs are dropped whole, never inside a fence, with a note of where the rest is.
// Deterministic: the same report gives the same text.
import { backendLabel, type Finding, type Path } from "../topology/types.ts";
import { groupBy } from "../group-by.ts";
import { graphSection } from "./graph.ts";
import type { FileDiff, FolderReport, PlanReport } from "./plan.ts";

export const BODY_START = "<!-- ingress-gitops:start -->";
export const BODY_END = "<!-- ingress-gitops:end -->";
const DIGEST = /<!-- ingress-gitops:digest=([0-9a-f]{64}) -->/;

/** GitHub refuses a pull request body longer than this (in characters). */
export const PR_BODY_LIMIT = 65_536;

export interface MarkdownOptions {
  /** Largest size of the machine-owned part, markers included. */
  readonly limit: number;
  /** How size is counted: characters for a PR body, bytes for a job summary. */
  readonly measure?: (text: string) => number;
  /** Where a reader finds what did not fit. */
  readonly fullReport: string;
  /** Folders the PR changed whose spec left the run (deliver/departed.ts). */
  readonly departed?: readonly string[];
}

type Row = { change: "added" | "removed" | "changed"; before?: Path; after: Path; spec: string };

export function planMarkdown(report: PlanReport, options: MarkdownOptions): string {
  const measure = options.measure ?? ((text: string) => text.length);
  const multi = report.folders.length > 1;
  const head = [BODY_START, `<!-- ingress-gitops:digest=${report.digest} -->`, "## Ingress topology", "", summaryLine(report), "", ...departedNote(options.departed ?? []), ...(multi ? [fleetTable(report)] : [])].join("\n");
  const tail = BODY_END;
  const findings = pick(measure, options.limit * 0.25, findingsSection(report, false), findingsSection(report, true));
  const graph = pick(measure, options.limit * 0.2, graphSection(report, false), graphSection(report, true), `### Topology after this change\n\nThe graph is too large for this page; it is in ${options.fullReport}.\n`);
  const table = pick(measure, options.limit * 0.3, tableSection(report, multi, "path"), tableSection(report, multi, "host"), tableSection(report, multi, "gateway"));
  const fixed = [head, findings, graph, table].join("\n");
  const files = filesSection(report.folders.flatMap((f) => f.files), options.limit - measure(fixed) - measure(tail) - 2, measure, options.fullReport);
  return `${fixed}\n${files}\n${tail}`;
}

/** The first rendering that fits its share, else the last (the coarsest, which always fits in practice). */
function pick(measure: (t: string) => number, share: number, ...candidates: string[]): string {
  return candidates.find((c) => measure(c) <= share) ?? candidates[candidates.length - 1] ?? "";
}

export function digestOf(body: string): string | undefined {
  return DIGEST.exec(body)?.[1];
}

/** Replaces the machine-owned part of a PR body, keeping whatever a person wrote around it. */
export function spliceBody(existing: string, machine: string): string {
  const start = existing.indexOf(BODY_START);
  const end = existing.indexOf(BODY_END, start);
  if (start === -1 || end === -1) return existing.trim() === "" ? machine : `${machine}\n\n${existing}`;
  return `${existing.slice(0, start)}${machine}${existing.slice(end + BODY_END.length)}`;
}

/** A spec that left the run is said at the top, not dropped silently. */
function departedNote(folders: readonly string[]): string[] {
  if (folders.length === 0) return [];
  const list = folders.map((f) => `<code>${htmlText(f)}</code>`).join(", ");
  return [`> ⚠️ **No longer in this run:** ${list}. This pull request changed ${folders.length === 1 ? "that folder" : "those folders"} before, but no spec of this run owns ${folders.length === 1 ? "it" : "them"} any more (removed, renamed, or no longer matched), so this pull request no longer changes ${folders.length === 1 ? "it" : "them"}.`, ""];
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** One row per cluster, so a fleet change reads at a glance before its details. */
function fleetTable(report: PlanReport): string {
  const rows = report.folders.map((f) => {
    const count = (severity: Finding["severity"]) => f.findings.filter((x) => x.severity === severity).length;
    const changes = `+${f.topology.added.length} −${f.topology.removed.length} ~${f.topology.changed.length}`;
    return `| ${escape(f.spec)} | \`${escape(f.folder)}\` | ${f.files.length} | ${changes} | ${count("error")} / ${count("warning")} / ${count("info")} |`;
  });
  return ["| cluster | folder | files | paths (added, removed, changed) | findings (errors / warnings / info) |", "|---|---|---|---|---|", ...rows, ""].join("\n");
}

function summaryLine(report: PlanReport): string {
  const files = report.folders.flatMap((f) => f.files);
  const count = (status: FileDiff["status"]) => files.filter((f) => f.status === status).length;
  const topo = (pick: (f: FolderReport) => readonly unknown[]) => report.folders.reduce((n, f) => n + pick(f).length, 0);
  const findings = report.folders.flatMap((f) => f.findings);
  const severity = (s: Finding["severity"]) => findings.filter((f) => f.severity === s).length;
  return [
    `**${plural(files.length, "file")}** (${count("added")} added, ${count("changed")} changed, ${count("removed")} removed)`,
    `**paths** ${topo((f) => f.topology.added)} added, ${topo((f) => f.topology.removed)} removed, ${topo((f) => f.topology.changed)} changed`,
    `**findings** ${plural(severity("error"), "error")}, ${plural(severity("warning"), "warning")}, ${severity("info")} info`,
  ].join(" · ");
}

const ICON = { error: "⛔", warning: "⚠️", info: "ℹ️" } as const;

function findingsSection(report: PlanReport, grouped: boolean): string {
  if (report.folders.every((f) => f.findings.length === 0)) return "### Findings\n\nNone.\n";
  const list = (findings: readonly Finding[]) => (grouped ? groupedFindings(findings) : findings.map((f) => `- ${ICON[f.severity]} **${f.severity}** ${escape(f.message)} — \`${f.path}\``));
  if (report.folders.length === 1) return ["### Findings", "", ...list(report.folders[0]?.findings ?? []), ""].join("\n");
  // A fleet: each cluster's findings under its name.
  const sections = report.folders.filter((f) => f.findings.length > 0).flatMap((f) => [`#### ${escape(f.spec)}`, "", ...list(f.findings), ""]);
  return ["### Findings", "", ...sections].join("\n");
}

function groupedFindings(findings: readonly Finding[]): string[] {
  const groups = groupBy(findings, (f) => `${f.severity}\u0000${f.group ?? f.message}`);
  return [...groups.values()].map((list) => {
    const [first] = list;
    if (first === undefined) return "";
    if (list.length === 1 || first.group === undefined) return `- ${ICON[first.severity]} **${first.severity}** ${escape(first.message)}${list.length > 1 ? ` (×${list.length})` : ""} — \`${first.path}\``;
    return `- ${ICON[first.severity]} **${first.severity}** ${list.length} ${escape(first.group)}, e.g. ${escape(first.message)}`;
  });
}

function rows(report: PlanReport): Row[] {
  return report.folders.flatMap((f) => [
    ...f.topology.added.map((after): Row => ({ change: "added", after, spec: f.spec })),
    ...f.topology.removed.map((after): Row => ({ change: "removed", after, spec: f.spec })),
    ...f.topology.changed.map((c): Row => ({ change: "changed", before: c.before, after: c.after, spec: f.spec })),
  ]);
}

const CHANGE = { added: "➕ added", removed: "➖ removed", changed: "✏️ changed" } as const;

function lbCell(p: Path): string {
  return `${p.loadBalancer.type} \`${p.loadBalancer.name}\` ${p.loadBalancer.scheme}${p.loadBalancer.external ? " (external)" : ""}`;
}

function gatewayCell(p: Path): string {
  return p.gateway.type === "none" ? "none" : `${p.gateway.type} \`${p.gateway.name}\``;
}

function backendCell(p: Path): string {
  return `\`${backendLabel(p)}\``;
}

/** `before → after` where a field changed, else the value. */
function cell(row: Row, render: (p: Path) => string): string {
  const after = render(row.after);
  if (row.before === undefined) return after;
  const before = render(row.before);
  return before === after ? after : `${before} → **${after}**`;
}

const PATH_HEADER = "| change | host | path | load balancer | gateway | backend | TLS |";
const PATH_RULE = "|---|---|---|---|---|---|---|";

function pathRow(r: Row): string {
  const path = `${escape(r.after.path)}${r.after.pathType === "Exact" ? " (exact)" : ""}`;
  return `| ${CHANGE[r.change]} | ${escape(r.after.host)} | ${path} | ${cell(r, lbCell)} | ${cell(r, gatewayCell)} | ${cell(r, backendCell)} | ${cell(r, (p) => (p.tls ? "🔒 yes" : "no"))} |`;
}

function tableSection(report: PlanReport, multi: boolean, grain: "path" | "host" | "gateway"): string {
  const all = rows(report);
  if (all.length === 0) return "### Changed paths\n\nNo path changes.\n";
  if (grain === "path" && multi) {
    // A fleet: one table per cluster, so each cluster's changes read on their own.
    const bySpec = groupBy(all, (r) => r.spec);
    const sections = report.folders.flatMap((f) => {
      const mine = bySpec.get(f.spec) ?? [];
      return mine.length === 0 ? [] : [`#### ${escape(f.spec)}`, "", PATH_HEADER, PATH_RULE, ...mine.map(pathRow), ""];
    });
    return ["### Changed paths", "", ...sections].join("\n");
  }
  if (grain === "path") {
    return ["### Changed paths", "", PATH_HEADER, PATH_RULE, ...all.map(pathRow), ""].join("\n");
  }
  const keyOf = (r: Row) => (grain === "host" ? `${multi ? `${r.spec} ` : ""}${r.after.host}` : `${multi ? `${r.spec} ` : ""}${lbCell(r.after)} → ${gatewayCell(r.after)}`);
  const counts = new Map<string, { added: number; removed: number; changed: number }>();
  for (const r of all) {
    const c = counts.get(keyOf(r)) ?? { added: 0, removed: 0, changed: 0 };
    c[r.change]++;
    counts.set(keyOf(r), c);
  }
  const label = grain === "host" ? "host" : "load balancer → gateway";
  const lines = [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, c]) => `| ${escape(key)} | ${c.added} | ${c.removed} | ${c.changed} |`);
  return [`### Changed paths (${all.length}, by ${label})`, "", `| ${label} | added | removed | changed |`, "|---|---|---|---|", ...lines, ""].join("\n");
}

function filesSection(files: readonly FileDiff[], budget: number, measure: (t: string) => number, fullReport: string): string {
  if (files.length === 0) return "### Files\n\nNo file changes.\n";
  const blocks: string[] = [];
  const omitted: FileDiff[] = [];
  const heading = "### Files\n";
  let used = measure(heading);
  const noteReserve = 600;
  for (const file of files) {
    const block = fileBlock(file);
    if (omitted.length === 0 && used + measure(block) + noteReserve <= budget) {
      blocks.push(block);
      used += measure(block);
    } else {
      omitted.push(file);
    }
  }
  if (omitted.length === 0) return [heading, ...blocks].join("\n");
  // Name as many omitted files as the budget allows; the count covers the rest.
  const names: string[] = [];
  let noteSize = 300;
  for (const f of omitted) {
    const name = `\`${f.path}\``;
    if (used + noteSize + measure(name) + 2 > budget) break;
    names.push(name);
    noteSize += measure(name) + 2;
  }
  const rest = omitted.length - names.length;
  const note = `> ${omitted.length} more file${omitted.length === 1 ? " is" : "s are"} not shown here to stay under GitHub's limit${names.length > 0 ? `: ${names.join(", ")}${rest > 0 ? ` and ${rest} more` : ""}` : ""}. The full diff is in ${fullReport}.\n`;
  return [heading, ...blocks, note].join("\n");
}

function fileBlock(file: FileDiff): string {
  const longest = Math.max(2, ...[...file.patch.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  const icon = { added: "➕", changed: "✏️", removed: "➖" }[file.status];
  return [`<details><summary>${icon} <code>${htmlText(file.path)}</code> (${file.status}, +${file.additions} −${file.deletions})</summary>`, "", `${fence}diff`, file.patch.trimEnd(), fence, "", "</details>", ""].join("\n");
}

export function htmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Text in a Markdown table cell or list item: no pipes, no HTML, no line breaks. */
function escape(text: string): string {
  return htmlText(text).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
