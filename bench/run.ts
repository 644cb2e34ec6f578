// `npm run bench`: every benchmark of ingress-gitops, printed as Markdown tables;
// `npm run bench -- --write` also (re)writes BENCHMARKS.md at the repository root from this run.
// Options: --seed N (default 20240601), --only stages,process,cold,api,side (default: all),
// --case TEXT (repeatable: only the stage and process cases whose label contains TEXT).
// Everything runs on loopback, under one scratch directory that is removed at the end.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { MEMORY_BASE_ROUTES, generateFleet } from "./fleet.ts";
import {
  measureApiCost,
  measureColdStart,
  measureSideBySide,
  sideBySideLine,
  withEmulator,
  type ApiCost,
  type ColdStart,
  type SideBySide,
} from "./github.ts";
import { assertValid, measurePlanProcess, writeFleet, type ProcessResult } from "./process.ts";
import { measureInChild, STAGES, type StageCase, type StageResult } from "./stages.ts";
import { REPO_ROOT, Scratch } from "./support.ts";
import { BENCH_ROUTE_LIMIT_VARIABLE, MAX_ROUTES_PER_RUN } from "../src/validate/run-limits.ts";

const TARGETS = {
  /** 5,000 routes / 50 specs: whole-process wall (median) within this multiple of its floor's. */
  floorRatio: 3,
  planRssMB: 300,
  /** 50,000 routes: wall (median) and peak RSS. */
  bigWallMs: 10_000,
  bigRssMB: 600,
  /** Memory per route: the largest over the smallest kB/route of the cases of ≥ 1,000 routes. */
  flatMemoryRatio: 1.5,
  coldStartMs: 300,
  apiCalls: 10,
  /** 5× the routes should cost about 5× the time; above this, a stage grows faster than linearly. */
  linearRatio: 7,
} as const;

const CASES: readonly StageCase[] = [
  { label: "1 route", specs: 1, routesPerSpec: 1 },
  { label: "100 routes", specs: 1, routesPerSpec: 100 },
  { label: "1,000 routes (10 specs × 100)", specs: 10, routesPerSpec: 100 },
  { label: "5,000 routes (50 specs × 100)", specs: 50, routesPerSpec: 100 },
  { label: "1,000 routes (1 spec)", specs: 1, routesPerSpec: 1000 },
  { label: "5,000 routes (1 spec)", specs: 1, routesPerSpec: 5000 },
];
const FLEET_1K = CASES[2] as StageCase;
const FLEET_5K = CASES[3] as StageCase;
const SINGLE_1K = CASES[4] as StageCase;
const SINGLE_5K = CASES[5] as StageCase;
// Past the run limit (MAX_ROUTES_PER_RUN), which the benchmark lifts for itself. One spec holds at
// most 10,000 routes: its byte and node limits (MAX_SPEC_BYTES, MAX_NODES) refuse 20,000.
const FLEET_50K: StageCase = { label: "50,000 routes (500 specs × 100)", specs: 500, routesPerSpec: 100 };
const SINGLE_10K: StageCase = { label: "10,000 routes (1 spec)", specs: 1, routesPerSpec: 10_000 };
const PROCESS_CASES: readonly StageCase[] = [...CASES, SINGLE_10K, FLEET_50K];
const BIG_ROUTES = 50_000;
const BENCH_ENV = { ...process.env, [BENCH_ROUTE_LIMIT_VARIABLE]: String(BIG_ROUTES) };
const routesOf = (c: StageCase) => c.specs * c.routesPerSpec;
const API_SIZES = [1, 100, 5000] as const;
/** Stages faster than this at 5,000 routes are too noisy for the linearity target. */
const NOISE_MS = 50;
/** @octokit/plugin-throttling spaces write requests (POST, PATCH, PUT, DELETE) at least this far apart. */
const WRITE_SPACING_MS = 1000;

interface Args {
  readonly write: boolean;
  readonly seed: number;
  readonly only: ReadonlySet<string>;
  readonly cases: readonly string[];
}

