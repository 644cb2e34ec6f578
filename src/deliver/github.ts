// Delivery to GitHub through the Git Data API: read the base once (ref + recursive tree), plan
// against it, send only what differs in one tree, one commit and one ref update, then create or
// update the one pull request of the branch. The number of calls does not grow with the number
// of files. Knows nothing of Istio or Kong: it moves files and a PR body.
import type { Octokit } from "@octokit/rest";
import { digestOf, PR_BODY_LIMIT } from "../diff/markdown.ts";
import { findMachineSection, humanLength, machineSection, spliceBody } from "../diff/machine-section.ts";
import type { PlanReport } from "../diff/plan.ts";
import type { Verified } from "../verify/verified.ts";
import { branchCommitMessage, branchParents } from "./branch-commit.ts";
import { foreignChanges, keptNote, type BranchReader, type CommitInfo } from "./foreign.ts";
import { applyPatch, treeSha, type TreeEntry } from "./git-objects.ts";
import { departedFolders } from "./departed.ts";
import { prepare } from "./prepare.ts";
import { readTarball } from "./tarball.ts";

export interface GitHubTarget {
  readonly owner: string;
  readonly repo: string;
  /** The base branch; the repository's default branch when absent. */
  readonly base?: string;
  readonly branch: string;
}

export interface PullRequestOptions {
  readonly title: string;
  readonly commitMessage: string;
  readonly labels: readonly string[];
  readonly reviewers: readonly string[];
  readonly teamReviewers: readonly string[];
  readonly draft: boolean;
  /** Close the open PR, with a comment saying why, when the base already matches the specs. */
  readonly closeWhenEmpty: boolean;
  /** Plan only: read, never write. */
  readonly dryRun: boolean;
}

export type Operation = "created" | "updated" | "unchanged" | "closed" | "none";

export interface Delivery {
  readonly operation: Operation;
  readonly report: PlanReport;
  /** Whether the base differs from what the specs render. */
  readonly changed: boolean;
  readonly pullRequest?: { readonly number: number; readonly url: string };
  readonly headSha?: string;
  /** What went wrong around the PR without undoing it (labels, reviewers). */
  readonly warnings?: readonly string[];
  /** Folders the branch changed whose spec is no longer in the run (departed.ts). */
  readonly departed: readonly string[];
  /** Nothing was written; `pullRequest` is the one already open, if any. */
  readonly dryRun: boolean;
}

/** Builds the machine-owned part of the PR body within a size budget; `departed` as in Delivery. */
export type BodyRenderer = (report: PlanReport, limit: number, departed: readonly string[]) => string;
/** A BodyRenderer with what it says besides the plan already bound. */
type SizedBody = (report: PlanReport, limit: number) => string;

export class DeliveryError extends Error {}

const MAX_ATTEMPTS = 3;

interface Status {
  status?: number;
  message?: string;
}

function statusOf(error: unknown): number | undefined {
  return (error as Status | undefined)?.status;
}

function mentions(error: unknown, text: string): boolean {
  return typeof (error as Status | undefined)?.message === "string" && ((error as Status).message ?? "").includes(text);
}

export async function deliverToGitHub(
  octokit: Octokit,
  target: GitHubTarget,
  specs: readonly Verified[],
  options: PullRequestOptions,
  renderBody: BodyRenderer,
): Promise<Delivery> {
  const repo = { owner: target.owner, repo: target.repo };
  const base = target.base ?? (await defaultBranch(octokit, repo));
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptDelivery(octokit, repo, base, target.branch, specs, options, renderBody);
    } catch (error) {
      // A concurrent run (or person) moved the branch between our read and our update: read again.
      const raced =
        statusOf(error) === 422 && (mentions(error, "Update is not a fast forward") || mentions(error, "Reference already exists"));
      if (!raced || attempt >= MAX_ATTEMPTS) throw translate(error, target, base);
    }
  }
}

async function defaultBranch(octokit: Octokit, repo: { owner: string; repo: string }): Promise<string> {
  try {
    return (await octokit.rest.repos.get(repo)).data.default_branch;
  } catch (error) {
    throw translate(error, { ...repo, branch: "" }, "");
  }
}

