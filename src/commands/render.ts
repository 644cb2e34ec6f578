import { resolve } from "node:path";
import { writeFolder } from "../plan/checkout.ts";
import { readCheckout } from "../plan/read-checkout.ts";
import { planWrites } from "../plan/write-plan.ts";
import { loadAndRender } from "./load-and-render.ts";
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
  const loaded = await loadAndRender(patterns, options);
  if (!loaded.ok) {
    if (loaded.refusal === undefined) return { exitCode: 1, stdout: `${[...loaded.notes, "nothing was written"].join("\n")}\n` };
    return {
      exitCode: 1,
      stdout: loaded.notes.length > 0 ? `${loaded.notes.join("\n")}\n` : "",
      stderr: `${loaded.refusal}\nnothing was written\n`,
    };
  }
  const out = resolve(options.cwd ?? process.cwd(), options.out);
  const read = await readCheckout(out, loaded.rendered.specs);
  const notes = loaded.notes.length > 0 ? `${loaded.notes.join("\n")}\n` : "";
  if (!read.ok)
    return { exitCode: 1, stdout: notes, stderr: `${read.refusals.map((r) => `ingress-gitops: ${r}`).join("\n")}\nnothing was written\n` };
  const plan = planWrites(loaded.rendered.specs, read.checkout);
  await writeFolder(out, plan.writes, plan.deletes);
  const lines = plan.folders.map(
    (f) =>
      `${f.spec}: ${f.after.size} files in ${resolve(out, f.folder)} (${f.added.length} added, ${f.changed.length} changed, ${f.removed.length} removed)`,
  );
  return { exitCode: 0, stdout: `${notes}${lines.join("\n")}\n` };
}
