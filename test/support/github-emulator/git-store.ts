/**
 * One real bare git repository per emulated GitHub repository. Every Git Data operation is a
 * git plumbing command, so object ids are the ones GitHub would compute for the same content.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { deflateSync } from "node:zlib";

export const ZERO_SHA = "0000000000000000000000000000000000000000";
export const EMPTY_TREE_SHA = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

export interface Identity {
  name: string;
  email: string;
  /** ISO 8601 date. */
  date: string;
}

export interface TreeEntry {
  path: string;
  mode: string;
  type: "blob" | "tree" | "commit";
  sha: string;
  /** Blob size in bytes; absent for trees and submodules. */
  size?: number;
}

export interface CommitObject {
  sha: string;
  tree: string;
  parents: string[];
  author: Identity;
  committer: Identity;
  message: string;
}

export interface RefRecord {
  ref: string;
  sha: string;
  type: "commit" | "tree" | "blob" | "tag";
}

/** An index entry while a tree is being assembled: a file, symlink or submodule at `path`. */
interface IndexEntry {
  mode: string;
  sha: string;
}

/** A tree edit as the create-tree handler resolved it: set a leaf, graft a subtree, or delete. */
export type TreeEdit =
  | { kind: "set"; path: string; mode: string; sha: string }
  | { kind: "graft"; path: string; treeSha: string }
  | { kind: "delete"; path: string };

export class GitCommandError extends Error {
  readonly stderr: string;
  constructor(args: readonly string[], stderr: string) {
    super(`git ${args.join(" ")} failed: ${stderr.trim()}`);
    this.stderr = stderr;
  }
}

/** Thrown by `buildTree` when a `sha: null` entry names a path absent from the base tree. */
export class MissingPathError extends Error {}

function toGitDate(iso: string): string {
  const seconds = Math.floor(new Date(iso).getTime() / 1000);
  return `${seconds} +0000`;
}

function fromGitIdentity(line: string): Identity {
  const match = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/.exec(line);
  if (!match) throw new Error(`unparsable git identity: ${line}`);
  const [, name = "", email = "", seconds = "0"] = match;
  return { name, email, date: new Date(Number(seconds) * 1000).toISOString().replace(/\.000Z$/, "Z") };
}

export class BareRepo {
  readonly gitDir: string;
  private readonly scratchDir: string;
  private readonly baseEnv: NodeJS.ProcessEnv;
  private scratchCounter = 0;
  /** Ref mutations run one at a time so check-then-swap sequences are not interleaved. */
  private refQueue: Promise<unknown> = Promise.resolve();

  constructor(gitDir: string, homeDir: string) {
    this.gitDir = gitDir;
    this.scratchDir = `${gitDir}.scratch`;
    // Isolate from the developer's git config so results do not depend on the machine.
    this.baseEnv = {
      PATH: process.env["PATH"],
      HOME: homeDir,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: path.join(homeDir, "gitconfig"),
      GIT_TERMINAL_PROMPT: "0",
      GIT_DIR: gitDir,
      LC_ALL: "C",
    };
  }

  static async init(gitDir: string, homeDir: string, defaultBranch: string): Promise<BareRepo> {
    const repo = new BareRepo(gitDir, homeDir);
    await mkdir(repo.scratchDir, { recursive: true });
    await repo.run(["init", "--bare", "--quiet", `--initial-branch=${defaultBranch}`, gitDir]);
    await repo.run(["config", "gc.auto", "0"]);
    return repo;
  }

  async remove(): Promise<void> {
    await rm(this.gitDir, { recursive: true, force: true });
    await rm(this.scratchDir, { recursive: true, force: true });
  }

  run(args: readonly string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
    return this.runBuffer(args, options).then((out) => out.toString("utf8"));
  }

