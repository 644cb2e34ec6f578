import { join } from "node:path";
import { folderReports, planDigest, withDrift, type FolderReport, type PlanReport } from "../diff/plan.ts";
import { planJson } from "../diff/plan-json.ts";
import type { Elsewhere } from "../diff/body/budget.ts";
import { extractTopology } from "../topology/extract.ts";
import { readManifests } from "./topology.ts";
import { reportMarkdown, PR_BODY_LIMIT } from "../diff/markdown.ts";
import { checkoutRefusals, claimOf, inTheWay, readFolders, type FolderReads } from "../plan/read-checkout.ts";
import { planWrites } from "../plan/write-plan.ts";
import { loadSpecs } from "../pipeline/load-specs.ts";
import { readyRender } from "../pipeline/ready-specs.ts";
import { hasErrors } from "../problems.ts";
import type { Verified } from "../verify/verified.ts";
import { failureLines, problemLines } from "./ready-lines.ts";
import type { CommandResult, DoorResult } from "./result.ts";

export interface PlanOptions {
  readonly gitops: string;
  readonly json: boolean;
  readonly templates?: string;
  readonly cwd?: string;
  /** A cluster dump (`kubectl get -o yaml`, a file or folder as `topology` reads it): its drift from Git joins the findings. */
  readonly live?: string;
  readonly stdin?: () => Promise<string>;
}

/** Where a body cut by the CLI sends its reader: plain words, since the label is shown as text. */
export const PLAN_JSON: Elsewhere = { label: "the output of ingress-gitops plan --json (files with their diffs, paths and findings)" };

/** Renders in memory, compares with the GitOps checkout and prints the PR body or the plan JSON. Writes nothing. */
export async function planCommand(patterns: readonly string[], options: PlanOptions): Promise<DoorResult> {
  const planned = await plannedReport(patterns, options);
  if ("exitCode" in planned) return planned;
  const report = options.live === undefined ? planned.report : await withLiveDrift(planned.report, options.live, options.stdin);
  if ("exitCode" in report) return report;
  const stderr = planned.notes.length > 0 ? `${planned.notes.join("\n")}\n` : "";
  const stdout = options.json
    ? { chunks: planJson(report) }
    : `${reportMarkdown(report, { limit: PR_BODY_LIMIT, fullReport: PLAN_JSON })}\n`;
  return { exitCode: 0, stdout, stderr };
}

/**
 * The report, and nothing of the road to it: each spec is planned as soon as it is verified, so
 * its render is garbage before the next spec's is made, and the specs are garbage once the
 * report is joined, rather than held (by the caller's scope) while the output is written.
 */
async function plannedReport(
  patterns: readonly string[],
  options: PlanOptions,
): Promise<{ readonly report: PlanReport; readonly notes: readonly string[] } | CommandResult> {
  const loaded = await loadSpecs(patterns, options.cwd);
  // Read before the render, from the specs alone; a run with spec errors reads nothing.
  const reads = await readFolders(options.gitops, hasErrors(loaded.problems) ? [] : loaded.specs.map(claimOf));
  const ready = readyRender(loaded, options.templates, (v) => plannedFolder(v, reads));
  if (!ready.ok) return { exitCode: 1, stdout: "", stderr: `${failureLines(ready).join("\n")}\n` };
  const notes = problemLines(ready);
  const refusals = checkoutRefusals(
    reads,
    ready.results.flatMap((r) => r.inTheWay),
  );
  if (refusals.length > 0)
    return { exitCode: 1, stdout: "", stderr: `${[...notes, ...refusals.map((r) => `ingress-gitops: ${r}`)].join("\n")}\n` };
  const writes = new Map(ready.results.flatMap((r) => [...r.writes]));
  const report = {
    folders: ready.results.flatMap((r) => r.folders),
    digest: planDigest(
      writes,
      ready.results.flatMap((r) => r.deletes),
    ),
  };
  return { report, notes };
}

/** One spec's share of the plan: its folder's report, what it writes and deletes (for the run's digest), and the files in its way. */
interface PlannedFolder {
  readonly folders: readonly FolderReport[];
  readonly writes: ReadonlyMap<string, string>;
  readonly deletes: readonly string[];
  readonly inTheWay: readonly string[];
}

function plannedFolder(v: Verified, reads: FolderReads): PlannedFolder {
  const write = planWrites([v], reads.folders.get(v.folder) ?? new Map());
  return { folders: folderReports(write), writes: write.writes, deletes: write.deletes, inTheWay: inTheWay(reads, v) };
}

/** The plan with the drift between a cluster dump and Git among its findings; a dump is of one cluster, and a run may render several. */
async function withLiveDrift(planned: PlanReport, dump: string, stdin: PlanOptions["stdin"]): Promise<PlanReport | CommandResult> {
  if (planned.folders.length !== 1)
    return {
      exitCode: 2,
      stdout: "",
      stderr: `ingress-gitops: plan --live compares one cluster: give one spec, not ${planned.folders.length}\n`,
    };
  const live = await readManifests([dump], stdin ?? (() => Promise.resolve("")));
  if (!live.ok) return { exitCode: live.exitCode, stdout: "", stderr: `ingress-gitops: --live: ${live.message}\n` };
  // Named as the user gave them, so that a finding about the cluster points into the dump.
  const named = live.files.map((f) => ({ ...f, file: `live:${f.file === dump || f.file === "<stdin>" ? f.file : join(dump, f.file)}` }));
  return withDrift(planned, extractTopology(named));
}
