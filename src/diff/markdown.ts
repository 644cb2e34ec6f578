// The PR body (and job summary): the risk first, in one sentence, then what is reachable from
// where, through what, and what changed, before any YAML. A hard budget: the body never exceeds
// its limit, whatever the input; it degrades in a stated order (file diffs, then the graph, then
// clusters without changes, then per-cluster detail into counts) and says each cut, with a link
// to where the rest is. Spec-derived text goes through markdown-text.ts only. Deterministic:
// the same report gives the same text.
import { backendLabel, exposureHost, exposureKey, exposureLabel, isExact, type Exposure, type Finding } from "../topology/types.ts";
import { groupBy } from "../group-by.ts";
import { compareText } from "../compare-text.ts";
import { findMachineSection, machineSection } from "./machine-section.ts";
import { graphSection } from "./graph.ts";
import { htmlText, mdCode, mdText } from "./markdown-text.ts";
import type { FileDiff, FolderReport, PlanReport } from "./plan.ts";

const DIGEST = /^<!-- ingress-gitops:digest=([0-9a-f]{64}) -->$/m;

/** GitHub refuses a pull request body longer than this (in characters). */
export const PR_BODY_LIMIT = 65_536;

/** Where a reader finds what the body leaves out: a link where there is one (the run's job summary). */
export interface Elsewhere {
  readonly label: string;
  readonly url?: string;
}

export interface MarkdownOptions {
  /** Largest size of the machine-owned part, markers included. */
  readonly limit: number;
  /** How size is counted: characters for a PR body, bytes for a job summary. */
  readonly measure?: (text: string) => number;
  readonly fullReport: Elsewhere;
  /** Folders the PR changed whose spec left the run (deliver/departed.ts). */
  readonly departed?: readonly string[];
}

/** How much of the body is shown; each step down is one cut, in the order the header states. */
interface Detail {
  readonly diffs: boolean;
  readonly graph: "full" | "aggregated" | "none";
  readonly unchangedRows: boolean;
  /** Findings and path tables per cluster, coarser at each step. */
  readonly perCluster: "full" | "grouped" | "by-gateway";
  /** Clusters that keep findings and path tables, riskiest first; the rest only have the fleet table's counts. */
  readonly detailed: number;
  /** Clusters in the fleet table, riskiest first; the rest are counted. */
  readonly clusterRows: number;
}

export function planMarkdown(report: PlanReport, options: MarkdownOptions): string {
  const measure = options.measure ?? ((text: string) => text.length);
  const folders = byRisk(report.folders);
  const n = folders.length;
  const render = (detail: Detail) => body(report, folders, detail, measure, options);
  const fits = (detail: Detail) => measure(render(detail)) <= options.limit;
  const full: Detail = { diffs: true, graph: "full", unchangedRows: true, perCluster: "full", detailed: n, clusterRows: n };
  const coarse: Detail = { ...full, diffs: false, graph: "none", unchangedRows: false, perCluster: "by-gateway" };
  const steps: Detail[] = [
    full,
    { ...full, diffs: false, graph: "aggregated" },
    { ...full, diffs: false, graph: "none" },
    { ...full, diffs: false, graph: "none", unchangedRows: false },
    { ...coarse, perCluster: "grouped" },
    coarse,
  ];
  const fitting = steps.find(fits);
  if (fitting !== undefined) return render(fitting);
  // Then per-cluster detail into counts, the least risky first; then the fleet table's rows.
  const detailed = largest(n, (k) => fits({ ...coarse, detailed: k }));
  if (detailed > 0) return render({ ...coarse, detailed });
  const rows = largest(n, (r) => fits({ ...coarse, detailed: 0, clusterRows: r }));
  return render({ ...coarse, detailed: 0, clusterRows: rows });
}

