/**
 * Repository tarballs, the way GitHub serves them: the REST operation
 * `GET /repos/{owner}/{repo}/tarball/{ref}` answers `302` with a `Location` on codeload
 * (`https://codeload.github.com/{owner}/{repo}/legacy.tar.gz/{ref}`), and codeload serves the
 * gzipped `git archive` of the commit with a `{owner}-{repo}-{sha7}/` top-level folder.
 *
 * The emulator's codeload lives on its own server under `/_codeload/…`. It is not a REST API
 * operation (codeload is a separate host on GitHub): it is outside the OpenAPI contract check,
 * ignores fault switches and the API token, and is logged in `downloads()`, not `calls()`.
 */
import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Handler } from "./context.ts";
import { notFound } from "./errors.ts";
import type { RepoRecord } from "./model.ts";

/** GitHub: "For private repositories, these links are temporary and expire after five minutes." */
const PRIVATE_LINK_TTL_MS = 5 * 60 * 1000;

/** Tokens of the private-repository links handed out, per repository: token → expiry (ms). */
const privateLinkTokens = new WeakMap<RepoRecord, Map<string, number>>();

/**
 * The commit a tarball `ref` names (branch, tag, `heads/x`, `refs/heads/x`, full or unique
 * abbreviated SHA); null when it names nothing, or the repository has no commits.
 */
export async function resolveArchiveCommit(repo: RepoRecord, ref: string): Promise<string | null> {
  if (await repo.git.isEmpty()) return null;
  const sha = await repo.git.resolveRevision(ref);
  return sha === null ? null : repo.git.peel(sha, "commit");
}

/** `/_codeload/{owner}/{repo}/legacy.tar.gz/{ref}` with each ref segment encoded, slashes kept. */
function codeloadPath(repo: RepoRecord, ref: string): string {
  const encodedRef = ref.split("/").map(encodeURIComponent).join("/");
  return `/_codeload/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.name)}/legacy.tar.gz/${encodedRef}`;
}

const downloadTarball: Handler = async (ctx) => {
  const ref = ctx.params["ref"] ?? "";
  // Unknown refs and empty repositories: 404 with GitHub's error body (the spec declares only
  // 302, so the contract check holds the 404 to the basic error shape).
  if ((await resolveArchiveCommit(ctx.repo, ref)) === null) throw notFound();
  let location = `${ctx.serverUrl}${codeloadPath(ctx.repo, ref)}`;
  if (ctx.repo.private) {
    const token = randomBytes(16).toString("hex");
    const tokens = privateLinkTokens.get(ctx.repo) ?? new Map<string, number>();
    tokens.set(token, new Date(ctx.now()).getTime() + PRIVATE_LINK_TTL_MS);
    privateLinkTokens.set(ctx.repo, tokens);
    location += `?token=${token}`;
  }
  return { status: 302, headers: { location, "content-length": "0" } };
};

export const archiveHandlers = {
  "repos/download-tarball-archive": downloadTarball,
} satisfies Record<string, Handler>;

export interface CodeloadResult {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** What the request named, for the download log (null where the path did not parse). */
  owner: string | null;
  repo: string | null;
  ref: string | null;
  /** Commit archived; null unless served. */
  sha: string | null;
}

const CODELOAD_PATH = /^\/_codeload\/([^/]+)\/([^/]+)\/legacy\.tar\.gz\/(.+)$/;

export function isCodeloadPath(pathname: string): boolean {
  return pathname === "/_codeload" || pathname.startsWith("/_codeload/");
}

/**
 * Serves one codeload request. Like codeload, failures are `404` with a plain-text body, and the
 * `Authorization` header is ignored (fetch drops it on GitHub's cross-host redirect): a private
 * repository's archive needs the link's `token` query parameter instead.
 */
export async function serveCodeload(input: {
  method: string;
  url: URL;
  findRepo: (owner: string, repo: string) => RepoRecord | undefined;
  now: Date;
}): Promise<CodeloadResult> {
  const failure = (names: { owner?: string; repo?: string; ref?: string } = {}): CodeloadResult => ({
    status: 404,
    headers: { "content-type": "text/plain; charset=utf-8" },
    body: Buffer.from("404: Not Found"),
    owner: names.owner ?? null,
    repo: names.repo ?? null,
    ref: names.ref ?? null,
    sha: null,
  });
  const match = CODELOAD_PATH.exec(input.url.pathname);
  if (!match || (input.method !== "GET" && input.method !== "HEAD")) return failure();
  let owner: string;
  let repoName: string;
  let ref: string;
  try {
    owner = decodeURIComponent(match[1] ?? "");
    repoName = decodeURIComponent(match[2] ?? "");
    ref = (match[3] ?? "").split("/").map(decodeURIComponent).join("/");
  } catch {
    return failure();
  }
  const names = { owner, repo: repoName, ref };
  const repo = input.findRepo(owner, repoName);
  if (!repo) return failure(names);
  if (repo.private) {
    const expiry = privateLinkTokens.get(repo)?.get(input.url.searchParams.get("token") ?? "");
    if (expiry === undefined || expiry < input.now.getTime()) return failure(names);
  }
  const sha = await resolveArchiveCommit(repo, ref);
  if (sha === null) return failure(names);
  const folder = `${repo.owner}-${repo.name}-${sha.slice(0, 7)}`;
  // gzip header mtime stays 0, so the bytes are stable for a given commit.
  const body = gzipSync(await repo.git.archiveTar(sha, `${folder}/`));
  return {
    status: 200,
    headers: {
      "content-type": "application/x-gzip",
      "content-disposition": `attachment; filename=${folder}.tar.gz`,
      "content-length": String(body.length),
      etag: `"${sha}"`,
    },
    body,
    ...names,
    sha,
  };
}
