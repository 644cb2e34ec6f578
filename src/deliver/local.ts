// Delivery to a local git repository (the embedded default, and what `demo` runs): the same plan
// and the same commit shape as on GitHub, made with git plumbing on a temporary index, so the
// base branch and the working tree are never touched. The PR body goes to a file.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { PR_BODY_LIMIT } from "../diff/markdown.ts";
import type { PlanReport } from "../diff/plan.ts";
import type { Verified } from "../verify/verified.ts";
import { branchCommitMessage, branchParents } from "./branch-commit.ts";
import { foreignChanges, keptNote, type BranchReader, type PatchEntry } from "./foreign.ts";
import type { TreeEntry } from "./git-objects.ts";
import { DeliveryError, type BodyRenderer, type Operation } from "./delivery.ts";
import { prepare } from "./prepare.ts";

const run = promisify(execFile);

export interface LocalTarget {
  /** A folder inside a git repository (its work tree or a bare repository). */
  readonly repo: string;
  /** The base branch; the checked-out branch when absent. */
  readonly base?: string;
  readonly branch: string;
}

export interface LocalDelivery {
  readonly operation: Exclude<Operation, "closed">;
  readonly report: PlanReport;
  readonly changed: boolean;
  readonly base: string;
  readonly headSha?: string;
  /** Where the PR body was written. */
  readonly bodyFile?: string;
  readonly body?: string;
}

const NO_SHA = "0".repeat(40);

/** ingress-gitops's own identity, used only where the repository configures none. */
const FALLBACK_IDENTITY = { name: "ingress-gitops", email: "ingress-gitops@users.noreply.github.com" };

class Git {
  constructor(private readonly dir: string) {}

  async run(args: readonly string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<string> {
    const child = run("git", ["-C", this.dir, ...args], { env: { ...process.env, ...options.env }, maxBuffer: 1 << 30, encoding: "utf8" });
    if (options.input !== undefined) child.child.stdin?.end(options.input);
    return (await child).stdout;
  }

  async maybe(args: readonly string[]): Promise<string | undefined> {
    try {
      return (await this.run(args)).trim();
    } catch {
      return undefined;
    }
  }
}

const MAX_ATTEMPTS = 3;

export async function deliverToLocalRepo(
  target: LocalTarget,
  specs: readonly Verified[],
  commitMessage: string,
  renderBody: BodyRenderer,
): Promise<LocalDelivery> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptDelivery(target, specs, commitMessage, renderBody);
    } catch (error) {
      // Someone pushed to the branch between our read and update-ref: read again and build on their commit.
      if (!(error instanceof BranchMoved)) throw error;
      if (attempt >= MAX_ATTEMPTS)
        throw new DeliveryError(
          `the branch ${target.branch} kept moving while ingress-gitops updated it (${MAX_ATTEMPTS} attempts); another run or a person is pushing to it. Nothing was lost: run again.`,
        );
    }
  }
}

class BranchMoved extends Error {}

async function attemptDelivery(
  target: LocalTarget,
  specs: readonly Verified[],
  commitMessage: string,
  renderBody: BodyRenderer,
): Promise<LocalDelivery> {
  const git = new Git(resolve(target.repo));
  const base = target.base ?? (await git.run(["symbolic-ref", "--short", "HEAD"])).trim();
  const baseHead = (await git.run(["rev-parse", "--verify", `${base}^{commit}`])).trim();
  const entries = parseLsTree(await git.run(["ls-tree", "-r", "-z", "--full-tree", baseHead]));
  const head = await git.maybe(["rev-parse", "--verify", "-q", `refs/heads/${target.branch}^{commit}`]);
  const reader = localReader(git);
  const foreign =
    head === undefined
      ? undefined
      : await foreignChanges(reader, target.branch, await reader.commit(head), baseHead, () => Promise.resolve(entries), specs);
  if (foreign?.kind === "refused") throw new DeliveryError(foreign.reason);
  const kept = foreign?.kind === "kept" ? foreign : undefined;
  const prepared = await prepare(specs, { entries, read: (paths) => readBlobs(git, baseHead, paths) });
  if (!prepared.ok) throw new DeliveryError(prepared.refusals.join("\n"));
  const { write, report, changed } = prepared;
  if (!changed && kept === undefined) return { operation: "none", report, changed, base };

  const own = new Set([...write.writes.keys(), ...write.deletes]);
  const patch = kept === undefined ? [] : kept.patch.filter((p) => !own.has(p.path));
  const tree = await writeTree(git, baseHead, write.writes, write.deletes, patch);
  if (head !== undefined && (await git.run(["rev-parse", `${head}^{tree}`])).trim() === tree) {
    return { operation: "unchanged", report, changed, base, headSha: head };
  }
  const parents = branchParents(head === undefined || foreign === undefined ? undefined : { sha: head, base: foreign.built }, baseHead);
  const commit = (
    await git.run(["commit-tree", tree, ...parents.flatMap((p) => ["-p", p]), "-F", "-"], {
      input: branchCommitMessage(commitMessage, baseHead, patch.length),
      env: await identity(git),
    })
  ).trim();
  // Compare-and-swap: fails if the branch moved since it was read, like GitHub's fast-forward check.
  try {
    await git.run(["update-ref", `refs/heads/${target.branch}`, commit, head ?? NO_SHA]);
  } catch (error) {
    const current = await git.maybe(["rev-parse", "--verify", "-q", `refs/heads/${target.branch}^{commit}`]);
    throw current === head ? error : new BranchMoved();
  }
  const note = kept === undefined ? "" : `\n\n${keptNote(kept)}`;
  const body = `${renderBody(report, PR_BODY_LIMIT - note.length, [])}${note}`;
  const bodyFile = join(
    resolve(target.repo, (await git.run(["rev-parse", "--git-dir"])).trim()),
    "ingress-gitops",
    `${target.branch.replace(/[^A-Za-z0-9._-]/g, "_")}.md`,
  );
  await mkdir(join(bodyFile, ".."), { recursive: true });
  await writeFile(bodyFile, body);
  return { operation: head === undefined ? "created" : "updated", report, changed, base, headSha: commit, bodyFile, body };
}

