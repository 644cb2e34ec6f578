// The action against the GitHub emulator (test/support/github-emulator): cold start with nothing
// to do, API calls per run as the change grows, and the side by side with a plain git-CLI flow
// (clone --depth 1, edit, commit, push through `git http-backend`) on a 20,000-file repository.
import { rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { isWrite, startGitHubEmulator, type Emulator } from "../test/support/github-emulator/index.ts";
import { planWrites } from "../src/plan/write-plan.ts";
import { fileSpecName } from "../src/load/spec-name.ts";
import { renderSpecs } from "../src/render/render-specs.ts";
import { verifySpecs, type Verified } from "../src/verify/verified.ts";
import { validateSpecBytes } from "../src/validate/validate.ts";
import { generateFleet, generateSpec, type GeneratedSpec } from "./fleet.ts";
import { GitHttpServer } from "./git-http.ts";
import { assertValid } from "./process.ts";
import {
  ActionWorkspace,
  CountingProxy,
  fastImportCommit,
  median,
  mustRun,
  OWNER,
  runProcess,
  type ActionRun,
  type Scratch,
  type Traffic,
} from "./support.ts";

const SEED_FILES = { "README.md": "# gitops\n\nEverything Argo CD syncs, one folder per cluster.\n" };

/**
 * What the generated specs render, as the action hands it to delivery. The action's workspace is
 * no git repository, so the headers name each spec by its base name (src/load/spec-name.ts).
 */
export function renderGenerated(specs: readonly GeneratedSpec[]): readonly Verified[] {
  const valid = specs.map((s) => {
    const result = validateSpecBytes(s.file, new TextEncoder().encode(s.text), fileSpecName(s.file, undefined));
    if (result.valid === undefined) throw new Error(`generated spec ${s.file} is invalid`);
    return result.valid;
  });
  return verifySpecs(renderSpecs(valid));
}

/** What the specs render, as the action would write it into an empty base: repository path → text. */
export function renderedFiles(specs: readonly GeneratedSpec[]): Map<string, string> {
  return new Map(planWrites(renderGenerated(specs), new Map()).writes);
}

async function runAction(
  workspace: ActionWorkspace,
  apiUrl: string,
  repo: string,
  specs: readonly GeneratedSpec[],
  expected: readonly string[],
  inputs: Record<string, string> = {},
): Promise<ActionRun> {
  workspace.write(specs.map((s) => [s.file, s.text] as const));
  const result = await workspace.run(apiUrl, repo, { spec: specs.map((s) => s.file).join(","), ...inputs });
  const operation = result.outputs["operation"] ?? "";
  if (result.code !== 0 || !expected.includes(operation)) {
    throw new Error(
      `the action exited ${result.code} with operation '${operation}' (expected ${expected.join(" or ")}):\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`,
    );
  }
  return result;
}

export interface ColdStart {
  readonly actionMs: number;
  /** Of actionMs, the time spent waiting on the emulator (which validates every request and response against the OpenAPI description and answers through git processes). */
  readonly serverMs: number;
  readonly nodeMs: number;
  readonly runs: number;
  readonly calls: number;
  readonly routes: number;
}

/** `node dist/index.js` when the branch already holds the render (operation `unchanged`). */
export async function measureColdStart(scratch: Scratch, emulator: Emulator, seed: number, runs: number): Promise<ColdStart> {
  const repo = "cold-start";
  await emulator.createRepo({ owner: OWNER, repo, defaultBranch: "main", files: SEED_FILES });
  const specs = generateFleet({ specs: 1, routesPerSpec: 20, seed });
  const workspace = new ActionWorkspace(scratch);
  workspace.write(specs.map((s) => [s.file, s.text] as const));
  await assertValid(
    workspace.dir,
    specs.map((s) => s.file),
  );
  await runAction(workspace, emulator.url, repo, specs, ["created"]);
  await runAction(workspace, emulator.url, repo, specs, ["unchanged"]); // warm the page cache
  const walls: number[] = [];
  const waits: number[] = [];
  let calls = 0;
  const proxy = await CountingProxy.start(emulator.url);
  try {
    for (let i = 0; i < runs; i++) {
      emulator.resetCalls();
      proxy.reset();
      walls.push((await runAction(workspace, proxy.url, repo, specs, ["unchanged"])).wallMs);
      waits.push(proxy.traffic.serverMs);
      calls = emulator.calls().length;
    }
  } finally {
    await proxy.stop();
  }
  const node: number[] = [];
  for (let i = 0; i < runs; i++) node.push((await mustRun(process.execPath, ["-e", "0"])).wallMs);
  return { actionMs: median(walls), serverMs: median(waits), nodeMs: median(node), runs, calls, routes: 20 };
}

export interface ApiCost {
  readonly routes: number;
  readonly run: "create" | "update";
  readonly touched: number;
  readonly calls: number;
  readonly writes: number;
  readonly downloads: number;
  readonly operations: string;
  readonly wallMs: number;
  /** Time the action waited on the emulator (sum of request-to-response-end times). */
  readonly serverMs: number;
  readonly traffic: Traffic;
}

/**
 * Calls per run for a change touching `routes` files: the base holds the render of an alb-only
 * spec (one Ingress per route); the first run changes every route's backend port (the branch and
 * PR are created), the second changes it again (both are updated).
 */
export async function measureApiCost(scratch: Scratch, emulator: Emulator, routes: number, seed: number): Promise<ApiCost[]> {
  const repo = `api-cost-${routes}`;
  await emulator.createRepo({ owner: OWNER, repo, defaultBranch: "main", files: SEED_FILES });
  const version = (port: number) => [generateSpec(0, routes, seed, { gatewayTypes: ["alb"], backendPort: port })];
  await fastImportCommit(emulator.bareRepoPath(OWNER, repo), "main", renderedFiles(version(8080)), {
    message: "Ingress as merged last week\n",
  });
  const workspace = new ActionWorkspace(scratch);
  workspace.write(version(9090).map((s) => [s.file, s.text] as const));
  await assertValid(
    workspace.dir,
    version(9090).map((s) => s.file),
  );
  const results: ApiCost[] = [];
  const proxy = await CountingProxy.start(emulator.url);
  try {
    for (const [run, port, expected] of [
      ["create", 9090, "created"],
      ["update", 9443, "updated"],
    ] as const) {
      emulator.resetCalls();
      proxy.reset();
      const result = await runAction(workspace, proxy.url, repo, version(port), [expected]);
      const calls = emulator.calls();
      results.push({
        routes,
        run,
        touched: result.touched,
        calls: calls.length,
        writes: calls.filter(isWrite).length,
        downloads: emulator.downloads().length,
        operations: summarizeOperations(calls.map((c) => c.operationId ?? `${c.method} ${c.path}`)),
        wallMs: result.wallMs,
        serverMs: proxy.traffic.serverMs,
        traffic: { ...proxy.traffic },
      });
    }
  } finally {
    await proxy.stop();
  }
  return results;
}

/** `git/get-ref ×2, git/get-tree, …` in first-seen order. */
function summarizeOperations(ids: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts].map(([id, n]) => (n > 1 ? `${id} ×${n}` : id)).join(", ");
}

