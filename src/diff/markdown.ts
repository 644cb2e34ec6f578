// The PR body (and job summary): the risk first, in one sentence, then what is reachable from
// where, through what, and what changed, before any YAML. A hard budget: the body never exceeds
// its limit, whatever the input; it degrades in a stated order (body/budget.ts) and says each
// cut, with a link to where the rest is. Each section is a module of body/; spec-derived text
// goes through markdown-text.ts only. Deterministic: the same report gives the same text.
import { machineSection, reportDigestLine } from "./machine-section.ts";
import { graphSections } from "./graph.ts";
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
  /** How size is counted: characters for a PR body, bytes for a job summary; either way the size of joined text is the sum of its parts'. */
  readonly measure?: (text: string) => number;
  readonly fullReport: Elsewhere;
  /** Folders the PR changed whose spec left the run (deliver/departed.ts). */
  readonly departed?: readonly string[];
}

export function reportMarkdown(report: PlanReport, options: MarkdownOptions): string {
  const measure = measureOf(options);
  const folders = byRisk(report.folders);
  // The same whatever the detail: sorted once, not once per step tried.
  const files = folders.flatMap((f) => filesByRisk(f));
  const sectionsOf = sectionsByDetail(report, folders);
  // The step that fits was rendered to find that out; it is not rendered again.
  const rendered = new Map<Detail, string>();
  const render = (detail: Detail) => {
    const text = rendered.get(detail) ?? body(report, folders, files, sectionsOf(detail), detail, measure, options);
    rendered.set(detail, text);
    return text;
  };
  // A body holds its sections verbatim and size adds up over text (characters, bytes): a step whose
  // sections alone are over the limit cannot fit, and is not made into a whole body to find that out.
  const fits = (detail: Detail) =>
    sectionsOf(detail).reduce((n, s) => n + measure(s), 0) <= options.limit && measure(render(detail)) <= options.limit;
  return render(fittingDetail(folders.length, fits));
}

/**
 * The body at one step of detail, made from scratch, with nothing shared with another step: what
 * `reportMarkdown` gives when this is the step that fits (the reference its shortcuts are tested against).
 */
export function bodyAt(report: PlanReport, detail: Detail, options: MarkdownOptions): string {
  const folders = byRisk(report.folders);
  const files = folders.flatMap((f) => filesByRisk(f));
  return body(report, folders, files, sectionsByDetail(report, folders)(detail), detail, measureOf(options), options);
}

const measureOf = (options: MarkdownOptions) => options.measure ?? ((text: string) => text.length);

/**
 * The sections of each step, each made once: consecutive steps share most of them (the steps
 * before the per-cluster cut differ only by the graph), and a large run's tables are most of the
 * time a body takes.
 */
function sectionsByDetail(report: PlanReport, folders: readonly FolderReport[]): (detail: Detail) => readonly string[] {
  const multi = folders.length > 1;
  const changed = folders.filter(hasChanges);
  const made = new Map<string, string>();
  const once = (key: string, make: () => string) => {
    const known = made.get(key);
    if (known !== undefined) return known;
    const text = make();
    made.set(key, text);
    return text;
  };
  const graphs = new Map<number, (aggregated: boolean) => string>();
  const graphOf = (shown: readonly FolderReport[]) => {
    const known = graphs.get(shown.length);
    if (known !== undefined) return known;
    const graphed = new Set(shown);
    // In the report's order, not by risk: the graph's boxes are the clusters as the run lists them.
    const sections = graphSections({ ...report, folders: report.folders.filter((f) => graphed.has(f)) });
    graphs.set(shown.length, sections);
    return sections;
  };
  return (detail) => {
    const shown = detail.unchangedRows ? folders : changed;
    // `changed` keeps the order of `folders`, so the two shown lists of one length are one list.
    const at = `${shown.length}\0${detail.detailed}`;
    const grain = detail.perCluster === "full" ? "exposure" : detail.perCluster === "grouped" ? "host" : "gateway";
    return [
      ...(multi
        ? [
            once(`fleet\0${shown.length}\0${detail.clusterRows}`, () =>
              fleetTable(shown.slice(0, detail.clusterRows), folders.length - Math.min(shown.length, detail.clusterRows)),
            ),
          ]
        : []),
      ...(detail.detailed === 0
        ? []
        : [
            once(`findings\0${at}\0${detail.perCluster !== "full"}`, () =>
              findingsSection(shown.slice(0, detail.detailed), multi, detail.perCluster !== "full"),
            ),
          ]),
      ...(detail.graph === "none"
        ? []
        : [once(`graph\0${shown.length}\0${detail.graph}`, () => graphOf(shown)(detail.graph === "aggregated"))]),
      ...(detail.detailed === 0
        ? []
        : [once(`paths\0${at}\0${grain}`, () => exposureTable(shown.slice(0, detail.detailed), multi, grain))]),
    ];
  };
}

function body(
  report: PlanReport,
  folders: readonly FolderReport[],
  files: readonly FileDiff[],
  sections: readonly string[],
  detail: Detail,
  measure: (t: string) => number,
  options: MarkdownOptions,
): string {
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
