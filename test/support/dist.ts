// The bundle the end-to-end tests run, checked first: `npm test` does not build dist/, so a
// missing or stale bundle fails here with what to run, not later as a wrong result.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { distProblem } from "../../scripts/bundle.mjs";
import { E2E_NODE } from "./e2e-node.ts";

const problem = await distProblem();
if (problem !== undefined) throw new Error(problem);

/** dist/cli.js, absolute, so it may be spawned from any working directory. */
export const DIST_CLI = join(process.cwd(), "dist", "cli.js");
/** dist/index.js, the action's entry point (action.yml's runs.main). */
export const DIST_ACTION = join(process.cwd(), "dist", "index.js");

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The command line as a user meets it: dist/cli.js spawned by the end-to-end Node. */
export function cli(...args: string[]): CliRun {
  return cliIn({}, ...args);
}

/** `cli` in another working directory or environment. */
export function cliIn(options: { readonly cwd?: string; readonly env?: NodeJS.ProcessEnv }, ...args: string[]): CliRun {
  const result = spawnSync(E2E_NODE, [DIST_CLI, ...args], { encoding: "utf8", ...options });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