export interface SideBySide {
  readonly repoFiles: number;
  readonly changedFiles: number;
  /** Each flow ran this many times, alternating; the figures are those of the median-wall run. */
  readonly iterations: number;
  readonly action: { readonly wallMs: number; readonly traffic: Traffic; readonly calls: number; readonly downloadBytes: number };
  readonly git: { readonly wallMs: number; readonly traffic: Traffic; readonly steps: Record<string, number> };
}

/** Deterministic filler: the rest of a GitOps repository (other teams' Kustomize apps). */
function fillerFiles(count: number): Map<string, string> {
  const files = new Map<string, string>();
  const kinds = ["deployment", "service", "configmap", "hpa", "kustomization"] as const;
  for (let i = 0; files.size < count; i++) {
    const app = `app-${String(Math.floor(i / kinds.length)).padStart(5, "0")}`;
    const team = `team-${Math.floor(i / 200) % 40}`;
    const kind = kinds[i % kinds.length] ?? "configmap";
    const kindName = {
      deployment: "Deployment",
      service: "Service",
      configmap: "ConfigMap",
      hpa: "HorizontalPodAutoscaler",
      kustomization: "Kustomization",
    }[kind];
    const lines = [
      `# ${team}/${app}: ${kind}`,
      kind === "kustomization"
        ? "apiVersion: kustomize.config.k8s.io/v1beta1"
        : kind === "deployment"
          ? "apiVersion: apps/v1"
          : kind === "hpa"
            ? "apiVersion: autoscaling/v2"
            : "apiVersion: v1",
      `kind: ${kindName}`,
      "metadata:",
      `  name: ${app}`,
      `  namespace: ${team}`,
      "  labels:",
      `    app.kubernetes.io/name: ${app}`,
      `    app.kubernetes.io/part-of: ${team}`,
      `    revision: "${(i * 2654435761) % 1000003}"`,
      "spec:",
      ...Array.from({ length: 8 + (i % 25) }, (_, j) => `  key${j}: value-${app}-${(i * 31 + j * 17) % 9973}`),
      "",
    ];
    files.set(`apps/${team}/${app}/${kind}.yaml`, lines.join("\n"));
  }
  return files;
}

