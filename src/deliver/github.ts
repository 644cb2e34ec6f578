// Delivery to GitHub, read like the recipe: read both heads in one query and the base around
// the specs' folders, plan against it, send only what differs in one tree, one commit and one ref
// update, then open or update the branch's one pull request. The calls and the bytes follow the
// specs' folders and the change, not the repository. Knows nothing of Istio or Kong: it moves
// files and a PR body. Each step lives one call down, in github/.
import type { Octokit } from "@octokit/rest";
import type { PlanReport } from "../diff/plan.ts";
import type { Verified } from "../verify/verified.ts";
import { branchCommitMessage, branchParents } from "./branch-commit.ts";
import { DeliveryError, type BodyRenderer, type Operation } from "./delivery.ts";
import { foreignChanges, keptNote } from "./foreign.ts";
import { applyPatch, treeSha, type TreeEntry } from "./git-objects.ts";
import { branchReader, departedFrom } from "./github/branch.ts";
import { pushCommit } from "./github/commit.ts";
import { readContents } from "./github/contents.ts";
import { proposes, withNote } from "./github/pull-body.ts";
import { closeEmpty, latestPullRequest, openPullRequest, proposePlan } from "./github/pulls.ts";
import { readHeads } from "./github/heads.ts";
import { explain, isRace, type Where } from "./github/refusals.ts";
import type { ReviewRequest } from "./github/review.ts";
import type { GitHubRepo } from "./github/repo.ts";
import { listAll, listAround } from "./github/trees.ts";
import { prepare } from "./prepare.ts";

export interface GitHubTarget {
  readonly owner: string;
  readonly repo: string;
  /** The base branch; the repository's default branch when absent. */
  readonly base?: string;
  readonly branch: string;
}

export interface PullRequestOptions extends ReviewRequest {
  readonly title: string;
  readonly commitMessage: string;
  readonly draft: boolean;
  /** Close the open PR, with a comment saying why, when the base already matches the specs. */
  readonly closeWhenEmpty: boolean;
  /** Plan only: read, never write. */
  readonly dryRun: boolean;
}

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

export interface GitHubDelivery {
  readonly octokit: Octokit;
  readonly target: GitHubTarget;
  readonly specs: readonly Verified[];
  readonly pullRequest: PullRequestOptions;
  readonly renderBody: BodyRenderer;
}

/** Reads of the base and writes of the branch race other runs this many times before giving up. */
const MAX_ATTEMPTS = 3;

export async function deliverToGitHub(delivery: GitHubDelivery): Promise<Delivery> {
  const { octokit, target } = delivery;
  const github: GitHubRepo = { octokit, owner: target.owner, repo: target.repo };
  const where = { owner: target.owner, repo: target.repo, branch: target.branch, base: target.base ?? "", attempts: MAX_ATTEMPTS };
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptDelivery({ ...delivery, github, where });
    } catch (error) {
      // A concurrent run (or person) moved the branch between our read and our update: read again.
      if (!isRace(error) || attempt >= MAX_ATTEMPTS) throw explain(error, where);
    }
  }
}

interface Attempt extends GitHubDelivery {
  readonly github: GitHubRepo;
  readonly where: Where;
}

async function attemptDelivery(run: Attempt): Promise<Delivery> {
  const { github, specs, pullRequest: options } = run;
  const branch = run.target.branch;
  const folders = specs.map((s) => s.folder);
  const { base, baseHead: baseCommit, branchHead } = await readHeads({ github, base: run.target.base, branch, where: run.where });
  const baseHead = baseCommit.sha;
  const listing = await listAround(github, baseCommit.root, folders);
  // Others' changes may lie anywhere in the repository: only then is the whole base listed.
  let wholeBase: Promise<TreeEntry[]> | undefined;
  const whole = () => (wholeBase ??= listAll(github, baseHead));
  const foreign =
    branchHead === undefined ? undefined : await foreignChanges(branchReader(github), branch, branchHead, baseHead, whole, specs);
  if (foreign?.kind === "refused") throw new DeliveryError(foreign.reason);
  const kept = foreign?.kind === "kept" ? foreign : undefined;
  const entries = kept === undefined ? listing.entries : await whole();
  const shas = new Map(entries.map((e) => [e.path, e.sha]));
  const prepared = await prepare(specs, {
    entries,
    read: (paths) => readContents(github, baseHead, new Map(paths.map((p) => [p, shas.get(p) ?? ""]))),
  });
  if (!prepared.ok) throw new DeliveryError(prepared.refusals.join("\n"));
  const { report, write, changed } = prepared;
  const departed = branchHead === undefined ? [] : await departedFrom({ github, branch: branchHead.root, base: listing, folders });
  const said = { departed, dryRun: options.dryRun };
  // A branch that did not exist cannot have a PR worth finding (an open one needs its branch).
  if (options.dryRun) {
    const open = branchHead === undefined ? undefined : await openPullRequest(github, branch);
    return { operation: "none", report, changed, ...said, ...(open === undefined ? {} : { pullRequest: pullOf(open) }) };
  }
  // A PR that carries someone else's changes stays open even when the base holds the render.
  if (!changed && kept === undefined) {
    const open = branchHead === undefined ? undefined : await openPullRequest(github, branch);
    if (open === undefined) return { operation: "none", report, changed, ...said };
    if (!options.closeWhenEmpty) return { operation: "unchanged", report, changed, pullRequest: pullOf(open), ...said };
    await closeEmpty(github, open);
    return { operation: "closed", report, changed, pullRequest: pullOf(open), ...said };
  }

  // Looked up even without the branch: GitHub offers to delete it when a person closes the PR.
  const latest = await latestPullRequest(github, branch);
  if (latest !== undefined && latest.state === "closed" && latest.merged_at === null && proposes(latest.body, report)) {
    // A person closed it without merging: proposing the same plan again would only undo that decision.
    return {
      operation: "unchanged",
      report,
      changed,
      pullRequest: pullOf(latest),
      ...said,
      warnings: [
        `pull request #${latest.number} proposing this same plan was closed without merging; it stays closed and nothing was written. A change to the specs proposes a new plan in a new pull request.`,
      ],
    };
  }
  const own = new Set([...write.writes.keys(), ...write.deletes]);
  const patch = kept === undefined ? [] : kept.patch.filter((p) => !own.has(p.path));
  let headSha = branchHead?.sha;
  const moved = branchHead === undefined || branchHead.tree !== treeSha(applyPatch(prepared.entries, patch, own));
  if (moved) {
    headSha = await pushCommit({
      github,
      branch,
      exists: branchHead !== undefined,
      baseTree: listing.sha,
      writes: write.writes,
      deletes: write.deletes,
      patch,
      message: branchCommitMessage(options.commitMessage, baseHead, patch.length),
      parents: branchParents(
        branchHead === undefined || foreign === undefined ? undefined : { sha: branchHead.sha, base: foreign.built },
        baseHead,
      ),
    });
  }
  const note = kept === undefined ? "" : keptNote(kept);
  const pr = await proposePlan({
    ...options,
    github,
    base,
    branch,
    report,
    renderBody: withNote((plan, limit) => run.renderBody(plan, limit, departed), note),
    note,
    latest,
  });
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

function pullOf(pull: { readonly number: number; readonly html_url: string }): { number: number; url: string } {
  return { number: pull.number, url: pull.html_url };
}
