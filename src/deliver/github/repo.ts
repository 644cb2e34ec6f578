// The repository every call of the GitHub backend is about, with the client that reaches it.
import type { Octokit } from "@octokit/rest";

export interface GitHubRepo {
  readonly octokit: Octokit;
  readonly owner: string;
  readonly repo: string;
}

/** The `owner` and `repo` parameters of a REST call. */
export function at(github: GitHubRepo): { owner: string; repo: string } {
  return { owner: github.owner, repo: github.repo };
}
