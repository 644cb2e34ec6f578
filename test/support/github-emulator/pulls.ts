/**
 * Pull request endpoints. Pull requests share the issue number space (GitHub docs, "About pull
 * requests"); `head.sha` follows the branch ref at read time. Messages are GitHub's verbatim
 * (https://docs.github.com/rest/pulls/pulls#create-a-pull-request; the 422 bodies as quoted in
 * google/go-github#1441 and peter-evans/create-pull-request#3979; review requests:
 * https://docs.github.com/rest/pulls/review-requests).
 */
import type { Json, JsonObject } from "./contract.ts";
import type { Handler, RequestContext } from "./context.ts";
import { bodyObject, optionalString } from "./context.ts";
import { GitHubError, notFound, unprocessable, validationFailed } from "./errors.ts";
import type { PullRecord, RepoRecord } from "./model.ts";
import { paginate } from "./pagination.ts";

/** GitHub counts the PR body limit in code points. */
const PR_BODY_LIMIT = 65536;

async function branchSha(repo: RepoRecord, branch: string): Promise<string | null> {
  return (await repo.git.resolveRef(`refs/heads/${branch}`))?.sha ?? null;
}

/** Refreshes `headSha` from the branch (kept as-is when the branch is gone). */
async function refreshHead(repo: RepoRecord, pr: PullRecord): Promise<void> {
  pr.headSha = (await branchSha(repo, pr.head)) ?? pr.headSha;
}

async function render(ctx: RequestContext, pr: PullRecord, full: boolean): Promise<JsonObject> {
  await refreshHead(ctx.repo, pr);
  const baseSha = (await branchSha(ctx.repo, pr.base)) ?? pr.headSha;
  return ctx.templates.pullRequest(ctx.repo, pr, baseSha, full);
}

export function findPull(repo: RepoRecord, numberParam: string | undefined): PullRecord {
  const pr = repo.pulls.find((candidate) => String(candidate.number) === numberParam);
  if (!pr) throw notFound();
  return pr;
}

function codePoints(text: string): number {
  // Each surrogate pair is one code point.
  return text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, "_").length;
}

function checkBodyLength(body: string | undefined): void {
  if (body !== undefined && codePoints(body) > PR_BODY_LIMIT) {
    throw validationFailed({
      resource: "Issue",
      code: "custom",
      field: "body",
      message: `body is too long (maximum is ${PR_BODY_LIMIT} characters)`,
    });
  }
}

function duplicateOf(repo: RepoRecord, head: string, base: string, except?: PullRecord): GitHubError | null {
  const open = repo.pulls.find((pr) => pr !== except && pr.state === "open" && pr.head === head && pr.base === base);
  return open
    ? validationFailed({ resource: "PullRequest", code: "custom", message: `A pull request already exists for ${repo.owner}:${head}.` })
    : null;
}

const createPull: Handler = async (ctx) => {
  const { repo } = ctx;
  if (ctx.faults.pullRequestCreationForbidden && ctx.actor.actionsToken) {
    throw new GitHubError(403, "GitHub Actions is not permitted to create or approve pull requests.");
  }
  const body = bodyObject(ctx);
  if (body["issue"] !== undefined) throw unprocessable("Converting an issue into a pull request is not emulated");
  const title = optionalString(body["title"]);
  if (title === undefined || title === "") throw validationFailed({ resource: "Issue", code: "missing_field", field: "title" });
  const text = optionalString(body["body"]);
  checkBodyLength(text);
  // `head` is `branch` or `owner:branch`; cross-repository heads are not emulated.
  const rawHead = optionalString(body["head"]) ?? "";
  const colon = rawHead.indexOf(":");
  const headOwner = colon === -1 ? repo.owner : rawHead.slice(0, colon);
  const head = colon === -1 ? rawHead : rawHead.slice(colon + 1);
  const base = optionalString(body["base"]) ?? "";
  const headSha = headOwner === repo.owner ? await branchSha(repo, head) : null;
  if (headSha === null) throw validationFailed({ resource: "PullRequest", field: "head", code: "invalid" });
  const baseSha = await branchSha(repo, base);
  if (baseSha === null) throw validationFailed({ resource: "PullRequest", field: "base", code: "invalid" });
  const fields = { head, base, headSha, draft: body["draft"] === true, maintainerCanModify: body["maintainer_can_modify"] !== false };
  if (ctx.faults.takePullRequestRace(repo))
    repo.pulls.push(newPull(ctx, repo, { ...fields, title: "Opened by a concurrent run", body: null }));
  const duplicate = duplicateOf(repo, head, base);
  if (duplicate) throw duplicate;
  if (await repo.git.isAncestor(headSha, baseSha)) {
    throw validationFailed({ resource: "PullRequest", code: "custom", message: `No commits between ${base} and ${head}` });
  }
  const pr = newPull(ctx, repo, { ...fields, title, body: text ?? null });
  repo.pulls.push(pr);
  return { status: 201, body: await render(ctx, pr, true), headers: { location: `${ctx.templates.repoApi(repo)}/pulls/${pr.number}` } };
};

