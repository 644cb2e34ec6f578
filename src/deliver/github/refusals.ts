// GitHub's refusals, recognised by what Octokit throws (RequestError: the HTTP status and
// GitHub's message) and said in terms of what to change.
import { RequestError } from "@octokit/request-error";
import { DeliveryError } from "../delivery.ts";

/** Whether GitHub answered `status`, and, when `says` is given, a message saying it. */
export function refusedWith(error: unknown, status: number, says?: string): boolean {
  return error instanceof RequestError && error.status === status && (says === undefined || error.message.includes(says));
}

/** A concurrent run (or person) moved the branch between our read and our update. */
export function isRace(error: unknown): boolean {
  return refusedWith(error, 422, "Update is not a fast forward") || refusedWith(error, 422, "Reference already exists");
}

export interface Where {
  readonly owner: string;
  readonly repo: string;
  readonly branch: string;
  /** Empty when the base branch is not known yet. */
  readonly base: string;
  readonly attempts: number;
}

export function explain(error: unknown, where: Where): Error {
  if (error instanceof DeliveryError || !(error instanceof RequestError)) return error instanceof Error ? error : new Error(String(error));
  const repo = `${where.owner}/${where.repo}`;
  if (refusedWith(error, 403, "not permitted to create or approve pull requests")) {
    return new DeliveryError(
      `GitHub does not let this workflow's token open pull requests in ${repo}. Enable "Allow GitHub Actions to create and approve pull requests" under Settings → Actions → General → Workflow permissions (of the repository, or of its organization), or give the action a GitHub App or personal token through the 'token' input. The branch ${where.branch} was pushed; run again after changing the setting.`,
    );
  }
  if (error.status === 404) return notFound(where);
  if (error.status === 409) return emptyRepository(where);
  if (error.status === 403)
    return new DeliveryError(
      `GitHub refused the request to ${repo}: ${error.message}. The token needs contents: write and pull-requests: write`,
    );
  if (refusedWith(error, 422, "Update is not a fast forward")) {
    return new DeliveryError(
      `the branch ${where.branch} kept moving while ingress-gitops updated it (${where.attempts} attempts); another run or a person is pushing to it. Nothing was lost: run again.`,
    );
  }
  return error;
}

export function notFound(where: Where): DeliveryError {
  return new DeliveryError(
    `${where.owner}/${where.repo}${where.base === "" ? "" : ` (branch ${where.base})`} was not found, or the token cannot see it: check 'gitops-repository', 'base' and the token's access (contents: write, pull-requests: write)`,
  );
}

export function emptyRepository(where: Where): DeliveryError {
  return new DeliveryError(
    `${where.owner}/${where.repo} is empty: ingress-gitops commits on top of a base branch, so push a first commit (a README will do)`,
  );
}
