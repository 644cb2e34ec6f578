import { join } from "node:path";
import { buildPlan, withDrift, type PlanReport } from "../diff/plan.ts";
import { planJson } from "../diff/plan-json.ts";
import type { Elsewhere } from "../diff/body/budget.ts";
import { extractTopology } from "../topology/extract.ts";
import { readManifests } from "./topology.ts";
import { reportMarkdown, PR_BODY_LIMIT } from "../diff/markdown.ts";
import { readCheckout } from "../plan/read-checkout.ts";
import { planWrites } from "../plan/write-plan.ts";
import { readySpecs } from "../pipeline/ready-specs.ts";
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
 * The report, and nothing of the road to it: the specs, their objects and the write plan are
 * garbage once it is made, rather than held (by the caller's scope) while the output is written.
 */
async function plannedReport(
  patterns: readonly string[],
  options: PlanOptions,
): Promise<{ readonly report: PlanReport; readonly notes: readonly string[] } | CommandResult> {
  const ready = await readySpecs(patterns, options);
  if (!ready.ok) return { exitCode: 1, stdout: "", stderr: `${failureLines(ready).join("\n")}\n` };
  const notes = problemLines(ready);
  const read = await readCheckout(options.gitops, ready.verified);
  if (!read.ok)
    return { exitCode: 1, stdout: "", stderr: `${[...notes, ...read.refusals.map((r) => `ingress-gitops: ${r}`)].join("\n")}\n` };
  return { report: buildPlan(planWrites(ready.verified, read.checkout)), notes };
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
