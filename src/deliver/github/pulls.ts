// The branch's one pull request: find it, open it (adopting one another run opened meanwhile),
// bring it up to date, or close it when the base already holds the render.
import type { PlanReport } from "../../diff/plan.ts";
import { newBody, proposes, updatedBody, type SizedBody } from "./pull-body.ts";
import { refusedWith } from "./refusals.ts";
import { at, type GitHubRepo } from "./repo.ts";
import { askForReview, type ReviewRequest } from "./review.ts";

export interface PullRequest {
  readonly number: number;
  readonly html_url: string;
  readonly title: string;
  readonly body: string | null;
  readonly state: string;
  readonly merged_at: string | null;
}

/** What a run did to the PR. */
export interface PullRequestOutcome {
  readonly number: number;
  readonly url: string;
  readonly created: boolean;
  readonly updated: boolean;
  readonly warnings: readonly string[];
}

/** The branch's newest pull request, open or closed: GitHub allows one open PR per head and base, so an open one is the newest. */
export async function latestPullRequest(github: GitHubRepo, branch: string): Promise<PullRequest | undefined> {
  const { data } = await github.octokit.rest.pulls.list({
    ...at(github),
    head: `${github.owner}:${branch}`,
    state: "all",
    sort: "created",
    direction: "desc",
    per_page: 1,
  });
  return data[0];
}

export async function openPullRequest(github: GitHubRepo, branch: string): Promise<PullRequest | undefined> {
  // `head` must be owner:branch; a bare branch name matches nothing and returns every PR.
  const { data } = await github.octokit.rest.pulls.list({ ...at(github), head: `${github.owner}:${branch}`, state: "open", per_page: 1 });
  return data[0];
}

/** Closes the PR with a comment saying why. */
export async function closeEmpty(github: GitHubRepo, pull: PullRequest): Promise<void> {
  await github.octokit.rest.issues.createComment({
    ...at(github),
    issue_number: pull.number,
    body: "Closing: the base branch already holds exactly what the specs render, so this pull request has nothing left to change. A later change to the specs opens a new one.",
  });
  await github.octokit.rest.pulls.update({ ...at(github), pull_number: pull.number, state: "closed" });
}

export interface ProposeOptions extends ReviewRequest {
  readonly github: GitHubRepo;
  readonly base: string;
  readonly branch: string;
  readonly report: PlanReport;
  readonly renderBody: SizedBody;
  /** The note about others' changes the body must carry ("" for none). */
  readonly note: string;
  /** The branch's newest PR before this run, if any. */
  readonly latest: PullRequest | undefined;
  readonly title: string;
  readonly draft: boolean;
}

/** Updates the open PR, or opens one (asking for review) when there is none. */
export async function proposePlan(options: ProposeOptions): Promise<PullRequestOutcome> {
  const { github, latest } = options;
  if (latest?.state === "open") return updatePullRequest(options, latest);
  // Outside the markers, so it stays as the PR's history: the plan a person closed is one click away.
  const follows =
    latest === undefined || latest.merged_at !== null
      ? ""
      : `\n\nFollows #${latest.number}, which proposed an earlier plan and was closed without merging.`;
  let created;
  try {
    created = (
      await github.octokit.rest.pulls.create({
        ...at(github),
        base: options.base,
        head: options.branch,
        title: options.title,
        body: newBody(options.renderBody, options.report, follows),
        draft: options.draft,
      })
    ).data;
  } catch (error) {
    // Another run opened it in the meantime: adopt it rather than open a second one.
    if (refusedWith(error, 422, "A pull request already exists")) {
      const raced = await openPullRequest(github, options.branch);
      if (raced !== undefined) return updatePullRequest(options, raced);
    }
    throw error;
  }
  const warnings = await askForReview({ ...options, number: created.number });
  return { number: created.number, url: created.html_url, created: true, updated: false, warnings };
}

/** Brings an open PR's title and plan up to date, keeping what a person wrote around the plan. */
async function updatePullRequest(options: ProposeOptions, existing: PullRequest): Promise<PullRequestOutcome> {
  const { github, report, title, note } = options;
  const current = existing.body ?? "";
  const unchanged = { number: existing.number, url: existing.html_url, created: false, warnings: [] };
  if (proposes(current, report) && existing.title === title && current.includes(note)) return { ...unchanged, updated: false };
  const body = updatedBody(current, options.renderBody, report);
  await github.octokit.rest.pulls.update({ ...at(github), pull_number: existing.number, title, body });
  return { ...unchanged, updated: true };
}