  runBuffer(args: readonly string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {}): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const child = execFile(
        "git",
        args,
        { env: { ...this.baseEnv, ...options.env }, encoding: "buffer", maxBuffer: 256 * 1024 * 1024 },
        (error, stdout, stderr) => {
          if (error) reject(new GitCommandError(args, stderr.toString("utf8")));
          else resolve(stdout);
        },
      );
      // Commands that ignore stdin may exit before we finish writing; their exit status is what counts.
      child.stdin?.on("error", () => undefined);
      child.stdin?.end(options.input ?? "");
    });
  }

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const next = this.refQueue.then(task, task);
    this.refQueue = next.catch(() => undefined);
    return next;
  }

  async objectType(sha: string): Promise<string | null> {
    if (!/^[0-9a-f]{40}$/.test(sha)) return null;
    try {
      return (await this.run(["cat-file", "-t", sha])).trim();
    } catch {
      return null;
    }
  }

  async listRefs(): Promise<RefRecord[]> {
    const out = await this.run(["for-each-ref", "--format=%(refname) %(objectname) %(objecttype)"]);
    return out
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => {
        const [ref = "", sha = "", type = ""] = line.split(" ");
        return { ref, sha, type: type as RefRecord["type"] };
      });
  }

  async isEmpty(): Promise<boolean> {
    return (await this.listRefs()).length === 0;
  }

  async resolveRef(ref: string): Promise<RefRecord | null> {
    return (await this.listRefs()).find((record) => record.ref === ref) ?? null;
  }

  /**
   * What GitHub accepts where an API takes "a commit SHA, branch or tag name": a full SHA of
   * an existing object, a fully qualified ref (`refs/heads/x`), `heads/x` / `tags/x`, a branch
   * name, a tag name (branches win, as on GitHub), or an unambiguous abbreviated SHA (≥ 7 hex).
   * Returns the object id the name points at (a commit, tree or tag object), or null.
   */
  async resolveRevision(name: string): Promise<string | null> {
    if (/^[0-9a-f]{40}$/.test(name)) return (await this.objectType(name)) === null ? null : name;
    const candidates = name.startsWith("refs/") ? [name] : [`refs/heads/${name}`, `refs/tags/${name}`, `refs/${name}`];
    const refs = await this.listRefs();
    for (const candidate of candidates) {
      const record = refs.find((r) => r.ref === candidate);
      if (record) return record.sha;
    }
    if (!/^[0-9a-f]{7,39}$/.test(name)) return null;
    // `--disambiguate` lists every object with that prefix; only a unique one counts.
    const matches = (await this.run(["rev-parse", `--disambiguate=${name}`]).catch(() => "")).split("\n").filter((line) => line !== "");
    return matches.length === 1 ? (matches[0] ?? null) : null;
  }

  /** Peels `sha` (a tag, commit or tree) to the object of `type`, or null if it has none. */
  async peel(sha: string, type: "commit" | "tree"): Promise<string | null> {
    try {
      return (await this.run(["rev-parse", "--verify", "--quiet", `${sha}^{${type}}`])).trim() || null;
    } catch {
      return null;
    }
  }

  /**
   * `git archive --format=tar --prefix=<prefix> <commit>`: given a commit, git writes a pax
   * global header carrying the commit id and stamps entries with the committer date, which is
   * what GitHub's codeload serves (gzipped) for legacy tarballs.
   */
  archiveTar(commit: string, prefix: string): Promise<Buffer> {
    return this.runBuffer(["archive", "--format=tar", `--prefix=${prefix}`, commit]);
  }

  /**
   * Writes the loose object `git hash-object -w` would (zlib-deflated "blob <size>\0<content>"
   * at objects/<2 hex>/<38 hex>), in process: one git process per inline file of a large tree
   * made the emulator, not the action, the cost of a big change.
   */
  async writeBlob(content: Buffer): Promise<string> {
    const object = Buffer.concat([Buffer.from(`blob ${content.length}\0`), content]);
    const sha = createHash("sha1").update(object).digest("hex");
    const file = path.join(this.gitDir, "objects", sha.slice(0, 2), sha.slice(2));
    if (!existsSync(file)) {
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.${++this.scratchCounter}.tmp`;
      await writeFile(temporary, deflateSync(object));
      await rename(temporary, file);
    }
    return sha;
  }

  readBlob(sha: string): Promise<Buffer> {
    return this.runBuffer(["cat-file", "blob", sha]);
  }

  async lsTree(treeish: string, recursive: boolean): Promise<TreeEntry[]> {
    const args = ["ls-tree", "-z", "--long", ...(recursive ? ["-r", "-t"] : []), treeish];
    const out = await this.run(args);
    return out
      .split("\0")
      .filter((record) => record !== "")
      .map((record) => {
        const tab = record.indexOf("\t");
        const [mode = "", type = "", sha = "", size = "-"] = record.slice(0, tab).split(/\s+/);
        const entry: TreeEntry = { path: record.slice(tab + 1), mode, type: type as TreeEntry["type"], sha };
        if (size !== "-") entry.size = Number(size);
        return entry;
      });
  }

  /** Leaves (files, symlinks, submodules) of a tree, keyed by path. */
  private async leaves(treeSha: string | null): Promise<Map<string, IndexEntry>> {
    const map = new Map<string, IndexEntry>();
    if (treeSha === null) return map;
    for (const entry of await this.lsTree(treeSha, true)) {
      if (entry.type !== "tree") map.set(entry.path, { mode: entry.mode, sha: entry.sha });
    }
    return map;
  }

  /**
   * Applies edits on top of `baseTree` (or an empty tree) and writes the result with a private
   * index file. Emptied directories disappear, as on GitHub.
   */
  async buildTree(baseTree: string | null, edits: readonly TreeEdit[]): Promise<string> {
    const index = await this.leaves(baseTree);
    const removeUnder = (prefix: string): boolean => {
      let removed = false;
      for (const key of [...index.keys()]) {
        if (key === prefix || key.startsWith(`${prefix}/`)) removed = index.delete(key) || removed;
      }
      return removed;
    };
    const removeFileAncestors = (filePath: string): void => {
      const parts = filePath.split("/");
      for (let i = 1; i < parts.length; i += 1) index.delete(parts.slice(0, i).join("/"));
    };
    for (const edit of edits) {
      if (edit.kind === "delete") {
        if (!removeUnder(edit.path)) throw new MissingPathError(edit.path);
        continue;
      }
      removeUnder(edit.path);
      removeFileAncestors(edit.path);
      if (edit.kind === "set") {
        index.set(edit.path, { mode: edit.mode, sha: edit.sha });
      } else {
        for (const [sub, leaf] of await this.leaves(edit.treeSha)) index.set(`${edit.path}/${sub}`, leaf);
      }
    }
    return this.writeIndex(index);
  }

  private async writeIndex(index: ReadonlyMap<string, IndexEntry>): Promise<string> {
    this.scratchCounter += 1;
    const env = { GIT_INDEX_FILE: path.join(this.scratchDir, `index-${this.scratchCounter}`) };
    try {
      await this.run(["read-tree", "--empty"], { env });
      const lines = [...index].map(([entryPath, entry]) => `${entry.mode} ${entry.sha}\t${entryPath}\0`).join("");
      await this.run(["update-index", "-z", "--index-info"], { env, input: lines });
      return (await this.run(["write-tree"], { env })).trim();
    } finally {
      await rm(env.GIT_INDEX_FILE, { force: true });
    }
  }

  async commitTree(input: {
    tree: string;
    parents: readonly string[];
    message: string;
    author: Identity;
    committer: Identity;
  }): Promise<string> {
    const args = ["commit-tree", input.tree, ...input.parents.flatMap((parent) => ["-p", parent])];
    const env = {
      GIT_AUTHOR_NAME: input.author.name,
      GIT_AUTHOR_EMAIL: input.author.email,
      GIT_AUTHOR_DATE: toGitDate(input.author.date),
      GIT_COMMITTER_NAME: input.committer.name,
      GIT_COMMITTER_EMAIL: input.committer.email,
      GIT_COMMITTER_DATE: toGitDate(input.committer.date),
    };
    // The message goes through stdin verbatim; `-m` would let git reformat it.
    return (await this.run(args, { env, input: input.message })).trim();
  }

  async readCommit(sha: string): Promise<CommitObject> {
    const raw = await this.run(["cat-file", "commit", sha]);
    const split = raw.indexOf("\n\n");
    const headers = (split === -1 ? raw : raw.slice(0, split)).split("\n");
    const message = split === -1 ? "" : raw.slice(split + 2);
    const commit: CommitObject = {
      sha,
      tree: "",
      parents: [],
      message,
      author: { name: "", email: "", date: "" },
      committer: { name: "", email: "", date: "" },
    };
    for (const line of headers) {
      const space = line.indexOf(" ");
      const key = line.slice(0, space);
      const value = line.slice(space + 1);
      if (key === "tree") commit.tree = value;
      else if (key === "parent") commit.parents.push(value);
      else if (key === "author") commit.author = fromGitIdentity(value);
      else if (key === "committer") commit.committer = fromGitIdentity(value);
    }
    return commit;
  }

  readCommitText(sha: string): Promise<string> {
    return this.run(["cat-file", "commit", sha]);
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    try {
      await this.run(["merge-base", "--is-ancestor", ancestor, descendant]);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Runs `decide` with the ref's current value and applies its answer with an atomic
   * compare-and-swap (`update-ref <ref> <new> <old>`), serialized per repository.
   */
  mutateRef<T>(ref: string, decide: (current: RefRecord | null) => Promise<{ newSha: string | null; result: T }>): Promise<T> {
    return this.serialize(async () => {
      const current = await this.resolveRef(ref);
      const { newSha, result } = await decide(current);
      const expected = current?.sha ?? ZERO_SHA;
      if (newSha === null) await this.run(["update-ref", "-d", ref, expected]);
      else if (newSha !== current?.sha) await this.run(["update-ref", ref, newSha, expected]);
      return result;
    });
  }

  /** Commits `files` (path → content, null deletes) on top of `branch` and advances it. */
  async commitFiles(input: {
    branch: string;
    files: Record<string, string | null>;
    message: string;
    author: Identity;
    committer: Identity;
  }): Promise<string> {
    const ref = `refs/heads/${input.branch}`;
    return this.mutateRef(ref, async (current) => {
      const parent = current?.sha ?? null;
      const baseTree = parent === null ? null : (await this.readCommit(parent)).tree;
      const edits: TreeEdit[] = [];
      for (const [filePath, content] of Object.entries(input.files)) {
        edits.push(
          content === null
            ? { kind: "delete", path: filePath }
            : { kind: "set", path: filePath, mode: "100644", sha: await this.writeBlob(Buffer.from(content, "utf8")) },
        );
      }
      const tree = await this.buildTree(baseTree, edits);
      const sha = await this.commitTree({
        tree,
        parents: parent === null ? [] : [parent],
        message: input.message,
        author: input.author,
        committer: input.committer,
      });
      return { newSha: sha, result: sha };
    });
  }
}
