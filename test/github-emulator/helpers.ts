/** Shared setup for the emulator's fidelity suite: one emulator per test file, fresh repos per test. */
import { execFile } from "node:child_process";
import { after, afterEach, before } from "node:test";
import { promisify } from "node:util";
import { Octokit } from "@octokit/rest";
import { startGitHubEmulator } from "../support/github-emulator/index.ts";
import type { Emulator, EmulatorOptions } from "../support/github-emulator/index.ts";

const run = promisify(execFile);

export const OWNER = "acme";

/** Octokit logs every request (errors too, which tests provoke on purpose); keep output to assertions. */
export const QUIET_LOG = { debug: () => undefined, info: () => undefined, warn: console.warn, error: () => undefined };

/** A plain client (no retry/throttling plugins unless a test adds them). */
export function client(emulator: Emulator, token = "ghs_test_token"): Octokit {
  return new Octokit({ auth: token, baseUrl: emulator.url, log: QUIET_LOG });
}

export function start(options: EmulatorOptions = {}): Promise<Emulator> {
  return startGitHubEmulator(options);
}

/**
 * One emulator for the enclosing describe block, started before its tests and stopped after
 * them, with every test held to GitHub's OpenAPI contract; returns the running emulator.
 */
export function sharedEmulator(): () => Emulator {
  let emulator: Emulator | undefined;
  before(async () => {
    emulator = await start();
  });
  afterEach(() => {
    emulator?.assertNoContractViolations();
  });
  after(async () => {
    await emulator?.stop();
  });
  return () => {
    if (emulator === undefined) throw new Error("the emulator is used before it started");
    return emulator;
  };
}

let repoCounter = 0;

/** Creates a uniquely named repository (`files: null` → empty) so tests sharing one emulator stay independent. */
export async function freshRepo(
  emulator: Emulator,
  files: Record<string, string> | null = { "README.md": "# gitops\n" },
  extra: { collaborators?: string[]; teams?: string[] } = {},
): Promise<{ owner: string; repo: string }> {
  repoCounter += 1;
  const repo = `gitops-${repoCounter}`;
  await emulator.createRepo({ owner: OWNER, repo, defaultBranch: "main", ...(files === null ? {} : { files }), ...extra });
  return { owner: OWNER, repo };
}

/** Runs real git against the emulator's bare repository. */
export async function git(emulator: Emulator, repo: string, ...args: string[]): Promise<string> {
  const { stdout } = await run("git", ["--git-dir", emulator.bareRepoPath(OWNER, repo), ...args], {
    env: { PATH: process.env["PATH"], GIT_CONFIG_NOSYSTEM: "1", HOME: emulator.bareRepoPath(OWNER, repo) },
  });
  return stdout;
}

/** The HTTP status of a rejected Octokit call (throws if it did not reject). */
export async function statusOf(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    const { status, message } = error as { status: number; message: string };
    return { status, message };
  }
  throw new Error("expected the request to fail");
}
