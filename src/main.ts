// The action's door: reads inputs, runs the pipeline, turns problems into annotations and
// failures. Nothing else in the project knows about @actions/core.
import * as core from "@actions/core";
import { loadSpecs } from "./spec/load.ts";
import { formatProblem, hasErrors } from "./spec/problems.ts";

/** Inputs that take several values accept newlines or commas between them. */
export function listInput(name: string): string[] {
  return core
    .getInput(name)
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

export async function run(): Promise<void> {
  try {
    const { specs, problems } = await loadSpecs(listInput("spec"));
    for (const p of problems) {
      const properties = { file: p.file, startLine: p.line, startColumn: p.col, title: "ingress-gitops" };
      if (p.severity === "error") core.error(p.message, properties);
      else core.warning(p.message, properties);
      core.info(formatProblem(p));
    }
    core.setOutput("specs", String(specs.length));
    if (hasErrors(problems)) {
      core.setFailed(`${problems.filter((p) => p.severity === "error").length} problem(s) in the specs; nothing was written`);
      return;
    }
    core.info(`${specs.length} spec(s) valid`);
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