/**
 * (a) the action updating 10 files of a 20,000-file repository through the emulator, behind a
 * counting proxy; (b) `git clone --depth 1` + the same 10 files + commit + push through
 * `git http-backend`. Both measured as body bytes in and out on loopback, and wall time.
 */
export async function measureSideBySide(
  scratch: Scratch,
  emulator: Emulator,
  seed: number,
  iterations = 3,
  repoFiles = 20_000,
  changed = 10,
): Promise<SideBySide> {
  const repo = "side-by-side";
  const routes = 100;
  const version = (port: (i: number) => number | undefined) => [
    generateSpec(0, routes, seed, { gatewayTypes: ["alb"], backendPort: port }),
  ];
  const v0 = version(() => 8080);
  const v1 = version((i) => (i < changed ? 9090 : 8080));
  const rendered0 = renderedFiles(v0);
  const rendered1 = renderedFiles(v1);
  const changes = new Map([...rendered1].filter(([path, content]) => rendered0.get(path) !== content));
  if (changes.size !== changed) throw new Error(`side by side: expected ${changed} changed files, the render changes ${changes.size}`);
  const seedCount = Object.keys(SEED_FILES).length;
  const base = new Map([...fillerFiles(repoFiles - rendered0.size - seedCount), ...rendered0]);

  await emulator.createRepo({ owner: OWNER, repo, defaultBranch: "main", files: SEED_FILES });
  const bare = emulator.bareRepoPath(OWNER, repo);
  await fastImportCommit(bare, "main", base, { message: "20,000 files\n" });
  const count = (await mustRun("git", ["--git-dir", bare, "ls-tree", "-r", "--name-only", "main"])).stdout.trim().split("\n").length;
  if (count !== repoFiles) throw new Error(`side by side: the base holds ${count} files, not ${repoFiles}`);

  // The git side gets its own copy of the same base (before the action's branch exists).
  const projectRoot = scratch.dir("git-project-root");
  const served = join(projectRoot, "gitops.git");
  await mustRun("git", ["clone", "--bare", "--quiet", "--single-branch", "--branch", "main", bare, served]);
  await mustRun("git", ["--git-dir", served, "config", "http.receivepack", "true"]);

  const proxy = await CountingProxy.start(emulator.url);
  const server = await GitHttpServer.start(projectRoot);
  const actions: SideBySide["action"][] = [];
  const gits: SideBySide["git"][] = [];
  try {
    const workspace = new ActionWorkspace(scratch);
    const home = scratch.dir("git-home");
    const env = {
      ...process.env,
      HOME: home,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_TERMINAL_PROMPT: "0",
      GIT_AUTHOR_NAME: "Bench",
      GIT_AUTHOR_EMAIL: "bench@example.com",
      GIT_COMMITTER_NAME: "Bench",
      GIT_COMMITTER_EMAIL: "bench@example.com",
    };
    // Alternate the two flows; each iteration uses a branch of its own, so both always create it.
    for (let i = 0; i < iterations; i++) {
      const branch = `ingress-gitops/bench-${i}`;
      // (a) the action, through the counting proxy.
      emulator.resetCalls();
      proxy.reset();
      const result = await runAction(workspace, proxy.url, repo, v1, ["created"], { branch });
      if (result.touched !== changed) throw new Error(`side by side: the action touched ${result.touched} files, not ${changed}`);
      actions.push({
        wallMs: result.wallMs,
        traffic: { ...proxy.traffic },
        calls: emulator.calls().length,
        downloadBytes: emulator.downloads().reduce((sum, d) => sum + d.bytes, 0),
      });

      // (b) git clone --depth 1 + edit + commit + push, through git http-backend.
      const work = join(scratch.dir("git-work"), "gitops");
      server.reset();
      const steps: Record<string, number> = {};
      const started = performance.now();
      steps["clone --depth 1"] = (
        await mustRun("git", ["clone", "--quiet", "--depth", "1", `${server.url}/gitops.git`, work], { env })
      ).wallMs;
      const t = performance.now();
      for (const [path, content] of changes) writeFileSync(join(work, path), content);
      steps[`edit ${changed} files`] = performance.now() - t;
      steps["commit"] = (await mustRun("git", ["-C", work, "commit", "--quiet", "-am", "Ingress: bench"], { env })).wallMs;
      steps["push"] = (await mustRun("git", ["-C", work, "push", "--quiet", "origin", `HEAD:refs/heads/${branch}`], { env })).wallMs;
      gits.push({ wallMs: performance.now() - started, traffic: { ...server.traffic }, steps });
      const pushed = (await runProcess("git", ["--git-dir", served, "diff", "--name-only", "main", branch])).stdout
        .trim()
        .split("\n")
        .filter(Boolean);
      if (pushed.length !== changed) throw new Error(`side by side: the git push changed ${pushed.length} files, not ${changed}`);
      rmSync(dirname(work), { recursive: true, force: true });
    }
  } finally {
    await proxy.stop();
    await server.stop();
  }
  return { repoFiles, changedFiles: changed, iterations, action: medianRun(actions), git: medianRun(gits) };
}

