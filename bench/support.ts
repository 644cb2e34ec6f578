// Shared plumbing of the benchmarks: a scratch root that is always removed, child processes with
// a time limit, the action spawned exactly as test/action/support.ts spawns it (every action.yml
// input default as INPUT_*, the GITHUB_* environment, an event payload), fast seeding of a bare
// repository with `git fast-import`, and a counting HTTP proxy on loopback.
import { spawn, type SpawnOptions } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseOutputs, runnerEnvironment } from "../test/action/support.ts";
import { closeServer, listenOnLoopback } from "../test/support/loopback.ts";

export const REPO_ROOT = resolve(dirname(new URL(import.meta.url).pathname), "..");
export { OWNER } from "../test/action/support.ts";

/** All temporary files of one bench run live under one directory, removed at the end. */
export class Scratch {
  readonly root = mkdtempSync(join(tmpdir(), "ingress-gitops-bench-"));
  private counter = 0;

  dir(name: string): string {
    const dir = join(this.root, `${++this.counter}-${name}`);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** Writes `files` (relative path → text) under `dir`. */
  write(dir: string, files: Iterable<readonly [string, string]>): void {
    for (const [path, content] of files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

export interface ProcessRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly wallMs: number;
}

/** Spawns a process with a time limit (SIGKILL), collecting its output and wall time. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: SpawnOptions & { input?: string | Buffer; timeoutMs?: number } = {},
): Promise<ProcessRun> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      ...options,
      stdio: ["pipe", "pipe", "pipe"],
      timeout: options.timeoutMs ?? 180_000,
      killSignal: "SIGKILL",
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.input ?? "");
    child.on("error", reject);
    child.on("close", (code) => {
      resolvePromise({ code, stdout, stderr, wallMs: performance.now() - started });
    });
  });
}

export async function mustRun(
  command: string,
  args: readonly string[],
  options: SpawnOptions & { input?: string | Buffer; timeoutMs?: number } = {},
): Promise<ProcessRun> {
  const result = await runProcess(command, args, options);
  if (result.code !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.code}:\n${result.stderr}${result.stdout}`);
  return result;
}

export interface ActionRun extends ProcessRun {
  readonly outputs: Record<string, string>;
  /** Files the run's plan adds, changes and removes (from the `plan` output). */
  readonly touched: number;
}

/** A workspace the action runs in, as test/action/support.ts's Workspace. */
export class ActionWorkspace {
  readonly dir: string;
  private runs = 0;

  constructor(private readonly scratch: Scratch) {
    this.dir = scratch.dir("workspace");
  }

  write(files: Iterable<readonly [string, string]>): void {
    this.scratch.write(this.dir, files);
  }

  /** Spawns `node dist/index.js` against `apiUrl` with `inputs` over action.yml's defaults. */
  async run(apiUrl: string, repo: string, inputs: Record<string, string>): Promise<ActionRun> {
    const runDir = join(this.scratch.root, `action-run-${++this.runs}-${Math.random().toString(36).slice(2, 8)}`);
    mkdirSync(runDir);
    const { env, files } = runnerEnvironment({ apiUrl, repo, workspace: this.dir, runDir, inputs });
    const result = await runProcess(process.execPath, [join(REPO_ROOT, "dist/index.js")], { env, cwd: this.dir, timeoutMs: 180_000 });
    const outputs = parseOutputs(readFileSync(files.output, "utf8"));
    let touched = 0;
    const planFile = outputs["plan"];
    if (planFile !== undefined && planFile !== "") {
      const plan = JSON.parse(readFileSync(planFile, "utf8")) as { files: { added: unknown[]; changed: unknown[]; removed: unknown[] } };
      touched = plan.files.added.length + plan.files.changed.length + plan.files.removed.length;
    }
    rmSync(runDir, { recursive: true, force: true });
    return { ...result, outputs, touched };
  }
}

/**
 * Commits `files` (path → text) on top of `branch` of the bare repository at `gitDir` with one
 * `git fast-import` (the emulator's own seeding writes one blob per process, far too slow for
 * 20,000 files). `replace` starts the tree from scratch instead of from the branch's.
 */
export async function fastImportCommit(
  gitDir: string,
  branch: string,
  files: ReadonlyMap<string, string>,
  options: { message?: string; replace?: boolean } = {},
): Promise<void> {
  const parts: Buffer[] = [];
  const push = (text: string) => parts.push(Buffer.from(text, "utf8"));
  const message = options.message ?? "Seed (bench)\n";
  const parent = await runProcess("git", ["--git-dir", gitDir, "rev-parse", "--verify", "--quiet", `refs/heads/${branch}`]);
  push(`commit refs/heads/${branch}\n`);
  push("author Bench Seed <seed@example.com> 1704067200 +0000\ncommitter Bench Seed <seed@example.com> 1704067200 +0000\n");
  push(`data ${Buffer.byteLength(message)}\n${message}\n`);
  if (parent.code === 0) push(`from ${parent.stdout.trim()}\n`);
  if (options.replace === true) push("deleteall\n");
  for (const [path, content] of files) {
    push(`M 100644 inline ${path}\ndata ${Buffer.byteLength(content)}\n`);
    push(content);
    push("\n");
  }
  push("done\n");
  await mustRun("git", ["--git-dir", gitDir, "fast-import", "--quiet", "--done"], {
    input: Buffer.concat(parts),
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1" },
  });
}

export interface Traffic {
  requests: number;
  /** Bytes of request bodies (client → server). */
  requestBodyBytes: number;
  /** Bytes of response bodies (server → client). */
  responseBodyBytes: number;
  /** Sum over requests of the time from request start to response end, ms (the client waits on it). */
  serverMs: number;
}

export function emptyTraffic(): Traffic {
  return { requests: 0, requestBodyBytes: 0, responseBodyBytes: 0, serverMs: 0 };
}

/**
 * A loopback HTTP proxy in front of `target` that counts request and response body bytes.
 * `Location` headers naming the target are rewritten to the proxy, so a redirect (the
 * emulator's tarball → codeload) is counted too.
 */
export class CountingProxy {
  traffic: Traffic = emptyTraffic();
  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(target: string): Promise<CountingProxy> {
    const server = http.createServer();
    const url = await listenOnLoopback(server);
    const proxy = new CountingProxy(server, url);
    const upstream = new URL(target);
    server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
      proxy.traffic.requests += 1;
      const started = performance.now();
      res.on("finish", () => {
        proxy.traffic.serverMs += performance.now() - started;
      });
      const headers = { ...req.headers, host: upstream.host };
      const forward = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
        (answer) => {
          const out = { ...answer.headers };
          if (typeof out.location === "string") out.location = out.location.replace(target, url);
          res.writeHead(answer.statusCode ?? 502, out);
          answer.on("data", (chunk: Buffer) => {
            proxy.traffic.responseBodyBytes += chunk.length;
          });
          answer.pipe(res);
        },
      );
      forward.on("error", (error) => {
        if (!res.headersSent) res.writeHead(502);
        res.end(String(error));
      });
      req.on("data", (chunk: Buffer) => {
        proxy.traffic.requestBodyBytes += chunk.length;
      });
      req.pipe(forward);
    });
    return proxy;
  }

  reset(): void {
    this.traffic = emptyTraffic();
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
