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
import { clusterCache } from "./body/memo.ts";
import { Memo } from "../memo.ts";

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
  const { clusters, sectionsOf, bodyOf } = bodies(report, options);
  // The step that fits was rendered to find that out; it is not rendered again.
  const rendered = new Memo<Detail, string>();
  const render = (detail: Detail) => rendered.get(detail, () => bodyOf(detail));
  // A body holds its sections verbatim and size adds up over text (characters, bytes): a step whose
  // sections alone are over the limit cannot fit, and is not made into a whole body to find that out.
  const fits = (detail: Detail) =>
    sectionsOf(detail).reduce((n, s) => n + measure(s), 0) <= options.limit && measure(render(detail)) <= options.limit;
  return render(fittingDetail(clusters, fits));
}

/**
 * The body at one step of detail, made from scratch, with nothing shared with another step: what
 * `reportMarkdown` gives when this is the step that fits (the reference its shortcuts are tested against).
 */
export function bodyAt(report: PlanReport, detail: Detail, options: MarkdownOptions): string {
  return bodies(report, options).bodyOf(detail);
}

const measureOf = (options: MarkdownOptions) => options.measure ?? ((text: string) => text.length);

/**
 * The bodies of one report at each step of detail, and their sections. What does not depend on
 * the step (the files by risk, the headline and summary) is made once, each section once per
 * distinct input, and each cluster's part of a section once (body/memo.ts): consecutive
 * steps share most of their sections, and the steps that cut clusters bisect over them.
 */
function bodies(report: PlanReport, options: MarkdownOptions) {
  const measure = measureOf(options);
  const folders = byRisk(report.folders);
  const files = folders.flatMap((f) => filesByRisk(f));
  const preamble = [
    reportDigestLine(report.digest),
    "## Ingress topology",
    "",
    headline(report.folders),
    "",
    summaryLine(report),
    "",
    ...adoptionNote(report.folders),
    ...departedNote(options.departed ?? []),
  ];
  const sectionsOf = sectionsByDetail(report, folders);
  return {
    clusters: folders.length,
    sectionsOf,
    bodyOf: (detail: Detail) => body(preamble, folders, files, sectionsOf(detail), detail, measure, options),
  };
}

function sectionsByDetail(report: PlanReport, folders: readonly FolderReport[]): (detail: Detail) => readonly string[] {
  const multi = folders.length > 1;
  const changed = folders.filter(hasChanges);
  const cache = clusterCache();
  const made = new Memo<string, string>();
  const once = (key: string, make: () => string) => made.get(key, make);
  const graphs = new Memo<number, (aggregated: boolean) => string>();
  const graphOf = (shown: readonly FolderReport[]) =>
    graphs.get(shown.length, () => {
      const graphed = new Set(shown);
      // In the report's order, not by risk: the graph's boxes are the clusters as the run lists them.
      return graphSections({ ...report, folders: report.folders.filter((f) => graphed.has(f)) });
    });
  return (detail) => {
    const shown = detail.unchangedRows ? folders : changed;
    // `changed` keeps the order of `folders`, so the two shown lists of one length are one list.
    const at = `${shown.length}\0${detail.detailed}`;
    const grain = detail.perCluster === "full" ? "exposure" : detail.perCluster === "grouped" ? "host" : "gateway";
    return [
      ...(multi
        ? [
            once(`fleet\0${shown.length}\0${detail.clusterRows}`, () =>
              fleetTable(shown.slice(0, detail.clusterRows), folders.length - Math.min(shown.length, detail.clusterRows), cache),
            ),
          ]
        : []),
      ...(detail.detailed === 0
        ? []
        : [
            once(`findings\0${at}\0${detail.perCluster !== "full"}`, () =>
              findingsSection(shown.slice(0, detail.detailed), multi, detail.perCluster !== "full", cache),
            ),
          ]),
      ...(detail.graph === "none"
        ? []
        : [once(`graph\0${shown.length}\0${detail.graph}`, () => graphOf(shown)(detail.graph === "aggregated"))]),
      ...(detail.detailed === 0
        ? []
        : [once(`paths\0${at}\0${grain}`, () => exposureTable(shown.slice(0, detail.detailed), multi, grain, cache))]),
    ];
  };
}

function body(
  preamble: readonly string[],
  folders: readonly FolderReport[],
  files: readonly FileDiff[],
  sections: readonly string[],
  detail: Detail,
  measure: (t: string) => number,
  options: MarkdownOptions,
): string {
  const cuts = cutsOf(folders, detail);
  const head = (fileCut: string | undefined) =>
    [...preamble, ...cutNotice([...(fileCut === undefined ? [] : [fileCut]), ...cuts], options.fullReport), ...sections].join("\n");
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
