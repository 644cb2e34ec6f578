/**
 * Repository and Git Data endpoints over the bare repository. Semantics and messages follow
 * GitHub (https://docs.github.com/rest/git/refs, https://docs.github.com/rest/git/trees,
 * https://docs.github.com/rest/git/commits); each rule notes its source.
 */
import type { Json } from "./contract.ts";
import type { Handler, RequestContext } from "./context.ts";
import { bodyObject, optionalString } from "./context.ts";
import { notFound, repositoryEmpty, unprocessable, validationFailed } from "./errors.ts";
import { MissingPathError } from "./git-store.ts";
import type { Identity, RefRecord, TreeEdit } from "./git-store.ts";
import { GITHUB_ACTIONS_BOT, WEB_FLOW_COMMITTER, noreplyEmail } from "./model.ts";
import type { RepoRecord, Verification } from "./model.ts";
import { closePullsOfDeletedBranch } from "./pulls.ts";

const UNSIGNED: Verification = { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null };
const SHA_PATTERN = /^[0-9a-f]{40}$/;

/** Git Data calls on a repository without commits answer 409 on GitHub. */
async function requireCommits(repo: RepoRecord): Promise<void> {
  if (await repo.git.isEmpty()) throw repositoryEmpty();
}

function created(ctx: RequestContext, location: string, body: Json): { status: number; body: Json; headers: Record<string, string> } {
  return { status: 201, body, headers: { location: `${ctx.templates.repoApi(ctx.repo)}${location}` } };
}

const getRepository: Handler = (ctx) => Promise.resolve({ status: 200, body: ctx.templates.fullRepository(ctx.repo) });

const getRef: Handler = async (ctx) => {
  await requireCommits(ctx.repo);
  const record = await ctx.repo.git.resolveRef(`refs/${ctx.params["ref"] ?? ""}`);
  if (!record) throw notFound();
  return { status: 200, body: ctx.templates.gitRef(ctx.repo, record) };
};

const listMatchingRefs: Handler = async (ctx) => {
  await requireCommits(ctx.repo);
  // GitHub matches by plain string prefix: `heads/feat` also returns `heads/feature-a`.
  const prefix = `refs/${ctx.params["ref"] ?? ""}`;
  const records = (await ctx.repo.git.listRefs()).filter((record) => record.ref.startsWith(prefix));
  return { status: 200, body: records.map((record) => ctx.templates.gitRef(ctx.repo, record)) };
};

async function requireObject(ctx: RequestContext, sha: string): Promise<void> {
  if ((await ctx.repo.git.objectType(sha)) === null) throw unprocessable("Object does not exist");
}

const createRef: Handler = async (ctx) => {
  const body = bodyObject(ctx);
  const ref = optionalString(body["ref"]) ?? "";
  const sha = optionalString(body["sha"]) ?? "";
  // Spec: "You are unable to create new references for empty repositories".
  await requireCommits(ctx.repo);
  // Spec: ref "must start with 'refs' and have at least two slashes".
  if (!ref.startsWith("refs/") || ref.split("/").length < 3 || !(await isValidRefName(ctx.repo, ref))) {
    throw unprocessable("Reference name is invalid");
  }
  await requireObject(ctx, sha);
  const record = await ctx.repo.git.mutateRef(ref, async (current) => {
    if (current) throw unprocessable("Reference already exists");
    const type = (await ctx.repo.git.objectType(sha)) as RefRecord["type"];
    return { newSha: sha, result: { ref, sha, type } };
  });
  return created(ctx, `/git/${ref}`, ctx.templates.gitRef(ctx.repo, record));
};

async function isValidRefName(repo: RepoRecord, ref: string): Promise<boolean> {
  try {
    await repo.git.run(["check-ref-format", ref]);
    return true;
  } catch {
    return false;
  }
}

const updateRef: Handler = async (ctx) => {
  const body = bodyObject(ctx);
  const sha = optionalString(body["sha"]) ?? "";
  const force = body["force"] === true;
  // The path carries `heads/x`; `refs/heads/x` there names `refs/refs/heads/x`, which never exists.
  const ref = `refs/${ctx.params["ref"] ?? ""}`;
  await requireCommits(ctx.repo);
  await ctx.faults.beforeRefUpdate(ctx.repo, ref, ctx.now());
  const record = await ctx.repo.git.mutateRef(ref, async (current) => {
    if (!current) throw unprocessable("Reference does not exist");
    if ((await ctx.repo.git.objectType(sha)) === null) throw unprocessable("Object does not exist");
    if (!force && current.sha !== sha && !(await ctx.repo.git.isAncestor(current.sha, sha))) {
      throw unprocessable("Update is not a fast forward");
    }
    const type = (await ctx.repo.git.objectType(sha)) as RefRecord["type"];
    return { newSha: sha, result: { ref, sha, type } };
  });
  return { status: 200, body: ctx.templates.gitRef(ctx.repo, record) };
};

