import { resolve } from "node:path";
import { writeFolder } from "../plan/checkout.ts";
import { checkoutRefusals, inTheWay, readFolders, wholeCheckout } from "../plan/read-checkout.ts";
import { planWrites } from "../plan/write-plan.ts";
import { readySpecs } from "../pipeline/ready-specs.ts";
import { failureLines, problemLines, refusalLine } from "./ready-lines.ts";
import type { CommandResult } from "./result.ts";

export interface RenderOptions {
  readonly out: string;
  readonly templates?: string;
  readonly cwd?: string;
}

/**
 * Writes into DIR exactly what delivery would commit to a repository whose checkout DIR is: the
 * render, the ownership record, and the removal of owned files no longer rendered. So `render`
 * then `plan` of the same spec against DIR plans nothing.
 */
export async function renderCommand(patterns: readonly string[], options: RenderOptions): Promise<CommandResult> {
  // Everything is rendered, validated and checked against DIR before anything is written, so a failure leaves it untouched.
  const ready = await readySpecs(patterns, options);
  if (!ready.ok) {
    if (ready.refusal === undefined) return { exitCode: 1, stdout: `${[...failureLines(ready), "nothing was written"].join("\n")}\n` };
    const notes = problemLines(ready);
    return {
      exitCode: 1,
      stdout: notes.length > 0 ? `${notes.join("\n")}\n` : "",
      stderr: `${refusalLine(ready.refusal)}\nnothing was written\n`,
    };
  }
  const out = resolve(options.cwd ?? process.cwd(), options.out);
  const reads = await readFolders(out, ready.specs);
  const refusals = checkoutRefusals(
    reads,
    ready.results.flatMap((v) => inTheWay(reads, v)),
  );
  const notes = ready.problems.length > 0 ? `${problemLines(ready).join("\n")}\n` : "";
  if (refusals.length > 0)
    return { exitCode: 1, stdout: notes, stderr: `${refusals.map((r) => `ingress-gitops: ${r}`).join("\n")}\nnothing was written\n` };
  const plan = planWrites(ready.results, wholeCheckout(reads));
  await writeFolder(out, plan);
  const lines = plan.folders.map(
    (f) =>
      `${f.spec}: ${f.after.size} files in ${resolve(out, f.folder)} (${f.added.length} added, ${f.changed.length} changed, ${f.removed.length} removed)`,
  );
  return { exitCode: 0, stdout: `${notes}${lines.join("\n")}\n` };
}
