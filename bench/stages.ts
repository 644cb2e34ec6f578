// In-process stage timings of the pipeline on a generated fleet: load+validate, render, verify
// (strict validation of the output against the upstream schemas), write plan against an empty
// checkout, plan/diff, PR body. One
// warm-up, then the median of `runs` runs. Each case runs in a child process of its own
// (`node --import tsx bench/stages.ts <specs> <routesPerSpec> <seed> <runs>`, JSON on stdout), so
// its peak RSS is its own and not the high-water mark of the cases before it.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { reportMarkdown, PR_BODY_LIMIT } from "../src/diff/markdown.ts";
import { buildPlan } from "../src/diff/plan.ts";
import { planWrites } from "../src/plan/write-plan.ts";
import { renderSpecs } from "../src/render/render-specs.ts";
import { verifySpecs } from "../src/verify/verified.ts";
import { checkFleet } from "../src/validate/fleet.ts";
import { hasErrors, formatProblem } from "../src/problems.ts";
import { validateSpecBytes, type ValidSpec } from "../src/validate/validate.ts";
import { generateFleet } from "./fleet.ts";
import { median } from "./support.ts";

export const STAGES = ["load+validate", "render", "verify", "write plan", "plan/diff", "PR body"] as const;
export type Stage = (typeof STAGES)[number];

export interface StageCase {
  readonly label: string;
  readonly specs: number;
  readonly routesPerSpec: number;
}

export interface StageResult {
  readonly case: StageCase;
  /** Median wall time per stage, milliseconds. */
  readonly ms: Record<Stage, number>;
  readonly totalMs: number;
  /** The warm-up pass (first in a fresh process: schema compilation, JIT), milliseconds per stage. */
  readonly firstMs: Record<Stage, number>;
  readonly firstTotalMs: number;
  /** Peak resident set size of the measuring process, MiB. */
  readonly peakRssMiB: number;
  readonly files: number;
  readonly bodyChars: number;
}

/** One pass over the pipeline; returns the time of each stage. */
function once(inputs: readonly { file: string; bytes: Uint8Array }[]): { ms: Record<Stage, number>; files: number; bodyChars: number } {
  const t0 = performance.now();
  const valid: ValidSpec[] = [];
  for (const input of inputs) {
    const result = validateSpecBytes(input.file, input.bytes);
    if (result.valid === undefined || hasErrors(result.problems))
      throw new Error(`generated spec is invalid:\n${result.problems.map(formatProblem).join("\n")}`);
    valid.push(result.valid);
  }
  const fleetProblems = checkFleet(valid);
  if (fleetProblems.length > 0) throw new Error(`generated fleet is invalid:\n${fleetProblems.map(formatProblem).join("\n")}`);
  const t1 = performance.now();
  const rendered = renderSpecs(valid);
  const t2 = performance.now();
  // Every writer's input has passed this strict output validation.
  const verified = verifySpecs(rendered);
  const t3 = performance.now();
  const write = planWrites(verified, new Map());
  const t4 = performance.now();
  const report = buildPlan(write);
  const t5 = performance.now();
  const body = reportMarkdown(report, { limit: PR_BODY_LIMIT, fullReport: { label: "`plan --json`" } });
  const t6 = performance.now();
  return {
    ms: { "load+validate": t1 - t0, render: t2 - t1, verify: t3 - t2, "write plan": t4 - t3, "plan/diff": t5 - t4, "PR body": t6 - t5 },
    files: write.writes.size,
    bodyChars: body.length,
  };
}

export function measureInProcess(c: StageCase, seed: number, runs: number): StageResult {
  const inputs = generateFleet({ specs: c.specs, routesPerSpec: c.routesPerSpec, seed }).map((s) => ({
    file: s.file,
    bytes: new TextEncoder().encode(s.text),
  }));
  const first = once(inputs); // warm-up: module-level caches, compiled schemas, JIT
  const samples = Array.from({ length: runs }, () => once(inputs));
  const ms = Object.fromEntries(STAGES.map((s) => [s, median(samples.map((r) => r.ms[s]))])) as Record<Stage, number>;
  return {
    case: c,
    ms,
    totalMs: median(samples.map((r) => STAGES.reduce((sum, s) => sum + r.ms[s], 0))),
    firstMs: first.ms,
    firstTotalMs: STAGES.reduce((sum, s) => sum + first.ms[s], 0),
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    files: samples[0]?.files ?? 0,
    bodyChars: samples[0]?.bodyChars ?? 0,
  };
}

/** Runs one case in a fresh child process (same node, tsx loader) and parses its JSON. */
export function measureInChild(c: StageCase, seed: number, runs: number, timeoutMs = 120_000): Promise<StageResult> {
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", self, c.label, String(c.specs), String(c.routesPerSpec), String(seed), String(runs)],
      {
        stdio: ["ignore", "pipe", "pipe"],
        timeout: timeoutMs,
        killSignal: "SIGKILL",
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code !== 0) {
        reject(new Error(`stage measurement '${c.label}' failed (${signal ?? `exit ${code}`}):\n${stderr}`));
        return;
      }
      resolve(JSON.parse(stdout) as StageResult);
    });
  });
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [label = "case", specs = "1", routes = "1", seed = "1", runs = "3"] = process.argv.slice(2);
  const result = measureInProcess({ label, specs: Number(specs), routesPerSpec: Number(routes) }, Number(seed), Number(runs));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
