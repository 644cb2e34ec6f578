/**
 * The GitHub REST operations the emulator implements. This table is the single source for
 * routing (router.ts) and for pruning the OpenAPI description (scripts/prune-github-openapi.ts),
 * so the committed spec fixture always covers exactly what the emulator serves.
 */
export const OPERATIONS = [
  { operationId: "repos/get", method: "GET", path: "/repos/{owner}/{repo}" },
  { operationId: "repos/download-tarball-archive", method: "GET", path: "/repos/{owner}/{repo}/tarball/{ref}" },
  { operationId: "git/get-ref", method: "GET", path: "/repos/{owner}/{repo}/git/ref/{ref}" },
  { operationId: "git/list-matching-refs", method: "GET", path: "/repos/{owner}/{repo}/git/matching-refs/{ref}" },
  { operationId: "git/create-ref", method: "POST", path: "/repos/{owner}/{repo}/git/refs" },
  { operationId: "git/update-ref", method: "PATCH", path: "/repos/{owner}/{repo}/git/refs/{ref}" },
  { operationId: "git/delete-ref", method: "DELETE", path: "/repos/{owner}/{repo}/git/refs/{ref}" },
  { operationId: "git/create-blob", method: "POST", path: "/repos/{owner}/{repo}/git/blobs" },
  { operationId: "git/get-blob", method: "GET", path: "/repos/{owner}/{repo}/git/blobs/{file_sha}" },
  { operationId: "git/create-tree", method: "POST", path: "/repos/{owner}/{repo}/git/trees" },
  { operationId: "git/get-tree", method: "GET", path: "/repos/{owner}/{repo}/git/trees/{tree_sha}" },
  { operationId: "git/create-commit", method: "POST", path: "/repos/{owner}/{repo}/git/commits" },
  { operationId: "git/get-commit", method: "GET", path: "/repos/{owner}/{repo}/git/commits/{commit_sha}" },
  { operationId: "pulls/list", method: "GET", path: "/repos/{owner}/{repo}/pulls" },
  { operationId: "pulls/create", method: "POST", path: "/repos/{owner}/{repo}/pulls" },
  { operationId: "pulls/get", method: "GET", path: "/repos/{owner}/{repo}/pulls/{pull_number}" },
  { operationId: "pulls/update", method: "PATCH", path: "/repos/{owner}/{repo}/pulls/{pull_number}" },
  { operationId: "pulls/request-reviewers", method: "POST", path: "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers" },
  { operationId: "issues/list-comments", method: "GET", path: "/repos/{owner}/{repo}/issues/{issue_number}/comments" },
  { operationId: "issues/create-comment", method: "POST", path: "/repos/{owner}/{repo}/issues/{issue_number}/comments" },
  { operationId: "issues/update-comment", method: "PATCH", path: "/repos/{owner}/{repo}/issues/comments/{comment_id}" },
  { operationId: "issues/add-labels", method: "POST", path: "/repos/{owner}/{repo}/issues/{issue_number}/labels" },
] as const;

export type OperationId = (typeof OPERATIONS)[number]["operationId"];
export type Operation = (typeof OPERATIONS)[number];

/** Path parameters GitHub accepts with raw slashes (`x-multi-segment` in the spec). */
export const MULTI_SEGMENT_PARAMS: ReadonlySet<string> = new Set(["ref", "tree_sha", "commit_sha"]);
