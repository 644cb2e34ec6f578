// Runs the action exactly as the runner does: `node dist/index.js` with every input's default
// from action.yml as INPUT_*, the GITHUB_* environment, an event payload, and output, summary
// and workspace files that the test can read afterwards.
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { UNPACED_ENV } from "../../src/deliver/octokit.ts";
import { DIST_ACTION } from "../support/dist.ts";
import { E2E_NODE } from "../support/e2e-node.ts";

export const OWNER = "acme";
export const REPO = "gitops";
export const TOKEN = "ghs_emulatedActionsToken0123456789";

interface ActionYaml {
  inputs: Record<string, { default?: string }>;
}

const defaults = (parse(readFileSync("action.yml", "utf8")) as ActionYaml).inputs;

export interface ActionRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
}

export class Workspace {
  readonly dir = mkdtempSync(join(tmpdir(), "ingress-gitops-workspace-"));

  write(path: string, content: string): void {
    mkdirSync(dirname(join(this.dir, path)), { recursive: true });
    writeFileSync(join(this.dir, path), content);
  }

  remove(path: string): void {
    rmSync(join(this.dir, path));
  }

  /** Spawns the bundled action against `apiUrl` with `inputs` over action.yml's defaults (and `extraEnv` over the runner's). */
  run(apiUrl: string, inputs: Record<string, string> = {}, repo = REPO, extraEnv: NodeJS.ProcessEnv = {}): Promise<ActionRun> {
    const { env, files } = runnerEnvironment({
      apiUrl,
      repo,
      workspace: this.dir,
      runDir: mkdtempSync(join(tmpdir(), "ingress-gitops-run-")),
      inputs,
    });
    return new Promise((resolve, reject) => {
      // The emulator is on loopback: retries are made and counted without GitHub's real waits.
      const child = spawn(E2E_NODE, [DIST_ACTION], { env: { ...env, ...extraEnv, [UNPACED_ENV]: "1" }, cwd: this.dir });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", reject);
      child.on("close", (code) => {
        resolve({
          code,
          stdout,
          stderr,
          outputs: parseOutputs(readFileSync(files.output, "utf8")),
          summary: readFileSync(files.summary, "utf8"),
        });
      });
    });
  }
}

export interface RunnerFiles {
  readonly output: string;
  readonly summary: string;
  readonly event: string;
}

/**
 * What the runner gives an action step: the GITHUB_* variables, an event payload naming the
 * default branch, empty output and summary files in `runDir`, and every input as INPUT_*
 * (action.yml's defaults, overridden by `inputs`).
 */
export function runnerEnvironment(options: {
  apiUrl: string;
  repo: string;
  workspace: string;
  runDir: string;
  inputs: Record<string, string>;
}): { env: Record<string, string>; files: RunnerFiles } {
  const files = {
    output: join(options.runDir, "output"),
    summary: join(options.runDir, "summary"),
    event: join(options.runDir, "event.json"),
  };
  writeFileSync(files.output, "");
  writeFileSync(files.summary, "");
  writeFileSync(files.event, JSON.stringify({ repository: { full_name: `${OWNER}/${options.repo}`, default_branch: "main" } }));
  const env: Record<string, string> = {
    PATH: process.env["PATH"] ?? "",
    GITHUB_API_URL: options.apiUrl,
    GITHUB_REPOSITORY: `${OWNER}/${options.repo}`,
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_RUN_ID: "4242",
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_WORKSPACE: options.workspace,
    RUNNER_TEMP: options.runDir,
    // As the runner sets them for a job `render` of .github/workflows/ingress.yml.
    GITHUB_WORKFLOW: "Ingress",
    GITHUB_WORKFLOW_REF: `${OWNER}/${options.repo}/.github/workflows/ingress.yml@refs/heads/main`,
    GITHUB_JOB: "render",
  };
  for (const [name, input] of Object.entries(defaults))
    env[`INPUT_${name.toUpperCase()}`] = (input.default ?? "").replace("${{ github.token }}", TOKEN);
  for (const [name, value] of Object.entries(options.inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return { env, files };
}

/** GITHUB_OUTPUT as @actions/core writes it: `name<<delimiter\nvalue\ndelimiter`. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^([\w-]+)<<(.+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(pattern)) outputs[m[1] ?? ""] = m[3] ?? "";
  return outputs;
}
