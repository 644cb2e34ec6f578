// Where the run starts, in one GraphQL query: the base branch's head commit (the default
// branch's when none is named) and the PR branch's, each with its commit's message, parents and
// root tree entries. Over REST that is five calls (repository, two refs, the branch's commit,
// the root listings); the query is one whatever the repository holds.
import { GraphqlResponseError } from "@octokit/graphql";
import type { TreeEntry } from "../git-objects.ts";
import type { BranchHead } from "./branch.ts";
import { emptyRepository, notFound, type Where } from "./refusals.ts";
import type { GitHubRepo } from "./repo.ts";
import type { Listing } from "./trees.ts";

interface RefNode {
  readonly name: string;
  readonly target: {
    readonly oid: string;
    readonly message?: string;
    readonly parents?: { readonly nodes: readonly { readonly oid: string }[] };
    readonly tree?: { readonly oid: string; readonly entries: readonly { name: string; mode: number; type: string; oid: string }[] };
  } | null;
}

/** A head commit with its root tree's entries (every folder one tree entry). */
export interface Head extends BranchHead {
  readonly root: Listing;
}

export interface Heads {
  /** The base branch's name. */
  readonly base: string;
  readonly baseHead: Head;
  /** Undefined when the branch does not exist yet. */
  readonly branchHead: Head | undefined;
}

const HEAD =
  "name target { oid ... on Commit { message parents(first: 100) { nodes { oid } } tree { oid entries { name mode type oid } } } }";

export interface HeadsOptions {
  readonly github: GitHubRepo;
  /** The base branch; the repository's default branch when undefined. */
  readonly base: string | undefined;
  readonly branch: string;
  readonly where: Where;
}

export async function readHeads({ github, base, branch, where }: HeadsOptions): Promise<Heads> {
  const query = `query($owner: String!, $name: String!, $branch: String!${base === undefined ? "" : ", $base: String!"}) {
  repository(owner: $owner, name: $name) {
    isEmpty
    base: ${base === undefined ? "defaultBranchRef" : "ref(qualifiedName: $base)"} { ${HEAD} }
    branch: ref(qualifiedName: $branch) { ${HEAD} }
  }
}`;
  let data: { repository: { isEmpty: boolean; base: RefNode | null; branch: RefNode | null } };
  try {
    data = await github.octokit.graphql<typeof data>(query, {
      owner: github.owner,
      name: github.repo,
      branch: `refs/heads/${branch}`,
      ...(base === undefined ? {} : { base: `refs/heads/${base}` }),
    });
  } catch (error) {
    if (error instanceof GraphqlResponseError && (error.errors ?? []).some((e) => e.type === "NOT_FOUND")) throw notFound(where);
    throw error;
  }
  const repository = data.repository;
  if (repository.isEmpty) throw emptyRepository(where);
  const baseHead = repository.base === null ? undefined : headOf(repository.base);
  if (repository.base === null || baseHead === undefined) throw notFound({ ...where, base: base ?? "" });
  return { base: repository.base.name, baseHead, branchHead: repository.branch === null ? undefined : headOf(repository.branch) };
}

function headOf(ref: RefNode): Head | undefined {
  const target = ref.target;
  if (target?.tree === undefined || target.message === undefined) return undefined;
  const entries = target.tree.entries.flatMap((e): TreeEntry[] =>
    // GitHub gives the git mode as a number: 33188 is 100644 in octal.
    e.type === "blob" || e.type === "tree" || e.type === "commit"
      ? [{ path: e.name, mode: e.mode.toString(8).padStart(6, "0"), type: e.type, sha: e.oid }]
      : [],
  );
  return {
    sha: target.oid,
    tree: target.tree.oid,
    message: target.message,
    parents: (target.parents?.nodes ?? []).map((p) => p.oid),
    root: { sha: target.tree.oid, entries },
  };
}
