// Whole-process measurements of the bundled CLI beside their floor: `/usr/bin/time -v node
// dist/cli.js plan <specs…> --gitops <empty dir> --json`, then `node bench/floor.mjs` on the same
// specs and the bytes that plan printed, alternating run by run so both see the same machine; and
// the check that every generated spec passes `node dist/cli.js validate` (no error and no
// warning; an info note such as Cilium's install advice is what a real spec gets too) before
// anything is measured.
import { spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { GeneratedSpec } from "./fleet.ts";
import { median, REPO_ROOT, runProcess, type Scratch } from "./support.ts";

const CLI = join(REPO_ROOT, "dist/cli.js");
const FLOOR = join(REPO_ROOT, "bench/floor.mjs");

/** One command's runs: wall and CPU (user + system) as min and median, the largest RSS. */
export interface Timing {
  readonly minMs: number;
  readonly medianMs: number;
  readonly cpuMedianMs: number;
  readonly peakRssMiB: number;
}

export interface ProcessResult {
  readonly label: string;
  readonly routes: number;
  readonly runs: number;
  readonly plan: Timing;
  readonly floor: Timing;
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

/** Fails loudly unless `validate --json` says valid with no error and no warning. */
export async function assertValid(dir: string, files: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const result = await runProcess(process.execPath, [CLI, "validate", ...files, "--json"], { cwd: dir, env, timeoutMs: 300_000 });
  let parsed: { valid?: boolean; problems?: { severity?: string }[] } = {};
  try {
    parsed = JSON.parse(result.stdout) as typeof parsed;
  } catch {
    // reported below
  }
  if (result.code !== 0 || parsed.valid !== true || (parsed.problems ?? []).some((p) => p.severity !== "info")) {
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

function parseSeconds(text: string, label: string): number {
  const m = new RegExp(`${label} \\(seconds\\):\\s*([\\d.]+)`).exec(text);
  if (!m?.[1]) throw new Error(`no ${label} in /usr/bin/time output:\n${text}`);
  return Number(m[1]) * 1000;
}

function parseMaxRss(text: string): number {
  const m = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(text);
  if (!m?.[1]) throw new Error(`no maximum resident set size in /usr/bin/time output:\n${text}`);
  return Number(m[1]) / 1024;
}

interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly rssMiB: number;
}

/** Runs `args` under `/usr/bin/time -v` with stdout into `stdoutFile`; fails unless it exits 0. */
function timed(args: readonly string[], cwd: string, stdoutFile: string, timeFile: string, env: NodeJS.ProcessEnv): Promise<Sample> {
  const out = openSync(stdoutFile, "w");
  return new Promise<Sample>((resolve, reject) => {
    const child = spawn("/usr/bin/time", ["-v", "-o", timeFile, process.execPath, ...args], {
      cwd,
      env,
      stdio: ["ignore", out, "pipe"],
      timeout: 600_000,
      killSignal: "SIGKILL",
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) {
        reject(new Error(`node ${args.join(" ").slice(0, 300)} exited ${code}:\n${stderr.slice(-4000)}`));
        return;
      }
      const text = readFileSync(timeFile, "utf8");
      resolve({
        wallMs: parseElapsed(text),
        cpuMs: parseSeconds(text, "User time") + parseSeconds(text, "System time"),
        rssMiB: parseMaxRss(text),
      });
    });
  }).finally(() => {
    closeSync(out);
  });
}

function timing(samples: readonly Sample[]): Timing {
  return {
    minMs: Math.min(...samples.map((s) => s.wallMs)),
    medianMs: median(samples.map((s) => s.wallMs)),
    cpuMedianMs: median(samples.map((s) => s.cpuMs)),
    peakRssMiB: Math.max(...samples.map((s) => s.rssMiB)),
  };
}

/** `plan … --json` and its floor, alternating, `runs` times each. */
export async function measurePlanProcess(
  scratch: Scratch,
  c: { readonly label: string; readonly routes: number },
  fleet: { readonly dir: string; readonly files: readonly string[] },
  runs: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ProcessResult> {
  const empty = scratch.dir("empty-gitops");
  const work = scratch.dir("process");
  const planOut = join(work, "plan.json");
  const floorOut = join(work, "floor.json");
  const timeFile = join(work, "time.txt");
  const plan: Sample[] = [];
  const floor: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    plan.push(await timed([CLI, "plan", ...fleet.files, "--gitops", empty, "--json"], fleet.dir, planOut, timeFile, env));
    floor.push(await timed([FLOOR, planOut, ...fleet.files], fleet.dir, floorOut, timeFile, env));
  }
  return { label: c.label, routes: c.routes, runs, plan: timing(plan), floor: timing(floor) };
}
