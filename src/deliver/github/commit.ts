// Build and push the branch's commit: one tree on top of the base's (only what differs is
// sent), one commit, one ref update that fails instead of overwriting a concurrent push.
import type { PatchEntry } from "../foreign.ts";
import { at, type GitHubRepo } from "./repo.ts";

export interface CommitOptions {
  readonly github: GitHubRepo;
  readonly branch: string;
  /** Whether the branch exists already (its ref is updated, fast-forward only) or is created. */
  readonly exists: boolean;
  /** The root tree the new one is built on. */
  readonly baseTree: string;
  readonly writes: ReadonlyMap<string, string>;
  readonly deletes: readonly string[];
  /** Others' changes carried over (foreign.ts): an entry to keep, or none where they deleted the path. */
  readonly patch: readonly PatchEntry[];
  readonly message: string;
  readonly parents: readonly string[];
}

/** Returns the new commit's id. */
export async function pushCommit(options: CommitOptions): Promise<string> {
  const { github, branch } = options;
  const deleted = (path: string) => ({ path, mode: "100644" as const, type: "blob" as const, sha: null });
  const tree = await github.octokit.rest.git.createTree({
    ...at(github),
    base_tree: options.baseTree,
    tree: [
      ...[...options.writes].map(([path, content]) => ({ path, mode: "100644" as const, type: "blob" as const, content })),
      ...options.deletes.map(deleted),
      ...options.patch.map(({ path, entry }) =>
        entry === undefined ? deleted(path) : { path, mode: entry.mode as "100644", type: entry.type as "blob", sha: entry.sha },
      ),
    ],
  });
  const commit = await github.octokit.rest.git.createCommit({
    ...at(github),
    message: options.message,
    tree: tree.data.sha,
    parents: [...options.parents],
  });
  const sha = commit.data.sha;
  if (options.exists) await github.octokit.rest.git.updateRef({ ...at(github), ref: `heads/${branch}`, sha, force: false });
  else await github.octokit.rest.git.createRef({ ...at(github), ref: `refs/heads/${branch}`, sha });
  return sha;
}
