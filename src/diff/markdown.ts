// The PR body (and job summary): the risk first, in one sentence, then what is reachable from
// where, through what, and what changed, before any YAML. A hard budget: the body never exceeds
// its limit, whatever the input; it degrades in a stated order (body/budget.ts) and says each
// cut, with a link to where the rest is. Each section is a module of body/; spec-derived text
// goes through markdown-text.ts only. Deterministic: the same report gives the same text.
import { machineSection, reportDigestLine } from "./machine-section.ts";
import { graphSection } from "./graph.ts";
import type { FileDiff, FolderReport, PlanReport } from "./plan.ts";
import { cutNotice, cutsOf, fittingDetail, type Detail, type Elsewhere } from "./body/budget.ts";
import { adoptionNote } from "./body/adoption-note.ts";
import { departedNote } from "./body/departed-note.ts";
import { exposureTable } from "./body/exposure-table.ts";
import { filesByRisk, filesSection } from "./body/file-diffs.ts";
import { findingsSection } from "./body/findings.ts";
import { fleetTable } from "./body/fleet-table.ts";
import { headline, summaryLine } from "./body/headline.ts";
import { byRisk, hasChanges } from "./body/risk.ts";

/** GitHub refuses a pull request body longer than this (in characters). */
export const PR_BODY_LIMIT = 65_536;

export interface MarkdownOptions {
  /** Largest size of the machine-owned part, markers included. */
  readonly limit: number;
  /** How size is counted: characters for a PR body, bytes for a job summary. */
  readonly measure?: (text: string) => number;
  readonly fullReport: Elsewhere;
  /** Folders the PR changed whose spec left the run (deliver/departed.ts). */
  readonly departed?: readonly string[];
}

export function reportMarkdown(report: PlanReport, options: MarkdownOptions): string {
  const measure = options.measure ?? ((text: string) => text.length);
  const folders = byRisk(report.folders);
  // The same whatever the detail: sorted once, not once per step tried.
  const files = folders.flatMap((f) => filesByRisk(f));
  // The step that fits was rendered to find that out; it is not rendered again.
  const rendered = new Map<Detail, string>();
  const render = (detail: Detail) => {
    const text = rendered.get(detail) ?? body(report, folders, files, detail, measure, options);
    rendered.set(detail, text);
    return text;
  };
  return render(fittingDetail(folders.length, (detail) => measure(render(detail)) <= options.limit));
}

function body(
  report: PlanReport,
  folders: readonly FolderReport[],
  files: readonly FileDiff[],
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
          exposureTable(
            shown.slice(0, detail.detailed),
            multi,
            detail.perCluster === "full" ? "exposure" : detail.perCluster === "grouped" ? "host" : "gateway",
          ),
        ]),
  ];
  const cuts = cutsOf(folders, detail);
  const head = (fileCut: string | undefined) =>
    [
      reportDigestLine(report.digest),
      "## Ingress topology",
      "",
      headline(report.folders),
      "",
      summaryLine(report),
      "",
      ...adoptionNote(report.folders),
      ...departedNote(options.departed ?? []),
      ...cutNotice([...(fileCut === undefined ? [] : [fileCut]), ...cuts], options.fullReport),
      ...sections,
    ].join("\n");
  // The diffs get what the rest leaves, riskiest first; the cut notice is reserved for before it is known.
  const reserve = measure(head("file diffs (999999 of 999999 shown)")) + measure(machineSection("")) + 2;
  const { text, omitted } = filesSection(files, options.limit - reserve, measure);
  const fileCut =
    omitted === 0
      ? undefined
      : omitted === files.length
        ? "all file diffs"
        : `file diffs (${files.length - omitted} of ${files.length} shown)`;
  return machineSection(`${head(fileCut)}\n${text}`);
}