const deleteRef: Handler = async (ctx) => {
  const ref = `refs/${ctx.params["ref"] ?? ""}`;
  await requireCommits(ctx.repo);
  await ctx.repo.git.mutateRef(ref, (current) => {
    if (!current) throw unprocessable("Reference does not exist");
    return Promise.resolve({ newSha: null, result: undefined });
  });
  // GitHub closes open pull requests whose head branch disappears.
  if (ref.startsWith("refs/heads/")) closePullsOfDeletedBranch(ctx.repo, ref.slice("refs/heads/".length), ctx.now());
  return { status: 204 };
};

const createBlob: Handler = async (ctx) => {
  const body = bodyObject(ctx);
  const encoding = optionalString(body["encoding"]) ?? "utf-8";
  const content = optionalString(body["content"]) ?? "";
  await requireCommits(ctx.repo);
  // The spec has no enum for `encoding`; GitHub still rejects anything but these two.
  if (encoding !== "utf-8" && encoding !== "utf8" && encoding !== "base64") {
    throw validationFailed({ resource: "Blob", field: "encoding", code: "invalid" });
  }
  const bytes = encoding === "base64" ? Buffer.from(content, "base64") : Buffer.from(content, "utf8");
  const sha = await ctx.repo.git.writeBlob(bytes);
  return created(ctx, `/git/blobs/${sha}`, ctx.templates.blobCreated(ctx.repo, sha));
};

const getBlob: Handler = async (ctx) => {
  await requireCommits(ctx.repo);
  const sha = ctx.params["file_sha"] ?? "";
  if ((await ctx.repo.git.objectType(sha)) !== "blob") throw notFound();
  return { status: 200, body: ctx.templates.blob(ctx.repo, sha, await ctx.repo.git.readBlob(sha)) };
};

const TYPE_BY_MODE: Record<string, "blob" | "tree" | "commit"> = {
  "100644": "blob",
  "100755": "blob",
  "120000": "blob",
  "040000": "tree",
  "160000": "commit",
};

function isValidTreePath(path: string): boolean {
  return path !== "" && path.split("/").every((part) => part !== "" && part !== "." && part !== ".." && part !== ".git");
}

/** Turns one create-tree entry into a tree edit, writing inline `content` as a blob. */
async function toTreeEdit(ctx: RequestContext, entry: Record<string, Json>): Promise<TreeEdit> {
  const path = optionalString(entry["path"]) ?? "";
  const mode = optionalString(entry["mode"]) ?? "";
  if (!isValidTreePath(path)) throw unprocessable(`tree.path contains a malformed path component`);
  const hasSha = "sha" in entry;
  const hasContent = "content" in entry;
  if (hasSha === hasContent) {
    throw unprocessable("Must supply either tree.sha or tree.content. Request will be rejected if both are present.");
  }
  const type = TYPE_BY_MODE[mode];
  if (type === undefined) throw unprocessable(`tree.mode is invalid`);
  if (hasContent) {
    if (type !== "blob") throw unprocessable(`tree.content can only be used with blob modes`);
    const sha = await ctx.repo.git.writeBlob(Buffer.from(optionalString(entry["content"]) ?? "", "utf8"));
    return { kind: "set", path, mode, sha };
  }
  const sha = entry["sha"];
  if (sha === null) return { kind: "delete", path };
  if (typeof sha !== "string" || !SHA_PATTERN.test(sha)) throw unprocessable(`tree.sha ${JSON.stringify(sha)} is not a valid ${type}`);
  // Submodule entries point into another repository; GitHub does not check them.
  if (type !== "commit" && (await ctx.repo.git.objectType(sha)) !== type) throw unprocessable(`tree.sha ${sha} is not a valid ${type}`);
  return type === "tree" ? { kind: "graft", path, treeSha: sha } : { kind: "set", path, mode, sha };
}

const createTree: Handler = async (ctx) => {
  const body = bodyObject(ctx);
  await requireCommits(ctx.repo);
  const baseTree = optionalString(body["base_tree"]) ?? null;
  if (baseTree !== null && (await ctx.repo.git.objectType(baseTree)) !== "tree") {
    throw unprocessable("base_tree is not a valid tree oid");
  }
  const entries = Array.isArray(body["tree"]) ? body["tree"] : [];
  const edits: TreeEdit[] = [];
  for (const entry of entries) {
    if (typeof entry === "object" && entry !== null && !Array.isArray(entry)) edits.push(await toTreeEdit(ctx, entry));
  }
  let sha: string;
  try {
    sha = await ctx.repo.git.buildTree(baseTree, edits);
  } catch (error) {
    // Deleting a path the base tree does not have fails the whole request with this message.
    if (error instanceof MissingPathError) throw unprocessable("GitRPC::BadObjectState");
    throw error;
  }
  // The create response lists only the top-level entries.
  const top = await ctx.repo.git.lsTree(sha, false);
  return created(ctx, `/git/trees/${sha}`, ctx.templates.gitTree(ctx.repo, sha, top, false));
};

