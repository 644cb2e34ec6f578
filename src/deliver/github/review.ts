// Labels and reviewers of a new pull request. The PR exists by then, so what GitHub refuses
// (an unknown reviewer, a label it may not create) is said as a warning, never fatal.
import { at, type GitHubRepo } from "./repo.ts";

/** What a new pull request asks for besides its body. */
export interface ReviewRequest {
  readonly labels: readonly string[];
  readonly reviewers: readonly string[];
  readonly teamReviewers: readonly string[];
}

export interface ReviewOptions extends ReviewRequest {
  readonly github: GitHubRepo;
  readonly number: number;
}

/** Returns what could not be done. */
export async function askForReview({ github, number, labels, reviewers, teamReviewers }: ReviewOptions): Promise<string[]> {
  const warnings: string[] = [];
  const attempt = async (what: string, call: () => Promise<unknown>) => {
    try {
      await call();
    } catch (error) {
      warnings.push(`could not ${what} on pull request #${number}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  if (labels.length > 0)
    await attempt("add labels", () => github.octokit.rest.issues.addLabels({ ...at(github), issue_number: number, labels: [...labels] }));
  if (reviewers.length > 0 || teamReviewers.length > 0) {
    await attempt("request reviewers", () =>
      github.octokit.rest.pulls.requestReviewers({
        ...at(github),
        pull_number: number,
        reviewers: [...reviewers],
        team_reviewers: [...teamReviewers],
      }),
    );
  }
  return warnings;
}
