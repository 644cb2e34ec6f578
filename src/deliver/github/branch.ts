// The PR branch as GitHub holds it: its history (read only when it holds commits
// ingress-gitops did not make), and the folders of specs that left the run.
import { departedFolders } from "../departed.ts";
import type { BranchReader, CommitInfo } from "../foreign.ts";
import { at, type GitHubRepo } from "./repo.ts";
import { expandDiffering, listAll, listAround, type Listing } from "./trees.ts";

export interface BranchHead extends CommitInfo {
  readonly tree: string;
}

/** The branch's history through the Git Data API. */
export function branchReader(github: GitHubRepo): BranchReader {
  const commit = async (sha: string) => (await github.octokit.rest.git.getCommit({ ...at(github), commit_sha: sha })).data;
  return {
    commit: async (sha) => {
      const c = await commit(sha);
      return { sha, message: c.message, parents: c.parents.map((p) => p.sha) };
    },
    entries: async (sha) => listAll(github, (await commit(sha)).tree.sha),
    blob: async (sha) =>
      Buffer.from((await github.octokit.rest.git.getBlob({ ...at(github), file_sha: sha })).data.content, "base64").toString("utf8"),
  };
}

export interface DepartedOptions {
  readonly github: GitHubRepo;
  /** The branch's root listing. */
  readonly branch: Listing;
  /** The base as listed for the plan, around the run's folders. */
  readonly base: Listing;
  /** The run's folders. */
  readonly folders: readonly string[];
}

/**
 * Folders the branch changed whose spec is no longer in the run. The branch is listed around
 * the same folders as the base; only a folder that differs between the two is read further.
 */
export async function departedFrom({ github, branch, base, folders }: DepartedOptions): Promise<string[]> {
  const [onBranch, atBase] = await expandDiffering(github, await listAround(github, branch, folders), base);
  return departedFolders(onBranch, atBase, new Set(folders));
}