function parseArgs(argv: readonly string[]): Args {
  let write = false;
  let seed = 20240601;
  let only = new Set(["stages", "process", "cold", "api", "side"]);
  const cases: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--write") write = true;
    else if (arg === "--seed") seed = Number(argv[++i]);
    else if (arg.startsWith("--seed=")) seed = Number(arg.slice(7));
    else if (arg === "--only") only = new Set((argv[++i] ?? "").split(","));
    else if (arg.startsWith("--only=")) only = new Set(arg.slice(7).split(","));
    else if (arg === "--case") cases.push(argv[++i] ?? "");
    else if (arg.startsWith("--case=")) cases.push(arg.slice(7));
    else throw new Error(`unknown argument '${arg}' (use --write, --seed N, --only stages,process,cold,api,side, --case TEXT)`);
  }
  if (!Number.isInteger(seed)) throw new Error("--seed takes an integer");
  return { write, seed, only, cases };
}

const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const mb = (mib: number) => ((mib * 1024 * 1024) / 1e6).toFixed(0);
const kb = (bytes: number) => `${(bytes / 1000).toLocaleString("en-US", { maximumFractionDigits: 1 })} kB`;
const yes = (ok: boolean) => (ok ? "**met**" : "**not met**");

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

function command(cmd: string, args: readonly string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: "utf8", cwd: REPO_ROOT, stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "(unavailable)";
  }
}

function machine(): Record<string, string> {
  const cpu = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? "(unknown)";
  const dirty = command("git", [
    "--no-optional-locks",
    "status",
    "--porcelain",
    "--",
    "src",
    "templates",
    "schema",
    "dist",
    "package.json",
    "package-lock.json",
  ]);
  return {
    commit: `${command("git", ["rev-parse", "--short", "HEAD"])}${dirty !== "" && dirty !== "(unavailable)" ? " + uncommitted changes in src/dist" : ""}`,
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    node: process.version,
    nproc: String(availableParallelism()),
    cpu,
    memory: command("free", ["-h"]),
    git: command("git", ["--version"]),
  };
}

interface Results {
  stages?: StageResult[];
  process?: ProcessResult[];
  cold?: ColdStart;
  api?: ApiCost[];
  side?: SideBySide;
}

function stageTable(results: readonly StageResult[]): string {
  return table(
    ["case", "files", ...STAGES.map((s) => `${s} ms`), "total ms", "first pass ms", "peak RSS MB"],
    results.map((r) => [
      r.case.label,
      String(r.files),
      ...STAGES.map((s) => ms(r.ms[s])),
      ms(r.totalMs),
      ms(r.firstTotalMs),
      mb(r.peakRssMiB),
    ]),
  );
}

interface Linearity {
  readonly name: string;
  readonly ratios: Record<string, number>;
}

function linearity(stages: readonly StageResult[], processes: readonly ProcessResult[] | undefined): Linearity[] {
  const find = (c: StageCase) => stages.find((r) => r.case.label === c.label);
  const proc = (c: StageCase) => processes?.find((r) => r.label === c.label);
  return [
    ["50 specs × 100 / 10 specs × 100", FLEET_5K, FLEET_1K],
    ["1 spec × 5,000 / 1 spec × 1,000", SINGLE_5K, SINGLE_1K],
  ].flatMap(([name, big, small]) => {
    const b = find(big as StageCase);
    const s = find(small as StageCase);
    if (b === undefined || s === undefined) return [];
    const ratios: Record<string, number> = Object.fromEntries(STAGES.map((stage) => [stage, b.ms[stage] / s.ms[stage]]));
    ratios["total"] = b.totalMs / s.totalMs;
    const pb = proc(big as StageCase);
    const ps = proc(small as StageCase);
    if (pb !== undefined && ps !== undefined) ratios["whole process"] = pb.plan.medianMs / ps.plan.medianMs;
    return [{ name: name as string, ratios }];
  });
}

function linearityTable(rows: readonly Linearity[]): string {
  const columns = [...STAGES, "total", "whole process"];
  const cell = (value: number | undefined) =>
    value === undefined ? "–" : value > TARGETS.linearRatio ? `**${value.toFixed(1)} ⚠**` : value.toFixed(1);
  return table(
    ["ratio (5× the routes)", ...columns],
    rows.map((r) => [r.name, ...columns.map((c) => cell(r.ratios[c]))]),
  );
}

