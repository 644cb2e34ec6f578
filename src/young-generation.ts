// A large run restarts node with Node 20's young generation. Node 24's V8 lets each semi-space of
// the young generation grow to 64 MB on these machines, four times Node 20's 16 MB, and a
// fleet-sized plan keeps allocating until it does: 5,000 routes peak at 280–300 MB of RSS, 128 MB
// of it young generation, against 180–200 MB with 16 MB semi-spaces and no slower (BENCHMARKS.md).
// Past that the old generation sets the peak (50,000 routes: 580–640 MB either way, V8 letting it
// grow to four times what the last full collection kept), which this does not change. The size is
// fixed when V8 starts (`v8.setFlagsFromString` afterwards changes nothing), so the flag is given
// by restarting: with `process.execve` (Node 22.15 and 23.11 on), which replaces this process, so
// its pid, standard streams, exit code and signals stay the caller's. Small runs, which never
// reach the cap, and a node without execve (Node 20, whose default this is already) run as they
// are, and so does a node that does not document the flag.
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { filesNamed } from "./named-files.ts";

/** Node documents this V8 option (it may be given in NODE_OPTIONS): the restart is never into a "bad option". */
const SEMI_SPACE_OPTION = "--max-semi-space-size";
export const YOUNG_GENERATION_FLAG = `${SEMI_SPACE_OPTION}=16`;
/** Input bytes from which a run restarts: about 3,000 routes of spec, well past where Node 20's semi-spaces fill. */
export const RESTART_FROM_BYTES = 1 << 20;

export interface Launch {
  readonly execPath: string;
  /** node's own options (`process.execArgv`), kept on restart. */
  readonly execArgv: readonly string[];
  /** The script and its arguments (`process.argv.slice(1)`): the restart runs the same script, which then goes on. */
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

/** Whether the young generation was sized by whoever started node, or by a restart already: they are obeyed. */
export function sizedAlready(launch: Launch): boolean {
  const chosen = [...launch.execArgv, ...(launch.env.NODE_OPTIONS ?? "").split(/\s+/)];
  return chosen.some((a) => /^--(max-semi-space-size|max-young-generation-size|semi-space-growth-factor)\b/.test(a.replaceAll("_", "-")));
}

/** node's argument vector for the restart, or undefined when this run should go on as it is. */
export function restartArgs(launch: Launch, inputBytes: number): string[] | undefined {
  if (inputBytes < RESTART_FROM_BYTES || sizedAlready(launch)) return undefined;
  return [launch.execPath, YOUNG_GENERATION_FLAG, ...launch.execArgv, ...launch.argv];
}

/**
 * The bytes of the files the arguments name, as the commands read them: a file by its name, a glob
 * by its matches. Folders, missing names and option values that are not files count nothing.
 */
export async function inputBytes(args: readonly string[], cwd: string): Promise<number> {
  let bytes = 0;
  for (const arg of args) {
    if (arg.startsWith("-")) continue;
    for (const name of (await filesNamed(arg, cwd)).files) {
      const info = statSync(resolve(cwd, name), { throwIfNoEntry: false });
      if (info?.isFile() === true) bytes += info.size;
    }
  }
  return bytes;
}

type Execve = (file: string, args: readonly string[], env: NodeJS.ProcessEnv) => never;

/**
 * Restarts this process with the young-generation flag when the files `inputs` name (relative to
 * `cwd`) are large; returns only when it is not restarted.
 */
export async function restartIfLarge(inputs: readonly string[], cwd: string): Promise<void> {
  // Not in @types/node for Node 20, the oldest node this runs on; POSIX only.
  const execve = (process as { execve?: Execve }).execve;
  if (execve === undefined || process.platform === "win32" || !process.allowedNodeEnvironmentFlags.has(SEMI_SPACE_OPTION)) return;
  const launch = { execPath: process.execPath, execArgv: process.execArgv, argv: process.argv.slice(1), env: process.env };
  // The restarted run, which is sized, goes on without reading its inputs' sizes again.
  if (sizedAlready(launch)) return;
  const args = restartArgs(launch, await inputBytes(inputs, cwd));
  if (args === undefined) return;
  try {
    execve.call(process, launch.execPath, args, launch.env);
  } catch {
    // execve refused (a resource limit, say): the run goes on with the default young generation.
  }
}