/**
 * `tree_sha` may be a tree SHA, a commit SHA or a branch/tag name: GitHub answers with the
 * root tree of the commit (the response `sha` is the tree's, not the commit's).
 */
async function resolveTreeish(repo: RepoRecord, treeish: string): Promise<string | null> {
  const sha = await repo.git.resolveRevision(treeish);
  return sha === null ? null : repo.git.peel(sha, "tree");
}

const getTree: Handler = async (ctx) => {
  await requireCommits(ctx.repo);
  const sha = await resolveTreeish(ctx.repo, ctx.params["tree_sha"] ?? "");
  if (sha === null) throw notFound();
  // Spec: any value of `recursive` (even "false" or "0") enables recursion.
  const recursive = ctx.url.searchParams.has("recursive");
  const entries = await ctx.repo.git.lsTree(sha, recursive);
  const truncated = entries.length > ctx.treeEntryLimit;
  return { status: 200, body: ctx.templates.gitTree(ctx.repo, sha, entries.slice(0, ctx.treeEntryLimit), truncated) };
};

function identityFrom(value: Json | undefined, fallbackDate: string): Identity | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  return {
    name: optionalString(value["name"]) ?? "",
    email: optionalString(value["email"]) ?? "",
    date: new Date(optionalString(value["date"]) ?? fallbackDate).toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
}

const PGP_SIGNATURE =
  "-----BEGIN PGP SIGNATURE-----\n\nwsBcBAABCAAQBQJlAAAAAAkQ4AAAAAAAAAAAAAAAAEMULATEDGITHUBSIGNATURE\n-----END PGP SIGNATURE-----\n";

const createCommit: Handler = async (ctx) => {
  const body = bodyObject(ctx);
  await requireCommits(ctx.repo);
  const now = ctx.now();
  const tree = optionalString(body["tree"]) ?? "";
  if ((await ctx.repo.git.objectType(tree)) !== "tree") throw unprocessable("Tree SHA does not exist");
  const parents = Array.isArray(body["parents"]) ? body["parents"].map(String) : [];
  for (const parent of parents) {
    if ((await ctx.repo.git.objectType(parent)) !== "commit") throw unprocessable("Parent SHA does not exist or is not a commit object");
  }
  const customAuthor = identityFrom(body["author"], now);
  const customCommitter = identityFrom(body["committer"], customAuthor?.date ?? now);
  const signature = optionalString(body["signature"]);
  // GitHub signs API commits made with an Actions/App token when it chooses the identities.
  const signedByGitHub = customAuthor === null && customCommitter === null && signature === undefined && ctx.actor.actionsToken;
  const actor = ctx.actor.actionsToken ? GITHUB_ACTIONS_BOT : ctx.actor;
  const author = customAuthor ?? { name: actor.login, email: noreplyEmail(actor), date: now };
  const committer = customCommitter ?? (signedByGitHub ? { ...WEB_FLOW_COMMITTER, date: now } : author);
  const message = optionalString(body["message"]) ?? "";
  const sha = await ctx.repo.git.commitTree({ tree, parents, message, author, committer });
  const payload = await ctx.repo.git.readCommitText(sha);
  const verification: Verification = signedByGitHub
    ? { verified: true, reason: "valid", signature: PGP_SIGNATURE, payload, verified_at: now }
    : signature === undefined
      ? UNSIGNED
      : { verified: false, reason: "unknown_key", signature, payload, verified_at: null };
  ctx.repo.verifications.set(sha, verification);
  const commit = await ctx.repo.git.readCommit(sha);
  return created(ctx, `/git/commits/${sha}`, ctx.templates.gitCommit(ctx.repo, commit, verification));
};

const getCommit: Handler = async (ctx) => {
  await requireCommits(ctx.repo);
  const sha = ctx.params["commit_sha"] ?? "";
  if ((await ctx.repo.git.objectType(sha)) !== "commit") throw notFound();
  const commit = await ctx.repo.git.readCommit(sha);
  return { status: 200, body: ctx.templates.gitCommit(ctx.repo, commit, ctx.repo.verifications.get(sha) ?? UNSIGNED) };
};

export const gitHandlers = {
  "repos/get": getRepository,
  "git/get-ref": getRef,
  "git/list-matching-refs": listMatchingRefs,
  "git/create-ref": createRef,
  "git/update-ref": updateRef,
  "git/delete-ref": deleteRef,
  "git/create-blob": createBlob,
  "git/get-blob": getBlob,
  "git/create-tree": createTree,
  "git/get-tree": getTree,
  "git/create-commit": createCommit,
  "git/get-commit": getCommit,
} satisfies Record<string, Handler>;