async function attemptDelivery(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  base: string,
  branch: string,
  specs: readonly Verified[],
  options: PullRequestOptions,
  renderBody: BodyRenderer,
): Promise<Delivery> {
  const baseHead = (await octokit.rest.git.getRef({ ...repo, ref: `heads/${base}` })).data.object.sha;
  const listing = (await octokit.rest.git.getTree({ ...repo, tree_sha: baseHead, recursive: "1" })).data;
  if (listing.truncated)
    throw new DeliveryError(
      `the tree of ${base} has more entries than GitHub lists in one response; ingress-gitops cannot plan against it safely`,
    );
  const entries = treeEntries(listing.tree);
  const branchHead = await headOf(octokit, repo, branch);
  const foreign =
    branchHead === undefined ? undefined : await foreignChanges(githubReader(octokit, repo), branch, branchHead, baseHead, entries, specs);
  if (foreign?.kind === "refused") throw new DeliveryError(foreign.reason);
  const kept = foreign?.kind === "kept" ? foreign : undefined;
  const prepared = await prepare(specs, {
    entries,
    read: async (paths) => {
      const wanted = new Set(paths);
      const archive = await octokit.rest.repos.downloadTarballArchive({ ...repo, ref: baseHead });
      return readTarball(new Uint8Array(archive.data as ArrayBuffer), (path) => wanted.has(path));
    },
  });
  if (!prepared.ok) throw new DeliveryError(prepared.refusals.join("\n"));
  const { report, write, changed } = prepared;
  const departed = branchHead === undefined ? [] : await departedFrom(octokit, repo, branchHead.tree, entries, specs);
  const said = { departed, dryRun: options.dryRun };
  if (options.dryRun) {
    const open = branchHead === undefined ? undefined : await openPullRequest(octokit, repo, branch);
    return {
      operation: "none",
      report,
      changed,
      ...said,
      ...(open === undefined ? {} : { pullRequest: { number: open.number, url: open.html_url } }),
    };
  }
  // A PR that carries someone else's changes stays open even when the base holds the render.
  if (!changed && kept === undefined) return { ...(await closeIfOpen(octokit, repo, branch, report, options, branchHead)), ...said };

  // A branch that did not exist cannot have a PR worth finding (an open one needs its branch).
  const latest = branchHead === undefined ? undefined : await latestPullRequest(octokit, repo, branch);
  if (latest !== undefined && latest.state === "closed" && latest.merged_at === null && digestOf(latest.body ?? "") === report.digest) {
    // A person closed it without merging: proposing the same plan again would only undo that decision.
    return {
      operation: "unchanged",
      report,
      changed,
      pullRequest: { number: latest.number, url: latest.html_url },
      ...said,
      warnings: [
        `pull request #${latest.number} proposing this same plan was closed without merging; it stays closed and nothing was written. A change to the specs proposes a new plan in a new pull request.`,
      ],
    };
  }
  const own = new Set([...write.writes.keys(), ...write.deletes]);
  const patch = kept === undefined ? [] : kept.patch.filter((p) => !own.has(p.path));
  const tree = treeSha(applyPatch(prepared.entries, patch, own));
  let headSha = branchHead?.sha;
  let moved = false;
  if (branchHead === undefined || branchHead.tree !== tree) {
    const created = await octokit.rest.git.createTree({
      ...repo,
      base_tree: listing.sha,
      tree: [
        ...[...write.writes].map(([path, content]) => ({ path, mode: "100644" as const, type: "blob" as const, content })),
        ...write.deletes.map((path) => ({ path, mode: "100644" as const, type: "blob" as const, sha: null })),
        ...patch.map(({ path, entry }) =>
          entry === undefined
            ? { path, mode: "100644" as const, type: "blob" as const, sha: null }
            : { path, mode: entry.mode as "100644", type: entry.type as "blob", sha: entry.sha },
        ),
      ],
    });
    const parents = branchParents(
      branchHead === undefined || foreign === undefined ? undefined : { sha: branchHead.sha, base: foreign.built },
      baseHead,
    );
    const commit = await octokit.rest.git.createCommit({
      ...repo,
      message: branchCommitMessage(options.commitMessage, baseHead, patch.length),
      tree: created.data.sha,
      parents,
    });
    headSha = commit.data.sha;
    if (branchHead === undefined) await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: headSha });
    else await octokit.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha: headSha, force: false });
    moved = true;
  }
  const note = kept === undefined ? "" : keptNote(kept);
  const pr = await upsertPullRequest(
    octokit,
    repo,
    base,
    branch,
    report,
    options,
    withNote((plan, limit) => renderBody(plan, limit, departed), note),
    latest,
    note,
  );
  const operation: Operation = pr.created ? "created" : moved || pr.updated ? "updated" : "unchanged";
  return {
    operation,
    report,
    changed,
    pullRequest: { number: pr.number, url: pr.url },
    warnings: pr.warnings,
    ...said,
    ...(headSha === undefined ? {} : { headSha }),
  };
}

/** One more listing, of the branch's tree, and only when the branch exists: what a departed spec left there. */
async function departedFrom(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  tree: string,
  base: readonly TreeEntry[],
  specs: readonly Verified[],
): Promise<string[]> {
  const listing = (await octokit.rest.git.getTree({ ...repo, tree_sha: tree, recursive: "1" })).data.tree;
  const entries = listing.flatMap((e) => (e.type === "blob" ? [{ path: e.path, mode: e.mode, type: "blob" as const, sha: e.sha }] : []));
  return departedFolders(entries, base, new Set(specs.map((s) => s.folder)));
}