/** Peak RSS above the baseline case's, per route beyond it, kB; undefined without that baseline. */
function perRouteKB(r: ProcessResult, all: readonly ProcessResult[]): number | undefined {
  const base = all.find((x) => x.routes === MEMORY_BASE_ROUTES);
  if (base === undefined || r.routes <= MEMORY_BASE_ROUTES) return undefined;
  return ((r.plan.peakRssMiB - base.plan.peakRssMiB) * 1024 * 1.024) / (r.routes - MEMORY_BASE_ROUTES);
}

function perRoute(r: ProcessResult, all: readonly ProcessResult[]): string {
  const kb = perRouteKB(r, all);
  return kb === undefined ? "–" : kb.toFixed(1);
}

function report(results: Results, info: Record<string, string>): { markdown: string; targets: string } {
  const sections: string[] = [];
  const targetRows: string[][] = [];
  if (results.stages) {
    sections.push(
      "## In-process stage timings",
      "",
      "Median of 3 runs after one warm-up, each case in a fresh process (`bench/stages.ts`): load+validate is `validateSpecBytes` for every spec plus the across-specs check, render is `renderSpecs`, verify is the rendered output's strict validation against the upstream schemas (`verifySpecs`, whose `Verified` output is all a writer accepts), write plan is `planWrites` against an empty checkout, plan/diff is `buildPlan`, PR body is `reportMarkdown` (65,536-character budget). \"first pass\" is the warm-up, the cost a one-shot process pays; peak RSS is the measuring process's.",
      "",
      stageTable(results.stages),
      "",
    );
    const lin = linearity(results.stages, results.process);
    sections.push(
      "### Linearity",
      "",
      `Time at 5,000 routes divided by time at 1,000 (5.0 is linear; above ${TARGETS.linearRatio} is flagged ⚠ as a superlinear pass). Stages under a few milliseconds are noisy.`,
      "",
      linearityTable(lin),
      "",
    );
    const bigMs = (name: string, stage: string): number => {
      const big = name.startsWith("50") ? FLEET_5K : SINGLE_5K;
      const r = results.stages?.find((x) => x.case.label === big.label);
      return stage === "total" ? (r?.totalMs ?? 0) : (r?.ms[stage as (typeof STAGES)[number]] ?? 0);
    };
    const over = lin.flatMap((l) =>
      Object.entries(l.ratios)
        .filter(([stage, v]) => v > TARGETS.linearRatio && stage !== "whole process")
        .map(([stage, v]) => ({ stage, v, name: l.name, ms: bigMs(l.name, stage) })),
    );
    const counted = over.filter((o) => o.ms >= NOISE_MS);
    const noted = over.map(
      (o) =>
        `${o.stage} ×${o.v.toFixed(1)} (${o.name}${o.ms < NOISE_MS ? `; ${ms(o.ms)} ms, under ${NOISE_MS} ms: noise, not counted` : ""})`,
    );
    targetRows.push([
      `linear growth (5× the routes ≤ ${TARGETS.linearRatio}× the time, every stage of ≥ ${NOISE_MS} ms)`,
      noted.length === 0 ? "every stage within" : noted.join("; "),
      yes(counted.length === 0),
    ]);
  }
  if (results.process) {
    sections.push(
      "## Whole process",
      "",
      `\`/usr/bin/time -v node dist/cli.js plan <specs…> --gitops <empty dir> --json\` ("Elapsed (wall clock) time", "User time" + "System time", "Maximum resident set size"), stdout into a file. Beside it, in the same run and alternating with it, its floor: \`node bench/floor.mjs\`, which starts node, reads and parses the same specs (js-yaml) and writes the bytes the plan printed. Wall is min / median of the runs, CPU the median, RSS the largest; × floor is median over median. kB per route is the peak RSS above the ${MEMORY_BASE_ROUTES}-route case's, per route beyond it: that case is the smallest with every gateway type, so what a run loads once per type is in both. The cases with over a mebibyte of spec (5,000 routes and up) restart node once with Node 20's young generation, in the same process (\`src/young-generation.ts\`), so their figures include that second start. The cases past ${MAX_ROUTES_PER_RUN.toLocaleString("en-US")} routes lift the run limit with \`${BENCH_ROUTE_LIMIT_VARIABLE}\`.`,
      "",
      table(
        [
          "case",
          "runs",
          "wall ms (min / median)",
          "floor ms (min / median)",
          "× floor (wall)",
          "CPU ms",
          "floor CPU ms",
          "× floor (CPU)",
          "peak RSS MB",
          "floor RSS MB",
          "kB per route",
        ],
        results.process.map((r) => [
          r.label,
          String(r.runs),
          `${ms(r.plan.minMs)} / ${ms(r.plan.medianMs)}`,
          `${ms(r.floor.minMs)} / ${ms(r.floor.medianMs)}`,
          (r.plan.medianMs / r.floor.medianMs).toFixed(1),
          ms(r.plan.cpuMedianMs),
          ms(r.floor.cpuMedianMs),
          (r.plan.cpuMedianMs / r.floor.cpuMedianMs).toFixed(1),
          mb(r.plan.peakRssMiB),
          mb(r.floor.peakRssMiB),
          perRoute(r, results.process ?? []),
        ]),
      ),
      "",
    );
    const p = results.process.find((r) => r.label === FLEET_5K.label);
    if (p) {
      targetRows.push([
        `5,000 routes / 50 specs planned in ≤ ${TARGETS.floorRatio}× the floor (wall, median)`,
        `${ms(p.plan.medianMs)} ms, floor ${ms(p.floor.medianMs)} ms: ${(p.plan.medianMs / p.floor.medianMs).toFixed(1)}× (CPU ${(p.plan.cpuMedianMs / p.floor.cpuMedianMs).toFixed(1)}×)`,
        yes(p.plan.medianMs <= TARGETS.floorRatio * p.floor.medianMs),
      ]);
      targetRows.push([
        `… and ≤ ${TARGETS.planRssMB} MB peak RSS`,
        `${mb(p.plan.peakRssMiB)} MB`,
        yes((p.plan.peakRssMiB * 1024 * 1024) / 1e6 <= TARGETS.planRssMB),
      ]);
    }
    for (const big of results.process.filter((r) => r.routes >= BIG_ROUTES)) {
      targetRows.push([
        `${big.label} in ≤ ${TARGETS.bigWallMs / 1000} s and ≤ ${TARGETS.bigRssMB} MB`,
        `${ms(big.plan.medianMs)} ms (floor ${ms(big.floor.medianMs)} ms), ${mb(big.plan.peakRssMiB)} MB`,
        yes(big.plan.medianMs <= TARGETS.bigWallMs && (big.plan.peakRssMiB * 1024 * 1024) / 1e6 <= TARGETS.bigRssMB),
      ]);
    }
    const perRouteKb = results.process.flatMap((r) => {
      const kb = perRouteKB(r, results.process ?? []);
      return r.routes >= 1000 && kb !== undefined ? [kb] : [];
    });
    if (perRouteKb.length >= 2) {
      const ratio = Math.max(...perRouteKb) / Math.min(...perRouteKb);
      targetRows.push([
        `memory per route flat (largest ≤ ${TARGETS.flatMemoryRatio}× smallest kB per route, cases of ≥ 1,000 routes)`,
        `${Math.min(...perRouteKb).toFixed(1)}–${Math.max(...perRouteKb).toFixed(1)} kB per route (${ratio.toFixed(2)}×)`,
        yes(ratio <= TARGETS.flatMemoryRatio),
      ]);
    }
  }
  if (results.cold) {
    const c = results.cold;
    sections.push(
      "## Action cold start with nothing to do",
      "",
      `\`node dist/index.js\` spawned as the runner does (every \`action.yml\` default as \`INPUT_*\`), against the GitHub emulator, when the branch already holds the render of a ${c.routes}-route spec (operation \`unchanged\`); median of ${c.runs} runs, ${c.calls} API calls each.`,
      "",
      table(
        ["process", "wall ms"],
        [
          ["`node dist/index.js` (unchanged)", ms(c.actionMs)],
          ["… of which waiting on the emulator", ms(c.serverMs)],
          ["… the action's own time (wall − emulator)", ms(c.actionMs - c.serverMs)],
          ["`node -e 0`", ms(c.nodeMs)],
        ],
      ),
      "",
      "The emulator validates every request and response against GitHub's OpenAPI description and answers through git processes, so its latency is the test rig's, not the action's; on GitHub the same calls wait on the network instead. The target is judged on the action's own time.",
      "",
    );
    targetRows.push([
      `action cold start with nothing to do ≤ ${TARGETS.coldStartMs} ms (the action's own time)`,
      `${ms(c.actionMs - c.serverMs)} ms (wall ${ms(c.actionMs)} ms, of which ${ms(c.serverMs)} ms waiting on the emulator; node itself: ${ms(c.nodeMs)} ms)`,
      yes(c.actionMs - c.serverMs <= TARGETS.coldStartMs),
    ]);
  }
  if (results.api) {
    sections.push(
      "## GitHub API calls per run",
      "",
      "Against the emulator (`emulator.calls()`; the tarball download from codeload is not an API call and is counted apart). The base holds the render of an alb-only spec with N routes (one Ingress file each); the first run changes every route's backend port (branch and PR created), the second changes it again (both updated). The action talks to the emulator through the counting proxy: sent and received are HTTP body bytes, server ms the time it waited on the emulator (which writes one blob per inline file with a `git hash-object` process, so it grows with the files; the action's own share is wall − server).",
      "",
      table(
        ["routes", "run", "files touched", "API calls", "writes", "downloads", "sent", "received", "wall ms", "server ms", "operations"],
        results.api.map((a) => [
          String(a.routes),
          a.run,
          String(a.touched),
          String(a.calls),
          String(a.writes),
          String(a.downloads),
          kb(a.traffic.requestBodyBytes),
          kb(a.traffic.responseBodyBytes),
          ms(a.wallMs),
          ms(a.serverMs),
          a.operations,
        ]),
      ),
      "",
    );
    const max = Math.max(...results.api.map((a) => a.calls));
    const flat = (["create", "update"] as const).every(
      (run) => new Set(results.api?.filter((a) => a.run === run).map((a) => a.calls)).size === 1,
    );
    targetRows.push([
      `≤ ${TARGETS.apiCalls} API calls per run regardless of files touched`,
      `at most ${max}; ${flat ? "the same for 1, 100 and 5,000 files" : "varies with the files touched"}`,
      yes(max <= TARGETS.apiCalls && flat),
    ]);
  }
  if (results.side) {
    const s = results.side;
    const aTotal = s.action.traffic.requestBodyBytes + s.action.traffic.responseBodyBytes;
    const gTotal = s.git.traffic.requestBodyBytes + s.git.traffic.responseBodyBytes;
    sections.push(
      "## Side by side with a git-CLI flow",
      "",
      `A ${s.repoFiles.toLocaleString("en-US")}-file GitOps repository; ${s.changedFiles} files change. Each flow ran ${s.iterations} times, alternating, each time creating a branch of its own; the row is the run of median wall time. (a) The action (\`node dist/index.js\`, render and plan included) through the Git Data API of the emulator, behind a counting proxy on loopback that forwards every request and rewrites the tarball redirect so the codeload download passes through it too. (b) \`git clone --depth 1\` + write the same ${s.changedFiles} files + \`git commit\` + \`git push\` of a new branch, served by \`git http-backend\` (CGI) behind a \`node:http\` server on 127.0.0.1. Bytes are HTTP bodies (headers excluded) on both sides; "server ms" is the sum of request-to-response-end times, the share of the wall time spent waiting on the server (the emulator validates every request and response against GitHub's OpenAPI description and shells out to git).`,
      "",
      table(
        ["flow", "requests", "bytes sent (request bodies)", "bytes received (response bodies)", "total bytes", "wall ms", "server ms"],
        [
          [
            "(a) action, Git Data API",
            String(s.action.traffic.requests),
            kb(s.action.traffic.requestBodyBytes),
            kb(s.action.traffic.responseBodyBytes),
            kb(aTotal),
            ms(s.action.wallMs),
            ms(s.action.traffic.serverMs),
          ],
          [
            "(b) git clone --depth 1 + commit + push",
            String(s.git.traffic.requests),
            kb(s.git.traffic.requestBodyBytes),
            kb(s.git.traffic.responseBodyBytes),
            kb(gTotal),
            ms(s.git.wallMs),
            ms(s.git.traffic.serverMs),
          ],
          [
            "ratio (a) / (b)",
            (s.action.traffic.requests / s.git.traffic.requests).toFixed(1),
            (s.action.traffic.requestBodyBytes / s.git.traffic.requestBodyBytes).toFixed(1),
            (s.action.traffic.responseBodyBytes / s.git.traffic.responseBodyBytes).toFixed(2),
            (aTotal / gTotal).toFixed(2),
            (s.action.wallMs / s.git.wallMs).toFixed(1),
            (s.action.traffic.serverMs / s.git.traffic.serverMs).toFixed(1),
          ],
        ],
      ),
      "",
      `Action: ${s.action.calls} API calls; the tarball download alone is ${kb(s.action.downloadBytes)}. Git steps: ${Object.entries(
        s.git.steps,
      )
        .map(([k, v]) => `${k} ${ms(v)} ms`)
        .join(", ")}.`,
      "",
    );
  }
  const notes = observations(results);
  if (notes.length > 0) sections.push("## Observations", "", "Computed from the figures above.", "", ...notes.map((n) => `- ${n}`), "");
  const targets = table(["target", "measured", "status"], targetRows);
  const header = [
    "# Benchmarks",
    "",
    "<!-- generated by `npm run bench -- --write` (bench/run.ts); do not edit by hand -->",
    "",
    `Latest run: commit \`${info["commit"] ?? ""}\`, ${info["date"] ?? ""}.`,
    "",
    "## Machine",
    "",
    table(
      ["", ""],
      [
        ["CPU", info["cpu"] ?? ""],
        ["nproc", info["nproc"] ?? ""],
        ["node", info["node"] ?? ""],
        ["git", info["git"] ?? ""],
      ],
    ),
    "",
    "```text",
    `$ free -h\n${info["memory"] ?? ""}`,
    "```",
    "",
    "## Reproduce",
    "",
    "```sh",
    "npm ci && npm run bench            # prints these tables",
    "npm run bench -- --write           # and rewrites this file from the run",
    "```",
    "",
    "The fleets come from `bench/fleet.ts` (`generateFleet({specs, routesPerSpec, seed})`): per spec, an ALB with direct alb routes, Istio behind an internal ALB, Kong behind an ALB with plugins on some routes, Cilium behind an NLB, and an NLB `service:`. Every generated spec passes `node dist/cli.js validate` with no problem before anything is measured. Figures move while `src/` is optimized; rerun rather than compare across machines.",
    "",
    "## Targets",
    "",
    targets,
    "",
  ];
  return { markdown: [...header, ...sections].join("\n"), targets };
}

