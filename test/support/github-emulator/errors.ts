/**
 * GitHub-shaped errors. Handlers throw `GitHubError`; the server adds the operation's
 * `documentation_url` and the string `status` GitHub puts in every error body.
 */
import type { ValidationProblem } from "./contract.ts";

export interface FieldError {
  resource: string;
  code: string;
  field?: string;
  message?: string;
}

export class GitHubError extends Error {
  readonly status: number;
  /** GitHub sends objects for validation errors, plain strings for GraphQL-backed ones. */
  readonly errors: (FieldError | string)[] | undefined;
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, options: { errors?: (FieldError | string)[]; headers?: Record<string, string> } = {}) {
    super(message);
    this.status = status;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }
}

export const notFound = (): GitHubError => new GitHubError(404, "Not Found");

/** GitHub answers this for every Git Data call on a repository without commits. */
export const repositoryEmpty = (): GitHubError => new GitHubError(409, "Git Repository is empty.");

export const unprocessable = (message: string): GitHubError => new GitHubError(422, message);

export const validationFailed = (...errors: FieldError[]): GitHubError => new GitHubError(422, "Validation Failed", { errors });

/** Schema failures in GitHub's wording, e.g. `Invalid request.\n\nFor 'properties/body', nil is not a string.` */
export function invalidRequest(problems: ValidationProblem[]): GitHubError {
  const lines = problems.map((problem) => {
    const where = problem.where.replace(/^requestBody\/?/, "properties/").replace(/\/$/, "");
    return where === "properties" || where === "" ? problem.message : `For '${where}', ${problem.message}`;
  });
  return new GitHubError(422, `Invalid request.\n\n${lines.join("\n")}`);
}