function newPull(
  ctx: RequestContext,
  repo: RepoRecord,
  fields: Pick<PullRecord, "title" | "body" | "head" | "base" | "headSha" | "draft" | "maintainerCanModify">,
): PullRecord {
  const now = ctx.now();
  return {
    ...fields,
    id: ctx.ids.take(),
    number: repo.nextIssueNumber++,
    state: "open",
    user: ctx.actor,
    labels: [],
    requestedReviewers: [],
    requestedTeams: [],
    createdAt: now,
    updatedAt: now,
    closedAt: null,
  };
}

const listPulls: Handler = async (ctx) => {
  const query = ctx.url.searchParams;
  const state = query.get("state") ?? "open";
  const base = query.get("base");
  // `head` filters only in `owner:branch` form; a bare branch name is silently ignored by GitHub.
  const headMatch = /^([^:]+):(.+)$/.exec(query.get("head") ?? "");
  const sortKey = query.get("sort") === "updated" ? "updatedAt" : "createdAt";
  const ascending = query.get("direction") === "asc";
  const selected = ctx.repo.pulls
    .filter((pr) => state === "all" || pr.state === state)
    .filter((pr) => base === null || pr.base === base)
    .filter((pr) => !headMatch || (headMatch[1] === ctx.repo.owner && headMatch[2] === pr.head))
    .sort((a, b) => (a[sortKey] === b[sortKey] ? a.number - b.number : a[sortKey] < b[sortKey] ? -1 : 1) * (ascending ? 1 : -1));
  const page = paginate(selected, ctx.url);
  const items: Json[] = [];
  for (const pr of page.items) items.push(await render(ctx, pr, false));
  return { status: 200, body: items, headers: page.headers };
};

const getPull: Handler = async (ctx) => ({ status: 200, body: await render(ctx, findPull(ctx.repo, ctx.params["pull_number"]), true) });

const updatePull: Handler = async (ctx) => {
  const pr = findPull(ctx.repo, ctx.params["pull_number"]);
  const body = bodyObject(ctx);
  const text = optionalString(body["body"]);
  checkBodyLength(text);
  const base = optionalString(body["base"]);
  if (base !== undefined && (await branchSha(ctx.repo, base)) === null) {
    throw validationFailed({ resource: "PullRequest", field: "base", code: "invalid" });
  }
  const state = optionalString(body["state"]);
  if (state === "open" && pr.state === "closed") {
    const duplicate = duplicateOf(ctx.repo, pr.head, base ?? pr.base, pr);
    if (duplicate) throw duplicate;
  }
  const now = ctx.now();
  const title = optionalString(body["title"]);
  if (title !== undefined) pr.title = title;
  if (text !== undefined) pr.body = text;
  if (base !== undefined) pr.base = base;
  if (typeof body["maintainer_can_modify"] === "boolean") pr.maintainerCanModify = body["maintainer_can_modify"];
  if (state === "open" || state === "closed") {
    pr.closedAt = state === "closed" ? (pr.state === "closed" ? pr.closedAt : now) : null;
    pr.state = state;
  }
  pr.updatedAt = now;
  return { status: 200, body: await render(ctx, pr, true) };
};

const requestReviewers: Handler = async (ctx) => {
  const { repo } = ctx;
  const pr = findPull(repo, ctx.params["pull_number"]);
  const body = bodyObject(ctx);
  const reviewers = Array.isArray(body["reviewers"]) ? body["reviewers"].map(String) : [];
  const teams = Array.isArray(body["team_reviewers"]) ? body["team_reviewers"].map(String) : [];
  if (reviewers.some((login) => login.toLowerCase() === pr.user.login.toLowerCase())) {
    throw unprocessable("Review cannot be requested from pull request author.");
  }
  const isCollaborator = (login: string): boolean => login === repo.owner || repo.collaborators.has(login);
  if (!reviewers.every(isCollaborator) || !teams.every((slug) => repo.teams.has(slug))) {
    throw unprocessable(
      `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${repo.owner}/${repo.name} repository.`,
    );
  }
  if (teams.length > 0 && ctx.actor.actionsToken) {
    // GITHUB_TOKEN cannot see organisation teams; GitHub answers with a GraphQL node error.
    throw new GitHubError(422, "Validation Failed", {
      errors: teams.map((slug) => `Could not resolve to a node with the global id of '${Buffer.from(`team:${slug}`).toString("base64")}'.`),
    });
  }
  for (const login of reviewers) if (!pr.requestedReviewers.includes(login)) pr.requestedReviewers.push(login);
  for (const slug of teams) if (!pr.requestedTeams.includes(slug)) pr.requestedTeams.push(slug);
  pr.updatedAt = ctx.now();
  return { status: 201, body: await render(ctx, pr, false) };
};

/** GitHub closes open pull requests whose head branch is deleted. */
export function closePullsOfDeletedBranch(repo: RepoRecord, branch: string, now: string): void {
  for (const pr of repo.pulls) {
    if (pr.state === "open" && pr.head === branch) {
      pr.state = "closed";
      pr.closedAt = now;
      pr.updatedAt = now;
    }
  }
}

export const pullHandlers = {
  "pulls/list": listPulls,
  "pulls/create": createPull,
  "pulls/get": getPull,
  "pulls/update": updatePull,
  "pulls/request-reviewers": requestReviewers,
} satisfies Record<string, Handler>;
