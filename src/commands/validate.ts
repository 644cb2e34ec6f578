import { loadSpecs } from "../spec/load.ts";
import { errorCount, formatProblem, hasErrors } from "../spec/problems.ts";
import type { CommandResult } from "./result.ts";

export async function validateCommand(patterns: readonly string[], options: { json: boolean; cwd?: string }): Promise<CommandResult> {
  const { specs, problems } = await loadSpecs(patterns, options.cwd);
  const failed = hasErrors(problems);
  if (options.json) {
    return { exitCode: failed ? 1 : 0, stdout: `${JSON.stringify({ valid: !failed, specs: specs.map((s) => ({ file: s.file, name: s.spec.metadata.name, path: s.spec.gitops.path })), problems }, null, 2)}\n` };
  }
  const lines = problems.map(formatProblem);
  if (!failed) lines.push(...specs.map((s) => `ok ${s.file}: ${s.spec.metadata.name} owns ${s.spec.gitops.path}/`));
  else lines.push(`${errorCount(problems)} error(s); nothing was written`);
  return { exitCode: failed ? 1 : 0, stdout: `${lines.join("\n")}\n` };
}