function observations(results: Results): string[] {
  const notes: string[] = [];
  const big = results.stages?.find((r) => r.case.label === FLEET_5K.label);
  if (big) {
    const [stage, value] = STAGES.map((st) => [st, big.ms[st]] as const).sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
    notes.push(
      `At ${FLEET_5K.label} the largest stage is ${stage}: ${ms(value)} ms of ${ms(big.totalMs)} ms (${((100 * value) / big.totalMs).toFixed(0)} %). The first pass in a fresh process takes ${ms(big.firstTotalMs)} ms, ${ms(big.firstTotalMs - big.totalMs)} ms more than a warm one.`,
    );
  }
  const one = results.stages?.find((r) => r.case.label === CASES[0]?.label);
  if (one)
    notes.push(
      `One route: the warm pipeline takes ${ms(one.totalMs)} ms, the first pass ${ms(one.firstTotalMs)} ms: most of a small run is one-time setup (schema compilation, JIT), not work per route. Render's first pass: ${ms(one.firstMs.render)} ms; load+validate's: ${ms(one.firstMs["load+validate"])} ms.`,
    );
  if (results.cold)
    notes.push(
      `Action cold start with nothing to do: ${ms(results.cold.actionMs)} ms, of which ${ms(results.cold.nodeMs)} ms is starting node itself.`,
    );
  const small = results.api?.find((a) => a.routes === 1 && a.run === "create");
  if (small) {
    const spacing = Math.max(0, small.writes - 1) * WRITE_SPACING_MS;
    notes.push(
      `API run touching 1 file: ${ms(small.wallMs)} ms wall, ${ms(small.serverMs)} ms waiting on the emulator; at least ${ms(spacing)} ms of the rest is @octokit/plugin-throttling spacing the ${small.writes} write requests ${WRITE_SPACING_MS} ms apart (GitHub's advice against secondary rate limits).`,
    );
  }
  const huge = results.api?.find((a) => a.routes === 5000 && a.run === "create");
  if (huge)
    notes.push(
      `API run touching 5,000 files: ${ms(huge.wallMs)} ms wall, of which ${ms(huge.serverMs)} ms is the emulator (one \`git hash-object\` process per inline blob); ${kb(huge.traffic.requestBodyBytes)} sent, still ${huge.calls} calls.`,
    );
  if (results.side) {
    notes.push(`Side by side: ${sideBySideLine(results.side, kb)}.`);
  }
  return notes;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const scratch = new Scratch();
  const results: Results = {};
  try {
    const selected = (c: StageCase) => args.cases.length === 0 || args.cases.some((text) => c.label.includes(text));
    const stageCases = args.only.has("stages") ? CASES.filter(selected) : [];
    const processCases = args.only.has("process") ? PROCESS_CASES.filter(selected) : [];
    // Every generated fleet must pass `validate` before anything is measured.
    const fleets = new Map<string, { dir: string; files: string[] }>();
    for (const c of PROCESS_CASES.filter((x) => stageCases.includes(x) || processCases.includes(x))) {
      const written = writeFleet(scratch, "fleet", generateFleet({ specs: c.specs, routesPerSpec: c.routesPerSpec, seed: args.seed }));
      log(`validate ${c.label} with node dist/cli.js validate`);
      await assertValid(written.dir, written.files, BENCH_ENV);
      fleets.set(c.label, written);
    }
    if (stageCases.length > 0) {
      results.stages = [];
      for (const c of stageCases) {
        log(`stages: ${c.label}`);
        results.stages.push(await measureInChild(c, args.seed, 3));
      }
    }
    if (processCases.length > 0) {
      results.process = [];
      for (const c of processCases) {
        log(`whole process: ${c.label}`);
        const fleet = fleets.get(c.label);
        if (fleet === undefined) throw new Error(`no fleet for ${c.label}`);
        const label = { label: c.label, routes: routesOf(c) };
        results.process.push(await measurePlanProcess(scratch, label, fleet, routesOf(c) <= 100 ? 5 : 3, BENCH_ENV));
      }
    }
    if (args.only.has("cold") || args.only.has("api") || args.only.has("side")) {
      await withEmulator(async (emulator) => {
        if (args.only.has("cold")) {
          log("action cold start (unchanged)");
          results.cold = await measureColdStart(scratch, emulator, args.seed, 5);
        }
        if (args.only.has("api")) {
          results.api = [];
          for (const size of API_SIZES) {
            log(`API calls: ${size} file(s)`);
            results.api.push(...(await measureApiCost(scratch, emulator, size, args.seed)));
          }
        }
        if (args.only.has("side")) {
          log("side by side on a 20,000-file repository");
          results.side = await measureSideBySide(scratch, emulator, args.seed);
          log(sideBySideLine(results.side, kb));
        }
      });
    }
  } finally {
    scratch.remove();
  }
  const { markdown } = report(results, machine());
  process.stdout.write(`${markdown}\n`);
  log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (args.write) {
    writeFileSync(join(REPO_ROOT, "BENCHMARKS.md"), `${markdown.trimEnd()}\n`);
    log("wrote BENCHMARKS.md");
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
