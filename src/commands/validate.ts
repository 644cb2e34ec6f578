import { errorCount, formatProblem } from "../problems.ts";
import { readySpecs } from "../pipeline/ready-specs.ts";
import { refusalLine } from "./ready-lines.ts";
import type { CommandResult } from "./result.ts";

/** Everything `render` would refuse, in one run: the specs, the specs together, and their render. */
export async function validateCommand(patterns: readonly string[], options: { json: boolean; cwd?: string }): Promise<CommandResult> {
  // Nothing is written, so no render is kept: each is garbage once checked and verified.
  const loaded = await readySpecs(patterns, options, () => undefined);
  const { problems } = loaded;
  const refusal = loaded.ok || loaded.refusal === undefined ? undefined : refusalLine(loaded.refusal);
  if (options.json) {
    const specs = loaded.ok ? loaded.specs.map((s) => ({ file: s.file, name: s.spec, path: s.folder })) : [];
    return {
      exitCode: loaded.ok ? 0 : 1,
      stdout: `${JSON.stringify({ valid: loaded.ok, specs, problems, ...(refusal === undefined ? {} : { refusal }) }, null, 2)}\n`,
    };
  }
  const lines = problems.map(formatProblem);
  if (loaded.ok) lines.push(...loaded.specs.map((s) => `ok ${s.file}: ${s.spec} owns ${s.folder}/`));
  else
    lines.push(
      ...(refusal === undefined ? [] : [refusal]),
      `${errorCount(problems) + (refusal === undefined ? 0 : 1)} error(s); nothing was written`,
    );
  return { exitCode: loaded.ok ? 0 : 1, stdout: `${lines.join("\n")}\n` };
}