/** The branch's history read with git plumbing. */
function localReader(git: Git): BranchReader {
  return {
    commit: async (sha) => {
      const [parents = "", ...message] = (await git.run(["log", "-1", "--format=%P%n%B", sha])).split("\n");
      return { sha, message: message.join("\n"), parents: parents.split(" ").filter((p) => p !== "") };
    },
    entries: async (sha) => parseLsTree(await git.run(["ls-tree", "-r", "-z", "--full-tree", sha])),
    blob: (sha) => git.run(["cat-file", "blob", sha]),
  };
}

function parseLsTree(output: string): TreeEntry[] {
  return output
    .split("\0")
    .filter((line) => line !== "")
    .map((line) => {
      const tab = line.indexOf("\t");
      const [mode = "", type = "", sha = ""] = line.slice(0, tab).split(" ");
      return { path: line.slice(tab + 1), mode, type: type as TreeEntry["type"], sha };
    });
}

/** Contents at `commit` of the given paths, in one `git cat-file --batch`. */
async function readBlobs(git: Git, commit: string, paths: readonly string[]): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  if (paths.length === 0) return files;
  const output = Buffer.from(await git.run(["cat-file", "--batch"], { input: paths.map((p) => `${commit}:${p}\n`).join("") }), "utf8");
  let offset = 0;
  for (const path of paths) {
    const newline = output.indexOf(10, offset);
    const [, , size] = output.subarray(offset, newline).toString("utf8").split(" ");
    const length = Number(size);
    files.set(path, output.subarray(newline + 1, newline + 1 + length).toString("utf8"));
    offset = newline + 1 + length + 1;
  }
  return files;
}

/** The base tree with others' kept changes and the plan applied, written through a temporary index. */
async function writeTree(
  git: Git,
  baseHead: string,
  writes: ReadonlyMap<string, string>,
  deletes: readonly string[],
  patch: readonly PatchEntry[],
): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), "ingress-gitops-index-"));
  try {
    const env = { GIT_INDEX_FILE: join(scratch, "index") };
    await git.run(["read-tree", baseHead], { env });
    const paths = [...writes.keys()];
    const contents = await Promise.all(
      paths.map(async (path, i) => {
        const file = join(scratch, `blob-${i}`);
        await writeFile(file, writes.get(path) ?? "");
        return file;
      }),
    );
    const shas =
      paths.length === 0
        ? []
        : (await git.run(["hash-object", "-w", "--no-filters", "--stdin-paths"], { input: `${contents.join("\n")}\n` })).trim().split("\n");
    const info = [
      ...patch.map(({ path, entry }) => (entry === undefined ? `0 ${NO_SHA}\t${path}` : `${entry.mode} ${entry.sha}\t${path}`)),
      ...paths.map((path, i) => `100644 ${shas[i] ?? ""}\t${path}`),
      ...deletes.map((path) => `0 ${NO_SHA}\t${path}`),
    ];
    await git.run(["update-index", "--index-info"], { input: `${info.join("\n")}\n`, env });
    return (await git.run(["write-tree"], { env })).trim();
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function identity(git: Git): Promise<Record<string, string>> {
  const name = await git.maybe(["config", "user.name"]);
  const email = await git.maybe(["config", "user.email"]);
  if (name !== undefined && name !== "" && email !== undefined && email !== "") return {};
  return {
    GIT_AUTHOR_NAME: FALLBACK_IDENTITY.name,
    GIT_AUTHOR_EMAIL: FALLBACK_IDENTITY.email,
    GIT_COMMITTER_NAME: FALLBACK_IDENTITY.name,
    GIT_COMMITTER_EMAIL: FALLBACK_IDENTITY.email,
  };
}
