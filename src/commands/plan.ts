import { buildPlan, contractPlan } from "../diff/plan.ts";
import type { Elsewhere } from "../diff/body/budget.ts";
import { reportMarkdown, PR_BODY_LIMIT } from "../diff/markdown.ts";
import { readCheckout } from "../plan/read-checkout.ts";
import { planWrites } from "../plan/write-plan.ts";
import { readySpecs } from "../pipeline/ready-specs.ts";
import { failureLines, problemLines } from "./ready-lines.ts";
import type { CommandResult } from "./result.ts";

export interface PlanOptions {
  readonly gitops: string;
  readonly json: boolean;
  readonly templates?: string;
  readonly cwd?: string;
}

/** Where a body cut by the CLI sends its reader: plain words, since the label is shown as text. */
export const PLAN_JSON: Elsewhere = { label: "the output of ingress-gitops plan --json (files with their diffs, paths and findings)" };

/** Renders in memory, compares with the GitOps checkout and prints the PR body or the plan JSON. Writes nothing. */
export async function planCommand(patterns: readonly string[], options: PlanOptions): Promise<CommandResult> {
  const ready = await readySpecs(patterns, options);
  if (!ready.ok) return { exitCode: 1, stdout: "", stderr: `${failureLines(ready).join("\n")}\n` };
  const notes = problemLines(ready);
  const read = await readCheckout(options.gitops, ready.verified);
  if (!read.ok)
    return { exitCode: 1, stdout: "", stderr: `${[...notes, ...read.refusals.map((r) => `ingress-gitops: ${r}`)].join("\n")}\n` };
  const report = buildPlan(planWrites(ready.verified, read.checkout));
  const stderr = notes.length > 0 ? `${notes.join("\n")}\n` : "";
  const stdout = options.json
    ? `${JSON.stringify(contractPlan(report), null, 2)}\n`
    : `${reportMarkdown(report, { limit: PR_BODY_LIMIT, fullReport: PLAN_JSON })}\n`;
  return { exitCode: 0, stdout, stderr };
}
