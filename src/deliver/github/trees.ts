// Tree listings through the Git Data API, as small as the run allows: the root's entries (read
// with the heads, heads.ts), and in full only the top-level folders that hold a spec's folder. Every other folder stays one
// tree entry (git-objects.ts computes the new root id from it), so the bytes read follow the
// specs' folders, not the repository.
import { DeliveryError } from "../delivery.ts";
import type { TreeEntry } from "../git-objects.ts";
import { at, type GitHubRepo } from "./repo.ts";

export interface Listing {
  /** The root tree's id. */
  readonly sha: string;
  /** Blob and submodule entries of the folders listed in full; one tree entry for each other folder. */
  readonly entries: readonly TreeEntry[];
}

/** A root listing with the top-level folders of `folders` listed in full: one call per such folder. */
export async function listAround(github: GitHubRepo, root: Listing, folders: readonly string[]): Promise<Listing> {
  const tops = new Set(folders.map((f) => f.split("/")[0] ?? f));
  const parts = await Promise.all(
    root.entries.map(async (entry): Promise<TreeEntry[]> => {
      if (entry.type !== "tree" || !tops.has(entry.path)) return [entry];
      return (await listAll(github, entry.sha)).map((inner) => ({ ...inner, path: `${entry.path}/${inner.path}` }));
    }),
  );
  return { sha: root.sha, entries: parts.flat() };
}

/** Blob and submodule entries of a whole tree (or commit), recursively: one call. */
export async function listAll(github: GitHubRepo, tree: string): Promise<TreeEntry[]> {
  const listing = (await github.octokit.rest.git.getTree({ ...at(github), tree_sha: tree, recursive: "1" })).data;
  if (listing.truncated) throw tooLarge(tree);
  return listing.tree.flatMap((e) => {
    const entry = asEntry(e);
    return entry === undefined || entry.type === "tree" ? [] : [entry];
  });
}

/**
 * Both listings with every folder that differs between them listed in full, so what lies in
 * them can be compared; a folder both list as the same tree entry holds the same on both.
 */
export async function expandDiffering(github: GitHubRepo, a: Listing, b: Listing): Promise<[TreeEntry[], TreeEntry[]]> {
  const trees = (l: Listing) => new Map(l.entries.filter((e) => e.type === "tree").map((e) => [e.path, e.sha]));
  const [inA, inB] = [trees(a), trees(b)];
  const expand = (listing: Listing, other: ReadonlyMap<string, string>) =>
    Promise.all(
      listing.entries.map(async (e): Promise<TreeEntry[]> => {
        if (e.type !== "tree" || other.get(e.path) === e.sha) return [e];
        return (await listAll(github, e.sha)).map((inner) => ({ ...inner, path: `${e.path}/${inner.path}` }));
      }),
    );
  const [expandedA, expandedB] = await Promise.all([expand(a, inB), expand(b, inA)]);
  return [expandedA.flat(), expandedB.flat()];
}

function asEntry({ path, mode, type, sha }: { path: string; mode: string; type: string; sha: string }): TreeEntry | undefined {
  return type === "blob" || type === "tree" || type === "commit" ? { path, mode, type, sha } : undefined;
}

function tooLarge(tree: string): DeliveryError {
  return new DeliveryError(
    `the tree ${tree} has more entries than GitHub lists in one response; ingress-gitops cannot plan against it safely`,
  );
}