interface BranchHead extends CommitInfo {
  readonly tree: string;
}

async function headOf(octokit: Octokit, repo: { owner: string; repo: string }, branch: string): Promise<BranchHead | undefined> {
  let sha: string;
  try {
    sha = (await octokit.rest.git.getRef({ ...repo, ref: `heads/${branch}` })).data.object.sha;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
  const commit = (await octokit.rest.git.getCommit({ ...repo, commit_sha: sha })).data;
  return { sha, tree: commit.tree.sha, message: commit.message, parents: commit.parents.map((p) => p.sha) };
}

/** The branch's history through the Git Data API, read only when the branch holds commits ingress-gitops did not make. */
function githubReader(octokit: Octokit, repo: { owner: string; repo: string }): BranchReader {
  const commit = async (sha: string) => (await octokit.rest.git.getCommit({ ...repo, commit_sha: sha })).data;
  return {
    commit: async (sha) => {
      const c = await commit(sha);
      return { sha, message: c.message, parents: c.parents.map((p) => p.sha) };
    },
    entries: async (sha) => {
      const listing = (await octokit.rest.git.getTree({ ...repo, tree_sha: (await commit(sha)).tree.sha, recursive: "1" })).data;
      if (listing.truncated)
        throw new DeliveryError(
          `the tree of ${sha} has more entries than GitHub lists in one response; ingress-gitops cannot tell others' changes from its own`,
        );
      return treeEntries(listing.tree);
    },
    blob: async (sha) => Buffer.from((await octokit.rest.git.getBlob({ ...repo, file_sha: sha })).data.content, "base64").toString("utf8"),
  };
}

function treeEntries(tree: readonly { path: string; mode: string; type: string; sha: string }[]): TreeEntry[] {
  return tree.flatMap((e) => (e.type === "blob" || e.type === "commit" ? [{ path: e.path, mode: e.mode, type: e.type, sha: e.sha }] : []));
}

/** The machine-owned body with the note about others' changes at its end, inside the markers. */
function withNote(renderBody: SizedBody, note: string): SizedBody {
  if (note === "") return renderBody;
  return (report, limit) => {
    const body = renderBody(report, limit - note.length - 2);
    // Inside the section, so the section's digest covers it and the next update replaces it.
    const section = findMachineSection(body);
    return section === undefined
      ? `${body}\n\n${note}`
      : `${body.slice(0, section.start)}${machineSection(`${section.content}\n${note}`)}${body.slice(section.end)}`;
  };
}

/** The branch's newest pull request, open or closed: GitHub allows one open PR per head and base, so an open one is the newest. */
async function latestPullRequest(octokit: Octokit, repo: { owner: string; repo: string }, branch: string) {
  const { data } = await octokit.rest.pulls.list({
    ...repo,
    head: `${repo.owner}:${branch}`,
    state: "all",
    sort: "created",
    direction: "desc",
    per_page: 1,
  });
  return data[0];
}

async function openPullRequest(octokit: Octokit, repo: { owner: string; repo: string }, branch: string) {
  // `head` must be owner:branch; a bare branch name matches nothing and returns every PR.
  const { data } = await octokit.rest.pulls.list({ ...repo, head: `${repo.owner}:${branch}`, state: "open", per_page: 1 });
  return data[0];
}

async function closeIfOpen(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  branch: string,
  report: PlanReport,
  options: PullRequestOptions,
  branchHead: BranchHead | undefined,
): Promise<Omit<Delivery, "departed" | "dryRun">> {
  const open = branchHead === undefined ? undefined : await openPullRequest(octokit, repo, branch);
  if (open === undefined) return { operation: "none", report, changed: false };
  if (!options.closeWhenEmpty)
    return { operation: "unchanged", report, changed: false, pullRequest: { number: open.number, url: open.html_url } };
  await octokit.rest.issues.createComment({
    ...repo,
    issue_number: open.number,
    body: "Closing: the base branch already holds exactly what the specs render, so this pull request has nothing left to change. A later change to the specs opens a new one.",
  });
  await octokit.rest.pulls.update({ ...repo, pull_number: open.number, state: "closed" });
  return { operation: "closed", report, changed: false, pullRequest: { number: open.number, url: open.html_url } };
}

async function upsertPullRequest(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  base: string,
  branch: string,
  report: PlanReport,
  options: PullRequestOptions,
  renderBody: SizedBody,
  latest: Awaited<ReturnType<typeof latestPullRequest>>,
  note: string,
): Promise<{ number: number; url: string; created: boolean; updated: boolean; warnings: string[] }> {
  if (latest?.state === "open") return updatePullRequest(octokit, repo, latest, report, options, renderBody, note);
  // Outside the markers, so it stays as the PR's history: the plan a person closed is one click away.
  const follows =
    latest === undefined || latest.merged_at !== null
      ? ""
      : `\n\nFollows #${latest.number}, which proposed an earlier plan and was closed without merging.`;
  let created;
  try {
    created = (
      await octokit.rest.pulls.create({
        ...repo,
        base,
        head: branch,
        title: options.title,
        body: `${renderBody(report, PR_BODY_LIMIT - follows.length)}${follows}`,
        draft: options.draft,
      })
    ).data;
  } catch (error) {
    // Another run opened it in the meantime: adopt it rather than open a second one.
    if (statusOf(error) === 422 && mentions(error, "A pull request already exists")) {
      const raced = await openPullRequest(octokit, repo, branch);
      if (raced !== undefined) return updatePullRequest(octokit, repo, raced, report, options, renderBody, note);
    }
    throw error;
  }
  // The PR exists now; labels and reviewers that GitHub refuses are said, not fatal.
  const warnings: string[] = [];
  const attempt = async (what: string, call: () => Promise<unknown>) => {
    try {
      await call();
    } catch (error) {
      warnings.push(`could not ${what} on pull request #${created.number}: ${(error as Status).message ?? String(error)}`);
    }
  };
  if (options.labels.length > 0)
    await attempt("add labels", () =>
      octokit.rest.issues.addLabels({ ...repo, issue_number: created.number, labels: [...options.labels] }),
    );
  if (options.reviewers.length > 0 || options.teamReviewers.length > 0) {
    await attempt("request reviewers", () =>
      octokit.rest.pulls.requestReviewers({
        ...repo,
        pull_number: created.number,
        reviewers: [...options.reviewers],
        team_reviewers: [...options.teamReviewers],
      }),
    );
  }
  return { number: created.number, url: created.html_url, created: true, updated: false, warnings };
}

/** Brings an open PR's title and plan up to date, keeping what a person wrote around the plan. */
async function updatePullRequest(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  existing: Pick<NonNullable<Awaited<ReturnType<typeof openPullRequest>>>, "number" | "html_url" | "body" | "title">,
  report: PlanReport,
  options: PullRequestOptions,
  renderBody: SizedBody,
  note: string,
): Promise<{ number: number; url: string; created: boolean; updated: boolean; warnings: string[] }> {
  const current = existing.body ?? "";
  if (digestOf(current) === report.digest && existing.title === options.title && current.includes(note))
    return { number: existing.number, url: existing.html_url, created: false, updated: false, warnings: [] };
  const body = spliceBody(current, renderBody(report, PR_BODY_LIMIT - humanLength(current)));
  await octokit.rest.pulls.update({ ...repo, pull_number: existing.number, title: options.title, body });
  return { number: existing.number, url: existing.html_url, created: false, updated: true, warnings: [] };
}

/** GitHub's refusals, said in terms of what to change. */
function translate(error: unknown, target: { owner: string; repo: string; branch: string }, base: string): Error {
  if (error instanceof DeliveryError) return error;
  const where = `${target.owner}/${target.repo}`;
  if (statusOf(error) === 403 && mentions(error, "not permitted to create or approve pull requests")) {
    return new DeliveryError(
      `GitHub does not let this workflow's token open pull requests in ${where}. Enable "Allow GitHub Actions to create and approve pull requests" under Settings → Actions → General → Workflow permissions (of the repository, or of its organization), or give the action a GitHub App or personal token through the 'token' input. The branch ${target.branch} was pushed; run again after changing the setting.`,
    );
  }
  if (statusOf(error) === 404)
    return new DeliveryError(
      `${where}${base === "" ? "" : ` (branch ${base})`} was not found, or the token cannot see it: check 'gitops-repository', 'base' and the token's access (contents: write, pull-requests: write)`,
    );
  if (statusOf(error) === 409)
    return new DeliveryError(
      `${where} is empty: ingress-gitops commits on top of a base branch, so push a first commit (a README will do)`,
    );
  if (statusOf(error) === 403)
    return new DeliveryError(
      `GitHub refused the request to ${where}: ${(error as Status).message ?? "403"}. The token needs contents: write and pull-requests: write`,
    );
  if (statusOf(error) === 422 && mentions(error, "Update is not a fast forward")) {
    return new DeliveryError(
      `the branch ${target.branch} kept moving while ingress-gitops updated it (${MAX_ATTEMPTS} attempts); another run or a person is pushing to it. Nothing was lost: run again.`,
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