/** The largest k in 0..max for which `ok` holds, `ok` being true up to some k and false after. */
function largest(max: number, ok: (k: number) => boolean): number {
  let [low, high] = [0, max];
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (ok(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

function body(
  report: PlanReport,
  folders: readonly FolderReport[],
  detail: Detail,
  measure: (t: string) => number,
  options: MarkdownOptions,
): string {
  const multi = folders.length > 1;
  const shown = detail.unchangedRows ? folders : folders.filter(hasChanges);
  const sections = [
    ...(multi ? [fleetTable(shown.slice(0, detail.clusterRows), folders.length - Math.min(shown.length, detail.clusterRows))] : []),
    ...(detail.detailed === 0 ? [] : [findingsSection(shown.slice(0, detail.detailed), multi, detail.perCluster !== "full")]),
    ...(detail.graph === "none"
      ? []
      : [graphSection({ ...report, folders: report.folders.filter((f) => shown.includes(f)) }, detail.graph === "aggregated")]),
    ...(detail.detailed === 0
      ? []
      : [
          tableSection(
            shown.slice(0, detail.detailed),
            multi,
            detail.perCluster === "full" ? "path" : detail.perCluster === "grouped" ? "host" : "gateway",
          ),
        ]),
  ];
  const files = folders.flatMap((f) => filesByRisk(f));
  const cuts = cutsOf(report, folders, detail);
  const head = (fileCut: string | undefined) =>
    [
      `<!-- ingress-gitops:digest=${report.digest} -->`,
      "## Ingress topology",
      "",
      headline(report.folders),
      "",
      summaryLine(report),
      "",
      ...departedNote(options.departed ?? []),
      ...cutNotice([...(fileCut === undefined ? [] : [fileCut]), ...cuts], options),
      ...sections,
    ].join("\n");
  if (!detail.diffs)
    return machineSection(`${head(files.length === 0 ? undefined : "all file diffs")}\n${filesNote(files, NOTE_RESERVE - 200, measure)}`);
  // The diffs get what the rest leaves; the cut notice is reserved for before it is known.
  const reserve = measure(head("file diffs (999999 of 999999 shown)")) + measure(machineSection("")) + 2;
  const { text, omitted } = filesSection(files, options.limit - reserve, measure);
  return machineSection(`${head(omitted === 0 ? undefined : `file diffs (${files.length - omitted} of ${files.length} shown)`)}\n${text}`);
}

/** The report digest of the machine section of a PR body: equal to the plan's, nothing to update. */
export function digestOf(body: string): string | undefined {
  const section = findMachineSection(body);
  return section === undefined ? undefined : DIGEST.exec(section.content)?.[1];
}

/** A spec that left the run is said at the top, not dropped silently. */
function departedNote(folders: readonly string[]): string[] {
  if (folders.length === 0) return [];
  const list = folders.map((f) => `<code>${htmlText(f)}</code>`).join(", ");
  return [
    `> ⚠️ **No longer in this run:** ${list}. This pull request changed ${folders.length === 1 ? "that folder" : "those folders"} before, but no spec of this run owns ${folders.length === 1 ? "it" : "them"} any more (removed, renamed, or no longer matched), so this pull request no longer changes ${folders.length === 1 ? "it" : "them"}.`,
    "",
  ];
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

// --- risk: what a reviewer must see first --------------------------------------------------------

const count = (findings: readonly Finding[], severity: Finding["severity"]) => findings.filter((f) => f.severity === severity).length;

/** Paths that the internet reaches after the change and did not before; asked for at every attempt to fit, so kept. */
function newlyPublic(f: FolderReport): readonly Exposure[] {
  const known = exposure.get(f);
  if (known !== undefined) return known;
  const wasPublic = new Set(f.before.filter(isPublic).map(exposureKey));
  const paths = f.after.filter((p) => isPublic(p) && !wasPublic.has(exposureKey(p)));
  exposure.set(f, paths);
  return paths;
}

const exposure = new WeakMap<FolderReport, readonly Exposure[]>();

const isPublic = (p: Exposure) => p.loadBalancer.scheme === "internet-facing";

const hasChanges = (f: FolderReport) => f.files.length > 0 || f.findings.length > 0;

/** Riskiest first: errors, then warnings, then new exposure, then size of change; then by name. */
function byRisk(folders: readonly FolderReport[]): FolderReport[] {
  const key = (f: FolderReport) => [
    count(f.findings, "error"),
    count(f.findings, "warning"),
    newlyPublic(f).length,
    f.topology.added.length + f.topology.removed.length + f.topology.changed.length,
    f.files.length,
  ];
  const keyed = folders.map((f) => ({ f, k: key(f) }));
  keyed.sort((a, b) => {
    const differs = a.k.findIndex((v, i) => v !== b.k[i]);
    return differs === -1 ? compareText(a.f.spec, b.f.spec) : (b.k[differs] ?? 0) - (a.k[differs] ?? 0);
  });
  return keyed.map(({ f }) => f);
}

/** At most `shown` items by name, the rest counted: the headline stays one short sentence at any size. */
function some(items: readonly string[], shown = 3): string {
  const rest = items.length - shown;
  return `${items.slice(0, shown).join(", ")}${rest > 0 ? ` and ${rest} more` : ""}`;
}

/** One sentence, before any table: what becomes internet-facing and what is destroyed, across the fleet. */
function headline(folders: readonly FolderReport[]): string {
  const multi = folders.length > 1;
  const inCluster = (f: FolderReport, what: string) => (multi ? `${what} in ${mdText(f.spec)}` : what);
  // One load balancer can be both renamed and rescheduled: name each once per cluster.
  const destroyed = folders.flatMap((f) =>
    [...new Set(f.findings.flatMap((x) => (x.destroys === undefined ? [] : [x.destroys])))].map((d) => inCluster(f, mdCode(d))),
  );
  const exposedBy = folders.map((f) => ({ f, paths: newlyPublic(f) })).filter((e) => e.paths.length > 0);
  const exposed = exposedBy.flatMap(({ f, paths }) => paths.map((p) => inCluster(f, mdCode(exposureLabel(p)))));
  const otherErrors = folders.reduce((n, f) => n + f.findings.filter((x) => x.severity === "error" && x.destroys === undefined).length, 0);
  const parts = [
    ...(destroyed.length > 0 ? [`⛔ **destroys or replaces ${plural(destroyed.length, "load balancer")}** (${some(destroyed)})`] : []),
    ...(exposed.length > 0
      ? [
          `⚠️ **makes ${plural(exposed.length, "path")} internet-facing** (${some(exposed)})${multi ? ` in ${exposedBy.length} of ${plural(folders.length, "cluster")}` : ""}`,
        ]
      : []),
  ];
  const also = otherErrors > 0 ? `; ${plural(otherErrors, "other error")} below` : "";
  if (parts.length === 0) return `**Risk:** nothing becomes internet-facing and no load balancer is destroyed or replaced${also}.`;
  return `**Risk:** this change ${parts.join(" and ")}${also}.`;
}

function summaryLine(report: PlanReport): string {
  const files = report.folders.flatMap((f) => f.files);
  const status = (s: FileDiff["status"]) => files.filter((f) => f.status === s).length;
  const topo = (pick: (f: FolderReport) => readonly unknown[]) => report.folders.reduce((n, f) => n + pick(f).length, 0);
  const findings = report.folders.flatMap((f) => f.findings);
  return [
    ...(report.folders.length > 1
      ? [`**${plural(report.folders.length, "cluster")}** (${report.folders.filter(hasChanges).length} changed)`]
      : []),
    `**${plural(files.length, "file")}** (${status("added")} added, ${status("changed")} changed, ${status("removed")} removed)`,
    `**paths** ${topo((f) => f.topology.added)} added, ${topo((f) => f.topology.removed)} removed, ${topo((f) => f.topology.changed)} changed`,
    `**findings** ${plural(count(findings, "error"), "error")}, ${plural(count(findings, "warning"), "warning")}, ${count(findings, "info")} info`,
  ].join(" · ");
}

// --- cuts: each one said, with where the rest is ----------------------------------------------

function cutsOf(report: PlanReport, folders: readonly FolderReport[], detail: Detail): string[] {
  const multi = folders.length > 1;
  const changed = folders.filter(hasChanges).length;
  const unchanged = folders.length - changed;
  const listed = detail.unchangedRows ? folders.length : changed;
  const undetailed = Math.max(0, changed - detail.detailed);
  return [
    ...(detail.graph === "aggregated"
      ? ["the graph's routes and backends (it shows load balancers and gateways)"]
      : detail.graph === "none"
        ? ["the graph"]
        : []),
    ...(multi && !detail.unchangedRows && unchanged > 0 ? [`the rows of ${plural(unchanged, "cluster")} without changes`] : []),
    ...(detail.perCluster === "grouped"
      ? ["findings one by one (they are grouped by kind) and paths one by one (they are counted per host)"]
      : []),
    ...(detail.perCluster === "by-gateway"
      ? ["findings one by one (they are grouped by kind) and paths one by one (they are counted per load balancer and gateway)"]
      : []),
    ...(undetailed > 0
      ? [
          multi
            ? `the findings and paths of ${plural(undetailed, "less risky cluster")} (the table counts them)`
            : "the findings and paths (the line above counts them)",
        ]
      : []),
    ...(multi && detail.clusterRows < listed ? [`the rows of ${plural(listed - detail.clusterRows, "less risky cluster")}`] : []),
  ];
}

function cutNotice(cuts: readonly string[], options: MarkdownOptions): string[] {
  if (cuts.length === 0) return [];
  const where =
    options.fullReport.url === undefined
      ? mdText(options.fullReport.label)
      : `[${mdText(options.fullReport.label)}](<${options.fullReport.url}>)`;
  return [`> ✂️ **Shortened to stay under the size limit**, in this order: ${cuts.join("; ")}. What is left out is in ${where}.`, ""];
}

// --- sections -----------------------------------------------------------------------------------

const ICON = { error: "⛔", warning: "⚠️", info: "ℹ️" } as const;

/** One row per cluster, riskiest first, so a fleet change reads at a glance before its details. */
function fleetTable(folders: readonly FolderReport[], more: number): string {
  const rows = folders.map((f) => {
    const risk = `${ICON.error} ${count(f.findings, "error")} · ${ICON.warning} ${count(f.findings, "warning")} · ${ICON.info} ${count(f.findings, "info")}`;
    const changes = `+${f.topology.added.length} −${f.topology.removed.length} ~${f.topology.changed.length}`;
    return `| ${mdText(f.spec)} | ${risk} | ${newlyPublic(f).length} | ${changes} | ${f.files.length} |`;
  });
  const rest = more > 0 ? [`${plural(more, "more cluster")} not listed.`, ""] : [];
  if (rows.length === 0) return rest.join("\n");
  return ["| cluster | findings | newly internet-facing | paths (+ − ~) | files |", "|---|---|---|---|---|", ...rows, "", ...rest].join(
    "\n",
  );
}

function findingLine(f: Finding): string {
  return `- ${ICON[f.severity]} **${f.severity}** ${mdText(f.message)} — ${mdCode(f.path)}`;
}

function findingsSection(folders: readonly FolderReport[], multi: boolean, grouped: boolean): string {
  if (folders.every((f) => f.findings.length === 0)) return "### Findings\n\nNone.\n";
  const list = (findings: readonly Finding[]) => (grouped ? groupedFindings(findings) : findings.map(findingLine));
  if (!multi) return ["### Findings", "", ...list(folders[0]?.findings ?? []), ""].join("\n");
  // A fleet: each cluster's findings under its name, riskiest cluster first.
  const sections = folders.filter((f) => f.findings.length > 0).flatMap((f) => [`#### ${mdText(f.spec)}`, "", ...list(f.findings), ""]);
  return ["### Findings", "", ...sections].join("\n");
}

function groupedFindings(findings: readonly Finding[]): string[] {
  const groups = groupBy(findings, (f) => `${f.severity}\u0000${f.group ?? f.message}`);
  return [...groups.values()].map((list) => {
    const [first] = list;
    if (first === undefined) return "";
    if (list.length === 1 || first.group === undefined) return `${findingLine(first)}${list.length > 1 ? ` (×${list.length})` : ""}`;
    return `- ${ICON[first.severity]} **${first.severity}** ${list.length} ${mdText(first.group)}, e.g. ${mdText(first.message)}`;
  });
}

type Row = { change: "added" | "removed" | "changed"; before?: Exposure; after: Exposure };

/** A cluster's changed paths, riskiest first: newly public, then removed, changed, added; then by host and path. */
function rowsOf(f: FolderReport): Row[] {
  const exposed = new Set(newlyPublic(f));
  const rank = (r: Row) => (exposed.has(r.after) ? 0 : { removed: 1, changed: 2, added: 3 }[r.change]);
  return [
    ...f.topology.added.map((after): Row => ({ change: "added", after })),
    ...f.topology.removed.map((after): Row => ({ change: "removed", after })),
    ...f.topology.changed.map((c): Row => ({ change: "changed", before: c.before, after: c.after })),
  ].sort((a, b) => rank(a) - rank(b) || compareText(exposureKey(a.after), exposureKey(b.after)));
}

const CHANGE = { added: "➕ added", removed: "➖ removed", changed: "✏️ changed" } as const;

// `▸` joins hops of one path (load balancer ▸ gateway); `→` only ever means before → after.
function entryCell(p: Exposure): string {
  const lb = `${p.loadBalancer.type} ${mdCode(p.loadBalancer.name, "cell")} ${p.loadBalancer.scheme}${p.loadBalancer.external ? " (external)" : ""}`;
  return p.gateway.type === "none" ? lb : `${lb} ▸ ${p.gateway.type} ${mdCode(p.gateway.name, "cell")}`;
}

/** `before → after` where a field changed, else the value. */
function cell(row: Row, render: (p: Exposure) => string): string {
  const after = render(row.after);
  if (row.before === undefined) return after;
  const before = render(row.before);
  return before === after ? after : `${before} → **${after}**`;
}

// Five columns, the long ones last-but-one, so the table fits GitHub's column without scrolling.
const PATH_HEADER = "| change | host and path | TLS | load balancer ▸ gateway | backend |";
const PATH_RULE = "|---|---|---|---|---|";

function pathRow(r: Row): string {
  const route = `${mdCode(exposureLabel(r.after), "cell")}${isExact(r.after) ? " (exact)" : ""}`;
  const tls = cell(r, (p) => (p.tls ? "🔒 yes" : "no"));
  return `| ${CHANGE[r.change]} | ${route} | ${tls} | ${cell(r, entryCell)} | ${cell(r, (p) => mdCode(backendLabel(p), "cell"))} |`;
}

function tableSection(folders: readonly FolderReport[], multi: boolean, grain: "path" | "host" | "gateway"): string {
  const perCluster = folders.map((f) => ({ f, rows: rowsOf(f) })).filter((c) => c.rows.length > 0);
  const total = perCluster.reduce((n, c) => n + c.rows.length, 0);
  if (total === 0) return "### Changed paths\n\nNo path changes.\n";
  if (grain === "path") {
    // A fleet: one table per cluster, so each cluster's changes read on their own.
    const tables = perCluster.flatMap(({ f, rows }) => [
      ...(multi ? [`#### ${mdText(f.spec)}`, ""] : []),
      PATH_HEADER,
      PATH_RULE,
      ...rows.map(pathRow),
      "",
    ]);
    return ["### Changed paths", "", ...tables].join("\n");
  }
  const label = grain === "host" ? "host" : "load balancer ▸ gateway";
  const lines = perCluster.flatMap(({ f, rows }) => {
    const counts = new Map<string, { added: number; removed: number; changed: number }>();
    for (const r of rows) {
      const key = grain === "host" ? mdCode(exposureHost(r.after), "cell") : entryCell(r.after);
      const c = counts.get(key) ?? { added: 0, removed: 0, changed: 0 };
      c[r.change]++;
      counts.set(key, c);
    }
    return [...counts].map(([key, c]) => `| ${multi ? `${mdText(f.spec)} | ` : ""}${key} | ${c.added} | ${c.removed} | ${c.changed} |`);
  });
  const columns = `${multi ? "cluster | " : ""}${label} | added | removed | changed`;
  return [
    `### Changed paths (${total}, by ${label})`,
    "",
    `| ${columns} |`,
    `|${"---|".repeat(columns.split("|").length)}`,
    ...lines,
    "",
  ].join("\n");
}

// --- file diffs: what fits, riskiest first -----------------------------------------------------

/** The record of owned files tells a reviewer nothing about exposure: it goes last. */
const OWNERSHIP_RECORD = /(^|\/)\.ingress-gitops\.json$/;

/** Files a finding is about first (errors, then warnings, then info), then the rest by path. */
function filesByRisk(f: FolderReport): FileDiff[] {
  const rank = (file: FileDiff) => {
    if (OWNERSHIP_RECORD.test(file.path)) return 4;
    const about = f.findings.filter((x) => x.path === file.path).map((x) => SEVERITY_RANK[x.severity]);
    return Math.min(3, ...about);
  };
  return [...f.files].sort((a, b) => rank(a) - rank(b) || compareText(a.path, b.path));
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

function filesSection(files: readonly FileDiff[], budget: number, measure: (t: string) => number): { text: string; omitted: number } {
  if (files.length === 0) return { text: "### Files\n\nNo file changes.\n", omitted: 0 };
  const heading = "### Files\n";
  const blocks: string[] = [];
  let used = measure(heading);
  for (const file of files) {
    const block = fileBlock(file);
    // The block and the line break that joins it.
    const size = measure(block) + 1;
    // Riskiest first, so stop at the first that does not fit rather than skip to smaller ones.
    if (used + size + NOTE_RESERVE > budget) break;
    blocks.push(block);
    used += size;
  }
  const omitted = files.slice(blocks.length);
  if (omitted.length === 0) return { text: [heading, ...blocks].join("\n"), omitted: 0 };
  return { text: [heading, ...blocks, filesNote(omitted, NOTE_RESERVE - 200, measure)].join("\n"), omitted: omitted.length };
}

/** Room kept for the note that names files left out. */
const NOTE_RESERVE = 800;

/** Names as many omitted files as `room` allows; the count covers the rest. */
function filesNote(omitted: readonly FileDiff[], room: number, measure: (t: string) => number): string {
  if (omitted.length === 0) return "### Files\n\nNo file changes.\n";
  const names: string[] = [];
  let size = 0;
  for (const f of omitted) {
    const name = mdCode(f.path);
    if (size + measure(name) + 2 > room) break;
    names.push(name);
    size += measure(name) + 2;
  }
  const rest = omitted.length - names.length;
  const list = names.length > 0 ? `: ${names.join(", ")}${rest > 0 ? ` and ${rest} more` : ""}` : "";
  return `> The diffs of ${plural(omitted.length, "more file")} are not shown here${list}.\n`;
}

function fileBlock(file: FileDiff): string {
  const longest = Math.max(2, ...[...file.patch.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  const icon = { added: "➕", changed: "✏️", removed: "➖" }[file.status];
  return [
    `<details><summary>${icon} <code>${htmlText(file.path)}</code> (${file.status}, +${file.additions} −${file.deletions})</summary>`,
    "",
    `${fence}diff`,
    file.patch.trimEnd(),
    fence,
    "",
    "</details>",
    "",
  ].join("\n");
}
