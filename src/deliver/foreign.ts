// Commits on the PR branch that ingress-gitops did not make: a concurrent push, or a person's
// fix on the PR. Their changes outside the files ingress-gitops owns are carried into every
// later commit, so no run discards them; when the base changed the same path differently, the
// run refuses instead of choosing. Shared by the GitHub and the local backend.
import { oneLine } from "../one-line.ts";
import { ownedFiles } from "../plan/write-plan.ts";
import type { Verified } from "../verify/verified.ts";
import { OWNERSHIP_FILE, parseOwnership } from "../plan/ownership.ts";
import { builtOnBase, keptChanges } from "./branch-commit.ts";
import type { TreeEntry } from "./git-objects.ts";

export interface CommitInfo {
  readonly sha: string;
  readonly message: string;
  readonly parents: readonly string[];
}

/** How a backend reads the branch's history. */
export interface BranchReader {
  commit(sha: string): Promise<CommitInfo>;
  /** Blob and submodule entries of a commit's tree, recursively. */
  entries(commit: string): Promise<TreeEntry[]>;
  blob(sha: string): Promise<string>;
}

/** A path a foreign commit changed: its entry on the branch, or none when it deleted the path. */
export interface PatchEntry {
  readonly path: string;
  readonly entry: TreeEntry | undefined;
}

export type Foreign =
  /** `built`: the base commit the branch's own commits were built on. */
  | { readonly kind: "none"; readonly built: string }
  /** `commits`: the foreign commits since ingress-gitops last committed (none when an earlier run already kept them). */
  | { readonly kind: "kept"; readonly built: string; readonly patch: readonly PatchEntry[]; readonly commits: readonly CommitInfo[] }
  | { readonly kind: "refused"; readonly reason: string };

/** Past this many commits without one of its own, the branch is not one ingress-gitops keeps. */
const MAX_FOREIGN_COMMITS = 50;

export async function foreignChanges(
  reader: BranchReader,
  branch: string,
  head: CommitInfo,
  baseHead: string,
  /** Every blob and submodule entry of the base commit; asked for only when the branch holds others' commits. */
  baseEntries: () => Promise<readonly TreeEntry[]>,
  specs: readonly Verified[],
): Promise<Foreign> {
  const commits: CommitInfo[] = [];
  let own = head;
  for (let built = builtOnBase(own.message); built === undefined; built = builtOnBase(own.message)) {
    // The branch was made from the base itself (by a person, or by fast-forwarding it): the base holds whatever it holds.
    if (own.sha === baseHead)
      return commits.length === 0 ? { kind: "none", built: baseHead } : keptOn(reader, branch, head, baseHead, baseEntries, specs, commits);
    commits.push(own);
    const parent = own.parents[0];
    if (parent === undefined || commits.length > MAX_FOREIGN_COMMITS) {
      return {
        kind: "refused",
        reason: oneLine(
          `the branch ${branch} holds commits ingress-gitops did not make (${describe(commits.slice(0, 5))}) and none of its own to tell them apart; refusing to build on it or replace it. Use another branch, or delete this one if its commits are not needed.`,
        ),
      };
    }
    own = await reader.commit(parent);
  }
  const built = builtOnBase(own.message) ?? baseHead;
  if (commits.length === 0 && !keptChanges(own.message)) return { kind: "none", built };
  return keptOn(reader, branch, head, built, baseEntries, specs, commits);
}

/** Others' changes between `built` (what the branch's own commits were built on) and the head, outside the owned files. */
async function keptOn(
  reader: BranchReader,
  branch: string,
  head: CommitInfo,
  built: string,
  baseEntries: () => Promise<readonly TreeEntry[]>,
  specs: readonly Verified[],
  commits: readonly CommitInfo[],
): Promise<Foreign> {
  const [builtEntries, headEntries, atBase] = await Promise.all([reader.entries(built), reader.entries(head.sha), baseEntries()]);
  const owned = await ownedPaths(reader, specs, headEntries);
  const before = byPath(builtEntries);
  const after = byPath(headEntries);
  const base = byPath(atBase);
  const patch: PatchEntry[] = [];
  const conflicts: string[] = [];
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(path);
    const is = after.get(path);
    if (owned(path) || same(was, is) || same(base.get(path), is)) continue;
    // The base moved this path too, to something else: a person must choose.
    if (!same(base.get(path), was)) conflicts.push(path);
    else patch.push({ path, entry: is });
  }
  if (conflicts.length > 0) {
    return {
      kind: "refused",
      // Git allows a line break in a path: the reason stays one line whatever the paths hold.
      reason: oneLine(
        `the branch ${branch} holds changes ingress-gitops did not make to ${conflicts.sort().slice(0, 10).join(", ")} (${describe(commits.slice(0, 5))}), and the base changed ${conflicts.length === 1 ? "it" : "them"} too; refusing to choose between them. Merge the base into ${branch}, then run again.`,
      ),
    };
  }
  // Nothing left to carry: the foreign commits touched only owned files, or the base holds their changes.
  if (patch.length === 0) return { kind: "none", built };
  return { kind: "kept", built, patch: patch.sort((a, b) => (a.path < b.path ? -1 : 1)), commits };
}

/** The paths ingress-gitops owns: what it renders now and what the branch's ownership records list; a person's files beside them are not. */
async function ownedPaths(
  reader: BranchReader,
  specs: readonly Verified[],
  headEntries: readonly TreeEntry[],
): Promise<(path: string) => boolean> {
  const owned = new Set<string>();
  const entries = byPath(headEntries);
  for (const spec of specs) {
    for (const path of ownedFiles(spec).keys()) owned.add(`${spec.folder}/${path}`);
    const record = entries.get(`${spec.folder}/${OWNERSHIP_FILE}`);
    if (record !== undefined) for (const path of parseOwnership(await reader.blob(record.sha)).files) owned.add(`${spec.folder}/${path}`);
  }
  return (path) => owned.has(path);
}

function byPath(entries: readonly TreeEntry[]): Map<string, TreeEntry> {
  return new Map(entries.filter((e) => e.type !== "tree").map((e) => [e.path, e]));
}

function same(a: TreeEntry | undefined, b: TreeEntry | undefined): boolean {
  return a?.sha === b?.sha && a?.mode === b?.mode;
}

/** The commits by short id and subject, on one line whatever a subject holds (a CR, U+2028). */
export function describe(commits: readonly CommitInfo[]): string {
  return commits.map((c) => `${c.sha.slice(0, 7)} "${oneLine((c.message.split("\n")[0] ?? "").slice(0, 60))}"`).join(", ");
}

/** What the PR body says when the commit keeps someone else's changes. */
export function keptNote(foreign: Extract<Foreign, { kind: "kept" }>): string {
  const paths = foreign.patch.map((p) => `\`${p.path.replace(/[`\n\r]/g, "?")}\``);
  const by =
    foreign.commits.length === 0
      ? ""
      : ` from ${foreign.commits.length} commit(s) ingress-gitops did not make (${describe(foreign.commits.slice(0, 5)).replace(/[`<>]/g, "?")})`;
  return `> [!NOTE]\n> This branch keeps changes by others${by}: ${paths.slice(0, 20).join(", ")}${paths.length > 20 ? `, and ${paths.length - 20} more` : ""}. ingress-gitops replaced only the files it owns.`;
}
