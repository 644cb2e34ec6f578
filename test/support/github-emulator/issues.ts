/**
 * Issue endpoints the action uses on pull requests: comments (sticky report) and labels.
 * Only pull requests exist as issues in the emulator.
 */
import type { Json } from "./contract.ts";
import type { Handler, RequestContext } from "./context.ts";
import { bodyObject, optionalString } from "./context.ts";
import { notFound, validationFailed } from "./errors.ts";
import type { CommentRecord, LabelRecord } from "./model.ts";
import { paginate } from "./pagination.ts";
import { findPull } from "./pulls.ts";

/** Measured boundary for issue/comment bodies: 262 144 UTF-8 bytes, with a 65536-character message. */
const COMMENT_BYTE_LIMIT = 262144;

function checkCommentBody(body: string): void {
  if (Buffer.byteLength(body, "utf8") > COMMENT_BYTE_LIMIT) {
    throw validationFailed({
      resource: "IssueComment",
      code: "unprocessable",
      field: "data",
      message: "Body is too long (maximum is 65536 characters)",
    });
  }
}

const createComment: Handler = async (ctx) => {
  const pr = findPull(ctx.repo, ctx.params["issue_number"]);
  const body = optionalString(bodyObject(ctx)["body"]) ?? "";
  checkCommentBody(body);
  const now = ctx.now();
  const comment: CommentRecord = { id: ctx.ids.take(), issueNumber: pr.number, body, user: ctx.actor, createdAt: now, updatedAt: now };
  ctx.repo.comments.push(comment);
  return Promise.resolve({
    status: 201,
    body: ctx.templates.comment(ctx.repo, comment),
    headers: { location: `${ctx.templates.repoApi(ctx.repo)}/issues/comments/${comment.id}` },
  });
};

const listComments: Handler = (ctx) => {
  const pr = findPull(ctx.repo, ctx.params["issue_number"]);
  const since = ctx.url.searchParams.get("since");
  const comments = ctx.repo.comments.filter((c) => c.issueNumber === pr.number && (since === null || c.updatedAt >= since));
  const page = paginate(comments, ctx.url);
  return Promise.resolve({ status: 200, body: page.items.map((c) => ctx.templates.comment(ctx.repo, c)), headers: page.headers });
};

const updateComment: Handler = (ctx) => {
  const comment = ctx.repo.comments.find((c) => String(c.id) === ctx.params["comment_id"]);
  if (!comment) throw notFound();
  const body = optionalString(bodyObject(ctx)["body"]) ?? "";
  checkCommentBody(body);
  comment.body = body;
  comment.updatedAt = ctx.now();
  return Promise.resolve({ status: 200, body: ctx.templates.comment(ctx.repo, comment) });
};

function labelNames(ctx: RequestContext): string[] {
  const raw = bodyObject(ctx)["labels"];
  const items: Json[] = Array.isArray(raw) ? raw : [];
  return items.flatMap((item) => {
    if (typeof item === "string") return [item];
    const name = typeof item === "object" && item !== null && !Array.isArray(item) ? optionalString(item["name"]) : undefined;
    return name === undefined ? [] : [name];
  });
}

const addLabels: Handler = (ctx) => {
  const { repo } = ctx;
  const pr = findPull(repo, ctx.params["issue_number"]);
  for (const name of labelNames(ctx)) {
    // Labels match case-insensitively; unknown ones are created with GitHub's default colour.
    const key = name.toLowerCase();
    let label: LabelRecord | undefined = repo.labels.get(key);
    if (!label) {
      // GitHub leaves an auto-created label's description null, but the OpenAPI description's
      // pull-request-simple (pulls/list, request-reviewers) types it as a plain string, so a null
      // would fail the contract check of every later PR listing; an empty description satisfies both.
      label = { id: ctx.ids.take(), name, color: "ededed", description: "", default: false };
      repo.labels.set(key, label);
    }
    if (!pr.labels.some((existing) => existing.toLowerCase() === key)) pr.labels.push(label.name);
  }
  pr.updatedAt = ctx.now();
  const labels = pr.labels.flatMap((name) => {
    const label = repo.labels.get(name.toLowerCase());
    return label ? [ctx.templates.label(repo, label)] : [];
  });
  return Promise.resolve({ status: 200, body: labels });
};

export const issueHandlers = {
  "issues/create-comment": createComment,
  "issues/list-comments": listComments,
  "issues/update-comment": updateComment,
  "issues/add-labels": addLabels,
} satisfies Record<string, Handler>;
