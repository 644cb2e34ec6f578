// Whole-process measurements of the bundled CLI: `/usr/bin/time -v node dist/cli.js plan <specs…>
// --gitops <empty dir> --json`, and the check that every generated spec passes
// `node dist/cli.js validate` (no error and no warning) before anything is measured.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { GeneratedSpec } from "./fleet.ts";
import { median, mustRun, REPO_ROOT, runProcess, type Scratch } from "./support.ts";

const CLI = join(REPO_ROOT, "dist/cli.js");

export interface ProcessResult {
  readonly label: string;
  readonly wallMs: number;
  readonly peakRssMiB: number;
  readonly runs: number;
}

/** Writes the fleet into a fresh directory; returns it and the relative file names. */
export function writeFleet(scratch: Scratch, name: string, fleet: readonly GeneratedSpec[]): { dir: string; files: string[] } {
  const dir = scratch.dir(name);
  scratch.write(
    dir,
    fleet.map((s) => [s.file, s.text] as const),
  );
  return { dir, files: fleet.map((s) => s.file) };
}

/** Fails loudly unless `validate --json` says valid with no problem at all (warnings included). */
export async function assertValid(dir: string, files: readonly string[]): Promise<void> {
  const result = await runProcess(process.execPath, [CLI, "validate", ...files, "--json"], { cwd: dir, timeoutMs: 120_000 });
  let parsed: { valid?: boolean; problems?: unknown[] } = {};
  try {
    parsed = JSON.parse(result.stdout) as typeof parsed;
  } catch {
    // reported below
  }
  if (result.code !== 0 || parsed.valid !== true || (parsed.problems ?? []).length > 0) {
    throw new Error(
      `generated specs in ${dir} do not pass 'node dist/cli.js validate' cleanly (exit ${result.code}):\n${JSON.stringify(parsed.problems ?? result.stdout, null, 2).slice(0, 4000)}\n${result.stderr}`,
    );
  }
}

/** "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:07.98" → ms. */
function parseElapsed(text: string): number {
  const m = /Elapsed \(wall clock\) time \([^)]*\):\s*([\d:.]+)/.exec(text);
  if (!m?.[1]) throw new Error(`no wall clock time in /usr/bin/time output:\n${text}`);
  return m[1].split(":").reduce((acc, part) => acc * 60 + Number(part), 0) * 1000;
}

function parseMaxRss(text: string): number {
  const m = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(text);
  if (!m?.[1]) throw new Error(`no maximum resident set size in /usr/bin/time output:\n${text}`);
  return Number(m[1]) / 1024;
}

/** `/usr/bin/time -v node dist/cli.js plan … --json`, `runs` times; median wall, max RSS. */
export async function measurePlanProcess(
  scratch: Scratch,
  label: string,
  dir: string,
  files: readonly string[],
  runs: number,
): Promise<ProcessResult> {
  const empty = scratch.dir("empty-gitops");
  const timeFile = join(scratch.dir("time"), "time.txt");
  const walls: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < runs; i++) {
    await mustRun("/usr/bin/time", ["-v", "-o", timeFile, process.execPath, CLI, "plan", ...files, "--gitops", empty, "--json"], {
      cwd: dir,
      timeoutMs: 180_000,
    });
    const text = readFileSync(timeFile, "utf8");
    walls.push(parseElapsed(text));
    rss.push(parseMaxRss(text));
  }
  return { label, wallMs: median(walls), peakRssMiB: Math.max(...rss), runs };
}