/** The side by side's targets: the action moves at most 1/20 of the clone flow's bytes, in at most ten API calls. */
export const SIDE_BY_SIDE_FLOOR = { byteShare: 1 / 20, calls: 10 } as const;

export interface SideBySideVerdict {
  readonly actionBytes: number;
  readonly gitBytes: number;
  /** The most the action may move: SIDE_BY_SIDE_FLOOR.byteShare of the clone flow's bytes. */
  readonly floorBytes: number;
  readonly calls: number;
  readonly met: boolean;
}

/** Bytes moved (request and response bodies) and calls of both flows against the targets. */
export function sideBySideVerdict(s: SideBySide): SideBySideVerdict {
  const actionBytes = s.action.traffic.requestBodyBytes + s.action.traffic.responseBodyBytes;
  const gitBytes = s.git.traffic.requestBodyBytes + s.git.traffic.responseBodyBytes;
  const floorBytes = gitBytes * SIDE_BY_SIDE_FLOOR.byteShare;
  return {
    actionBytes,
    gitBytes,
    floorBytes,
    calls: s.action.calls,
    met: actionBytes <= floorBytes && s.action.calls <= SIDE_BY_SIDE_FLOOR.calls,
  };
}

/** One line: both flows' bytes (as `kb` writes them) and the action's calls, beside the targets. */
export function sideBySideLine(s: SideBySide, kb: (bytes: number) => string): string {
  const v = sideBySideVerdict(s);
  return `${s.changedFiles} of ${s.repoFiles.toLocaleString("en-US")} files changed: the action moved ${kb(v.actionBytes)} in ${v.calls} API calls (${((v.actionBytes / v.gitBytes) * 100).toFixed(1)} % of the clone flow's ${kb(v.gitBytes)}); target ≤ ${kb(v.floorBytes)} (1/20) and ≤ ${SIDE_BY_SIDE_FLOOR.calls} calls: ${v.met ? "met" : "not met"}`;
}

/** The run of median wall time (its bytes and steps with it). */
function medianRun<T extends { wallMs: number }>(runs: readonly T[]): T {
  const sorted = [...runs].sort((a, b) => a.wallMs - b.wallMs);
  const run = sorted[Math.floor((sorted.length - 1) / 2)];
  if (run === undefined) throw new Error("no run");
  return run;
}

export async function withEmulator<T>(task: (emulator: Emulator) => Promise<T>): Promise<T> {
  const emulator = await startGitHubEmulator();
  try {
    return await task(emulator);
  } finally {
    await emulator.stop();
  }
}
