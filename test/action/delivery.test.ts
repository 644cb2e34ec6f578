// The action against the GitHub emulator, spawned as the runner spawns it. Assertions are on the
// bare repository's commits and trees, the emulator's PR store, the outputs and the API calls.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { Octokit } from "@octokit/rest";
import { isWrite, startGitHubEmulator, type Emulator } from "../support/github-emulator/index.ts";
import { OWNER, TOKEN, Workspace } from "./support.ts";

const FOLDER = "clusters/shop/ingress";
const SEED = {
  "README.md": "# gitops\n",
  "clusters/other-team/keep.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: keep, namespace: other}\n",
};

function spec(options: { routes?: string[]; scheme?: string } = {}): string {
  const routes = options.routes ?? ["store", "cart"];
  return [
    "apiVersion: ingress-gitops/v1alpha1",
    "kind: IngressSpec",
    "metadata: {name: shop}",
    "cluster: {name: shop-eks, region: eu-west-1, vpcId: vpc-0123456789abcdef0}",
    `gitops: {repoURL: "https://github.com/acme/gitops.git", targetRevision: main, path: ${FOLDER}}`,
    `loadBalancers: [{name: web-alb, type: alb, scheme: ${options.scheme ?? "internal"}, groupName: shop}]`,
    "gateways: [{name: web, type: alb, loadBalancer: web-alb}]",
    "routes:",
    ...routes.map(
      (r) =>
        `  - {name: ${r}, namespace: ${r}, gateway: web, hosts: [${r}.example.com], rules: [{path: /, backend: {service: ${r}, port: 80}}]}`,
    ),
    "",
  ].join("\n");
}

let emulator: Emulator;
let octokit: Octokit;
before(async () => {
  emulator = await startGitHubEmulator();
  octokit = new Octokit({
    auth: TOKEN,
    baseUrl: emulator.url,
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  });
});
after(async () => {
  await emulator.stop();
});

let repoCount = 0;
async function freshRepo(): Promise<string> {
  const repo = `gitops-${++repoCount}`;
  await emulator.createRepo({ owner: OWNER, repo, defaultBranch: "main", files: SEED, collaborators: ["alice"] });
  return repo;
}

const git = (repo: string, ...args: string[]) =>
  execFileSync("git", ["--git-dir", emulator.bareRepoPath(OWNER, repo), ...args], { encoding: "utf8" }).trim();
const files = (repo: string, ref: string) => git(repo, "ls-tree", "-r", "--name-only", ref).split("\n");
const writes = () => emulator.calls().filter(isWrite);

async function run(workspace: Workspace, repo: string, inputs: Record<string, string> = {}) {
  emulator.resetCalls();
  const result = await workspace.run(emulator.url, { spec: "ingress-spec.yaml", ...inputs }, repo);
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
  return result;
}

describe("a pull request's life", () => {
  const workspace = new Workspace();
  let repo = "";
  before(async () => {
    repo = await freshRepo();
  });

  test("the first run commits through the Git Data API and opens the PR", async () => {
    const mainBefore = git(repo, "rev-parse", "main");
    workspace.write("ingress-spec.yaml", spec());
    const { outputs, summary } = await run(workspace, repo, { labels: "ingress, gitops", reviewers: "alice" });
    assert.deepEqual([outputs["operation"], outputs["changed"], outputs["pr-number"]], ["created", "true", "1"]);
    assert.equal(outputs["head-sha"], git(repo, "rev-parse", "ingress-gitops/shop"));
    assert.equal(git(repo, "rev-parse", "main"), mainBefore, "the base branch is untouched");
    assert.equal(git(repo, "rev-parse", "ingress-gitops/shop^"), mainBefore, "one commit on top of the base");
    const tree = files(repo, "ingress-gitops/shop");
    assert.ok(tree.includes(`${FOLDER}/manifests/routes-web/store/ingress-store.yaml`) && tree.includes(`${FOLDER}/.ingress-gitops.json`));
    for (const path of Object.keys(SEED))
      assert.equal(git(repo, "rev-parse", `ingress-gitops/shop:${path}`), git(repo, "rev-parse", `main:${path}`), `${path} untouched`);
    assert.deepEqual(tree.filter((f) => !f.startsWith(`${FOLDER}/`)).sort(), Object.keys(SEED).sort(), "nothing outside the owned folder");
    const [pr] = emulator.pulls(OWNER, repo);
    assert.ok(pr);
    assert.deepEqual([pr.state, pr.head, pr.base, pr.title], ["open", "ingress-gitops/shop", "main", "Ingress: shop"]);
    assert.deepEqual(pr.labels, ["ingress", "gitops"]);
    assert.deepEqual(pr.requestedReviewers, ["alice"]);
    assert.match(pr.body ?? "", /^<!-- ingress-gitops:start sha256=([0-9a-f]{64}) -->[\s\S]*<!-- ingress-gitops:end sha256=\1 -->$/);
    assert.match(summary, /\*\*paths\*\* 2 added/);
    const ops = emulator.calls().map((c) => c.operationId);
    assert.ok(ops.length <= 10, ops.join(", "));
    assert.deepEqual(
      ops.filter((o) => o === "git/create-tree" || o === "git/create-commit" || o === "git/create-ref"),
      ["git/create-tree", "git/create-commit", "git/create-ref"],
    );
    assert.equal(emulator.calls({ operationId: "git/create-blob" }).length, 0, "contents go inline in the one tree");
    const commit = await octokit.rest.git.getCommit({ owner: OWNER, repo, commit_sha: outputs["head-sha"] ?? "" });
    assert.deepEqual(
      [commit.data.verification.verified, commit.data.verification.reason],
      [true, "valid"],
      "an Actions-token commit without custom author is verified",
    );
  });

  test("a second run with the same spec writes nothing", async () => {
    const { outputs } = await run(workspace, repo);
    assert.deepEqual([outputs["operation"], outputs["pr-number"]], ["unchanged", "1"]);
    assert.deepEqual(writes(), []);
    assert.equal(emulator.downloads().length, 0, "the base holds none of the files yet, so there is no base content to read");
  });

  test("a reviewer GitHub refuses is a warning; the PR stays", async () => {
    const other = await freshRepo();
    const separate = new Workspace();
    separate.write("ingress-spec.yaml", spec());
    const { outputs, stdout } = await run(separate, other, { reviewers: "mallory" });
    assert.equal(outputs["operation"], "created");
    assert.match(stdout, /::warning::could not request reviewers on pull request #1: Reviews may only be requested from collaborators/);
  });

  test("a changed spec updates the same PR, keeping what a person wrote in its body", async () => {
    const [pr] = emulator.pulls(OWNER, repo);
    assert.ok(pr);
    await octokit.rest.pulls.update({
      owner: OWNER,
      repo,
      pull_number: pr.number,
      body: `Please merge after the freeze.\n\n${pr.body ?? ""}\n\nSigned off by the edge team.`,
    });
    const previousHead = git(repo, "rev-parse", "ingress-gitops/shop");
    workspace.write("ingress-spec.yaml", spec({ routes: ["store", "cart", "search"] }));
    const { outputs } = await run(workspace, repo);
    assert.deepEqual([outputs["operation"], outputs["pr-number"]], ["updated", "1"]);
    assert.equal(emulator.pulls(OWNER, repo).length, 1, "no second PR");
    assert.equal(git(repo, "rev-parse", "ingress-gitops/shop^"), previousHead, "the branch moved forward from its own head");
    const body = emulator.pulls(OWNER, repo)[0]?.body ?? "";
    assert.match(body, /^Please merge after the freeze\.\n\n<!-- ingress-gitops:start sha256=[0-9a-f]{64} -->\n/);
    assert.match(body, /\n<!-- ingress-gitops:end sha256=[0-9a-f]{64} -->\n\nSigned off by the edge team\.$/);
    assert.match(body, /search\.example\.com/);
    assert.ok(
      emulator.calls().length <= 10,
      emulator
        .calls()
        .map((c) => c.operationId)
        .join(", "),
    );
  });

  test("a removed route deletes exactly its files", async () => {
    const previousHead = git(repo, "rev-parse", "ingress-gitops/shop");
    workspace.write("ingress-spec.yaml", spec({ routes: ["store", "search"] }));
    const { outputs } = await run(workspace, repo);
    assert.equal(outputs["operation"], "updated");
    const changes = git(repo, "diff", "--name-status", previousHead, "ingress-gitops/shop").split("\n").sort();
    assert.deepEqual(changes, [`D\t${FOLDER}/manifests/routes-web/cart/ingress-cart.yaml`, `M\t${FOLDER}/.ingress-gitops.json`]);
  });

  test("once the base holds the render, the open PR is closed with a comment", async () => {
    // Merge the PR the way GitHub would: main moves to the branch's head.
    git(repo, "update-ref", "refs/heads/main", git(repo, "rev-parse", "ingress-gitops/shop"));
    const { outputs } = await run(workspace, repo);
    assert.deepEqual([outputs["operation"], outputs["changed"]], ["closed", "false"]);
    const [pr] = emulator.pulls(OWNER, repo);
    assert.ok(pr);
    assert.equal(pr.state, "closed");
    assert.match(pr.comments.at(-1)?.body ?? "", /already holds exactly what the specs render/);
  });
});

describe("faults end recovered, or with a clear failure and nothing half-made", () => {
  test("server errors are retried", async () => {
    const repo = await freshRepo();
    const workspace = new Workspace();
    workspace.write("ingress-spec.yaml", spec());
    emulator.faults.failNext({ count: 2, status: 502, operationId: "git/create-tree" });
    const { outputs } = await run(workspace, repo);
    assert.equal(outputs["operation"], "created");
    assert.equal(emulator.calls({ operationId: "git/create-tree" }).length, 3);
  });

  test("a secondary rate limit is waited out", async () => {
    const repo = await freshRepo();
    const workspace = new Workspace();
    workspace.write("ingress-spec.yaml", spec());
    emulator.faults.secondaryRateLimit({ count: 1, retryAfterSeconds: 1, operationId: "pulls/create" });
    const { outputs } = await run(workspace, repo);
    assert.equal(outputs["operation"], "created");
    assert.equal(emulator.pulls(OWNER, repo).length, 1);
  });

  test("a push that lands between read and update is kept, and the run reads again", async () => {
    const repo = await freshRepo();
    const workspace = new Workspace();
    workspace.write("ingress-spec.yaml", spec());
    await run(workspace, repo);
    workspace.write("ingress-spec.yaml", spec({ routes: ["store"] }));
    emulator.faults.concurrentPushBeforeNextRefUpdate({
      owner: OWNER,
      repo,
      branch: "ingress-gitops/shop",
      files: { "NOTES.md": "pushed by someone else\n" },
    });
    const { outputs } = await run(workspace, repo);
    assert.equal(outputs["operation"], "updated");
    const updates = emulator.calls({ operationId: "git/update-ref" }).map((c) => c.status);
    assert.deepEqual(updates, [422, 200]);
    const foreign = git(repo, "log", "--format=%H", "--author=.", "-1", "ingress-gitops/shop^");
    assert.equal(git(repo, "show", `${foreign}:NOTES.md`), "pushed by someone else", "the other push is in the branch's history");
    assert.equal(
      git(repo, "show", "ingress-gitops/shop:NOTES.md"),
      "pushed by someone else",
      "and its file is in the new commit's tree, not reverted",
    );
    assert.equal(emulator.pulls(OWNER, repo).length, 1);
    assert.match(
      emulator.pulls(OWNER, repo)[0]?.body ?? "",
      /keeps changes by others from 1 commit\(s\)[^\n]*"Concurrent push"[^\n]*`NOTES\.md`/,
      "the PR body says whose commit it kept",
    );
  });

  test("a pull request another run opens between lookup and create is adopted, not duplicated", async () => {
    const repo = await freshRepo();
    const workspace = new Workspace();
    workspace.write("ingress-spec.yaml", spec());
    emulator.faults.concurrentPullRequestBeforeNextCreate({ owner: OWNER, repo });
    const { outputs } = await run(workspace, repo);
    assert.deepEqual(
      emulator.calls({ operationId: "pulls/create" }).map((c) => c.status),
      [422],
    );
    const pulls = emulator.pulls(OWNER, repo);
    assert.equal(pulls.length, 1);
    const [pr] = pulls;
    assert.ok(pr);
    assert.equal(outputs["pr-number"], String(pr.number));
    assert.equal(outputs["operation"], "updated", "the branch was made and the other run's PR brought up to date");
    assert.notEqual(pr.title, "Opened by a concurrent run");
    assert.match(pr.body ?? "", /store\.example\.com/, "the adopted PR carries this run's plan");
  });

  test("with close-when-empty false, a PR whose changes the base already holds stays open", async () => {
    const repo = await freshRepo();
    const workspace = new Workspace();
    workspace.write("ingress-spec.yaml", spec());
    await run(workspace, repo);
    git(repo, "update-ref", "refs/heads/main", git(repo, "rev-parse", "ingress-gitops/shop"));
    const kept = await run(workspace, repo, { "close-when-empty": "false" });
    assert.deepEqual([kept.outputs["operation"], kept.outputs["changed"]], ["unchanged", "false"]);
    const [pr] = emulator.pulls(OWNER, repo);
    assert.ok(pr);
    assert.equal(pr.state, "open");
    assert.deepEqual(pr.comments, []);
    assert.equal(kept.outputs["pr-number"], String(pr.number));
    assert.deepEqual(
      emulator
        .calls()
        .filter(isWrite)
        .map((c) => c.operationId),
      [],
      "nothing is written",
    );
    const closed = await run(workspace, repo);
    assert.equal(closed.outputs["operation"], "closed", "the default closes it");
  });

  test("a token that may not open PRs fails with the setting to change; a rerun finishes the job", async () => {
    const repo = await freshRepo();
    const workspace = new Workspace();
    workspace.write("ingress-spec.yaml", spec());
    emulator.faults.pullRequestCreationForbidden = true;
    emulator.resetCalls();
    const refused = await workspace.run(emulator.url, { spec: "ingress-spec.yaml" }, repo);
    emulator.faults.pullRequestCreationForbidden = false;
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, /Allow GitHub Actions to create and approve pull requests/);
    // The runner swallows its own ::add-mask:: command; the token must appear nowhere else.
    const printed = (refused.stdout + refused.stderr).split("\n").filter((line) => !line.startsWith("::add-mask::"));
    assert.ok(!printed.some((line) => line.includes(TOKEN)), "the token is never printed");
    assert.deepEqual(emulator.pulls(OWNER, repo), []);
    const { outputs } = await run(workspace, repo);
    assert.equal(outputs["operation"], "created", "the branch was already right; only the PR was missing");
    assert.equal(emulator.calls({ operationId: "git/create-commit" }).length, 0);
  });
});

/** A fresh repository where a first run of spec() opened PR #1 on ingress-gitops/shop. */
async function openedPullRequest(): Promise<{ repo: string; workspace: Workspace }> {
  const repo = await freshRepo();
  const workspace = new Workspace();
  workspace.write("ingress-spec.yaml", spec());
  await run(workspace, repo);
  return { repo, workspace };
}

/** A run that must fail saying `why`, with no API write and every ref as it was. */
async function assertRefused(workspace: Workspace, repo: string, why: RegExp): Promise<void> {
  const refs = git(repo, "for-each-ref", "--format=%(refname) %(objectname)");
  emulator.resetCalls();
  const result = await workspace.run(emulator.url, { spec: "ingress-spec.yaml" }, repo);
  assert.equal(result.code, 1, result.stdout);
  assert.match(result.stdout, why);
  assert.deepEqual(writes(), []);
  assert.equal(git(repo, "for-each-ref", "--format=%(refname) %(objectname)"), refs, "every branch is untouched");
}

describe("a person's commits on the PR branch are never discarded", () => {
  test("a human fix beside the owned files is kept by every later run; the owned files are replaced", async () => {
    const { repo, workspace } = await openedPullRequest();
    const owned = `${FOLDER}/manifests/routes-web/store/ingress-store.yaml`;
    const fix = await emulator.pushCommit({
      owner: OWNER,
      repo,
      branch: "ingress-gitops/shop",
      message: "Add the shop's network policy\n",
      files: {
        "clusters/other-team/policy.yaml": "kind: NetworkPolicy\n",
        [`${FOLDER}/extra.yaml`]: "kind: ConfigMap\n",
        [owned]: "hand-edited\n",
      },
    });
    workspace.write("ingress-spec.yaml", spec({ routes: ["store", "cart", "search"] }));
    const { outputs } = await run(workspace, repo);
    assert.equal(outputs["operation"], "updated");
    assert.equal(git(repo, "rev-parse", "ingress-gitops/shop^"), fix, "built on the person's commit");
    assert.equal(git(repo, "show", "ingress-gitops/shop:clusters/other-team/policy.yaml"), "kind: NetworkPolicy");
    assert.equal(
      git(repo, "show", `ingress-gitops/shop:${FOLDER}/extra.yaml`),
      "kind: ConfigMap",
      "a file the record does not own stays, even in the folder",
    );
    assert.notEqual(git(repo, "show", `ingress-gitops/shop:${owned}`), "hand-edited", "an owned file is replaced by the render");
    assert.match(
      emulator.pulls(OWNER, repo)[0]?.body ?? "",
      /keeps changes by others[^\n]*"Add the shop's network policy"[^\n]*`clusters\/other-team\/policy\.yaml`/,
    );
    workspace.write("ingress-spec.yaml", spec({ routes: ["store"] }));
    await run(workspace, repo);
    assert.equal(
      git(repo, "show", "ingress-gitops/shop:clusters/other-team/policy.yaml"),
      "kind: NetworkPolicy",
      "the next run keeps it too",
    );
    assert.match(git(repo, "log", "-1", "--format=%B", "ingress-gitops/shop"), /Ingress-GitOps-Kept: 2 path\(s\)/);
  });

  test("when the base changed the same file differently, the run refuses naming the commit and writes nothing", async () => {
    const { repo, workspace } = await openedPullRequest();
    await emulator.pushCommit({
      owner: OWNER,
      repo,
      branch: "ingress-gitops/shop",
      message: "Explain the shop\n",
      files: { "README.md": "# gitops, with the shop\n" },
    });
    await emulator.pushCommit({
      owner: OWNER,
      repo,
      branch: "main",
      message: "Rewrite the README\n",
      files: { "README.md": "# GitOps\n" },
    });
    const head = git(repo, "rev-parse", "ingress-gitops/shop");
    workspace.write("ingress-spec.yaml", spec({ routes: ["store"] }));
    await assertRefused(
      workspace,
      repo,
      new RegExp(
        `changes ingress-gitops did not make to README\\.md \\(${head.slice(0, 7)} "Explain the shop"\\), and the base changed it too`,
      ),
    );
  });

  test("a branch a person made from the base is built on; one with no commit of ours to tell theirs apart is refused naming it", async () => {
    const repo = await freshRepo();
    const workspace = new Workspace();
    workspace.write("ingress-spec.yaml", spec());
    const start = git(repo, "rev-parse", "main");
    git(repo, "update-ref", "refs/heads/ingress-gitops/shop", start);
    await emulator.pushCommit({
      owner: OWNER,
      repo,
      branch: "ingress-gitops/shop",
      message: "Prepare the shop folder\n",
      files: { "clusters/shop/README.md": "owned by the shop team\n" },
    });
    const { outputs } = await run(workspace, repo);
    assert.equal(outputs["operation"], "created");
    assert.equal(git(repo, "show", "ingress-gitops/shop:clusters/shop/README.md"), "owned by the shop team");
    const other = await freshRepo();
    const old = git(other, "rev-parse", "main");
    await emulator.pushCommit({ owner: OWNER, repo: other, branch: "main", files: { "README.md": "# moved on\n" } });
    git(other, "update-ref", "refs/heads/ingress-gitops/shop", old);
    const theirs = await emulator.pushCommit({
      owner: OWNER,
      repo: other,
      branch: "ingress-gitops/shop",
      message: "Someone's work\n",
      files: { "WORK.md": "mine\n" },
    });
    await assertRefused(
      workspace,
      other,
      new RegExp(
        `the branch ingress-gitops/shop holds commits ingress-gitops did not make \\(${theirs.slice(0, 7)} "Someone's work", ${old.slice(0, 7)} `,
      ),
    );
  });

  test("a symlink in the way of the owned folder is refused by name, nothing written", async () => {
    const repo = await freshRepo();
    const workspace = new Workspace();
    workspace.write("ingress-spec.yaml", spec());
    // A link (mode 120000) where the spec's folder's parent would be, committed on main.
    const target = execFileSync("git", ["--git-dir", emulator.bareRepoPath(OWNER, repo), "hash-object", "-w", "--stdin"], {
      input: "/etc",
      encoding: "utf8",
    }).trim();
    const index = { ...process.env, GIT_INDEX_FILE: join(mkdtempSync(join(tmpdir(), "ingress-gitops-index-")), "index") };
    const plumbing = (args: string[], input?: string) =>
      execFileSync("git", ["--git-dir", emulator.bareRepoPath(OWNER, repo), ...args], {
        env: index,
        encoding: "utf8",
        ...(input === undefined ? {} : { input }),
      }).trim();
    plumbing(["read-tree", "main"]);
    plumbing(["update-index", "--index-info"], `120000 ${target}\tclusters/shop\n`);
    const tree = plumbing(["write-tree"]);
    const commit = git(repo, "commit-tree", tree, "-p", "main", "-m", "link");
    git(repo, "update-ref", "refs/heads/main", commit);
    await assertRefused(workspace, repo, /clusters\/shop is a symbolic link on the way to the folder clusters\/shop\/ingress/);
  });
});

describe("a pull request a person closed without merging", () => {
  /** Closes the PR (and deletes its branch), then runs the same plan and a different one. */
  async function closedThenReplanned(deleteBranch: boolean): Promise<void> {
    const { repo, workspace } = await openedPullRequest();
    await octokit.rest.pulls.update({ owner: OWNER, repo, pull_number: 1, state: "closed" });
    // GitHub offers "Delete branch" on a closed pull request (docs.github.com, "Deleting and restoring branches in a pull request").
    if (deleteBranch) await octokit.rest.git.deleteRef({ owner: OWNER, repo, ref: "heads/ingress-gitops/shop" });
    const again = await run(workspace, repo);
    assert.deepEqual([again.outputs["operation"], again.outputs["pr-number"]], ["unchanged", "1"]);
    assert.match(again.stdout, /::warning::pull request #1 proposing this same plan was closed without merging; it stays closed/);
    assert.deepEqual(writes(), [], "nothing is written: no branch, commit or pull request, nothing reopened");
    assert.deepEqual(
      emulator.pulls(OWNER, repo).map((pr) => [pr.number, pr.state]),
      [[1, "closed"]],
    );
    workspace.write("ingress-spec.yaml", spec({ routes: ["store", "cart", "search"] }));
    const changed = await run(workspace, repo);
    assert.deepEqual([changed.outputs["operation"], changed.outputs["pr-number"]], ["created", "2"]);
    const pulls = emulator.pulls(OWNER, repo);
    assert.deepEqual(
      pulls.map((pr) => [pr.number, pr.state]),
      [
        [1, "closed"],
        [2, "open"],
      ],
    );
    assert.match(pulls[1]?.body ?? "", /Follows #1, which proposed an earlier plan and was closed without merging\.$/);
    const rerun = await run(workspace, repo);
    assert.deepEqual([rerun.outputs["operation"], rerun.outputs["pr-number"]], ["unchanged", "2"], "the new PR is the one kept up to date");
  }

  test("stays closed for the same plan; a different plan opens a new PR that links it", async () => {
    await closedThenReplanned(false);
  });

  test("stays closed when its branch was deleted too: the branch is not made again", async () => {
    await closedThenReplanned(true);
  });
});

/** A cluster of a fleet: its own name and folder, one route. */
function clusterSpec(name: string): string {
  return [
    "apiVersion: ingress-gitops/v1alpha1",
    "kind: IngressSpec",
    `metadata: {name: ${name}}`,
    `cluster: {name: ${name}-eks, region: eu-west-1, vpcId: vpc-0123456789abcdef0}`,
    `gitops: {repoURL: "https://github.com/acme/gitops.git", targetRevision: main, path: clusters/${name}/ingress}`,
    "loadBalancers: [{name: web-alb, type: alb, scheme: internal, groupName: web}]",
    "gateways: [{name: web, type: alb, loadBalancer: web-alb}]",
    `routes: [{name: app, namespace: app, gateway: web, hosts: [${name}.example.com], rules: [{path: /, backend: {service: app, port: 80}}]}]`,
    "",
  ].join("\n");
}

describe("one pull request per fleet, whatever specs join or leave", () => {
  const workspace = new Workspace();
  let repo = "";
  const fleet = { spec: "fleet/*.yaml" };
  // The branch is named from the workflow file and job (GITHUB_WORKFLOW_REF, GITHUB_JOB: docs.github.com
  // "Variables reference", default environment variables), not from the specs found.
  const BRANCH = "ingress-gitops/ingress-render";
  before(async () => {
    repo = await freshRepo();
  });

  test("two specs open one PR on a branch named from the workflow job", async () => {
    workspace.write("fleet/alpha.yaml", clusterSpec("alpha"));
    workspace.write("fleet/bravo.yaml", clusterSpec("bravo"));
    const { outputs } = await run(workspace, repo, fleet);
    assert.equal(outputs["operation"], "created");
    const pulls = emulator.pulls(OWNER, repo);
    assert.deepEqual(
      pulls.map((p) => [p.head, p.state]),
      [[BRANCH, "open"]],
    );
  });

  test("a third spec joining updates the same PR", async () => {
    workspace.write("fleet/charlie.yaml", clusterSpec("charlie"));
    const { outputs } = await run(workspace, repo, fleet);
    assert.deepEqual([outputs["operation"], outputs["pr-number"], outputs["departed"]], ["updated", "1", ""]);
    const pulls = emulator.pulls(OWNER, repo);
    assert.equal(pulls.length, 1, "never a second PR");
    assert.match(pulls[0]?.body ?? "", /charlie\.example\.com/);
    assert.ok(files(repo, BRANCH).includes("clusters/charlie/ingress/.ingress-gitops.json"));
  });

  test("a spec leaving is said as a warning, an output and in the PR, not dropped silently", async () => {
    workspace.remove("fleet/alpha.yaml");
    const { outputs, stdout, summary } = await run(workspace, repo, fleet);
    assert.deepEqual([outputs["operation"], outputs["pr-number"], outputs["departed"]], ["updated", "1", "clusters/alpha/ingress"]);
    assert.match(
      stdout,
      /^::warning::clusters\/alpha\/ingress: the pull request's branch changed this folder, but no spec of this run owns it any more/m,
    );
    const body = emulator.pulls(OWNER, repo)[0]?.body ?? "";
    assert.match(body, /> ⚠️ \*\*No longer in this run:\*\* `clusters\/alpha\/ingress`\./);
    assert.match(summary, /No longer in this run/);
    assert.equal(emulator.pulls(OWNER, repo).length, 1);
  });
});

describe("validation before writing", () => {
  test("a template override that breaks a schema fails the step before anything is written", async () => {
    const repo = await freshRepo();
    const workspace = new Workspace();
    workspace.write("ingress-spec.yaml", spec());
    workspace.write(
      "templates/ingress.yaml.hbs",
      "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {{y name}}\n  namespace: {{y namespace}}\nspec:\n  ingressClasName: {{y className}}\n",
    );
    emulator.resetCalls();
    const result = await workspace.run(emulator.url, { spec: "ingress-spec.yaml", templates: "templates" }, repo);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /unknown field \\"ingressClasName\\"|unknown field "ingressClasName"/);
    assert.deepEqual(writes(), []);
  });
});

describe("dry run and fail-on", () => {
  test("a dry run plans, summarizes and writes nothing", async () => {
    const repo = await freshRepo();
    const workspace = new Workspace();
    workspace.write("ingress-spec.yaml", spec());
    const { outputs, summary } = await run(workspace, repo, { "dry-run": "true" });
    assert.deepEqual([outputs["operation"], outputs["changed"], outputs["pr-number"]], ["none", "true", ""]);
    assert.deepEqual(writes(), []);
    assert.match(summary, /<!-- ingress-gitops:start sha256=[0-9a-f]{64} -->/);
    assert.match(outputs["plan"] ?? "", /ingress-gitops-plan\.json$/);
  });

  test("a body too large for GitHub is cut, links each cut to this run's job summary, and the PR opens", async () => {
    const repo = await freshRepo();
    const workspace = new Workspace();
    workspace.write("ingress-spec.yaml", spec({ routes: Array.from({ length: 200 }, (_, i) => `r${i}`) }));
    const { outputs, summary } = await run(workspace, repo);
    assert.equal(outputs["operation"], "created");
    const body = emulator.pulls(OWNER, repo)[0]?.body ?? "";
    assert.ok(body.length <= 65_536, `${body.length} characters`);
    const link = `[this run's job summary](<https://github.com/${OWNER}/${repo}/actions/runs/4242>)`;
    assert.ok(body.includes(`What is left out is in ${link}.`), "the cut note links to the run");
    assert.ok(summary.length > body.length && summary.includes("r199.example.com"), "the job summary holds what the body leaves out");
  });

  test("a dry run says so and reports the pull request already open, still writing nothing", async () => {
    const repo = await freshRepo();
    const workspace = new Workspace();
    workspace.write("ingress-spec.yaml", spec());
    await run(workspace, repo);
    workspace.write("ingress-spec.yaml", spec({ routes: ["store", "cart", "search"] }));
    const { outputs, summary, stdout } = await run(workspace, repo, { "dry-run": "true" });
    const [pr] = emulator.pulls(OWNER, repo);
    assert.ok(pr);
    const url = `https://github.com/${OWNER}/${repo}/pull/${pr.number}`;
    assert.deepEqual(
      [outputs["operation"], outputs["changed"], outputs["pr-number"], outputs["pr-url"]],
      ["none", "true", String(pr.number), url],
    );
    assert.deepEqual(writes(), []);
    const headline = `ingress-gitops: dry run, nothing was pushed: the open pull request is [#${pr.number}](${url}); a run without dry-run would bring it up to this plan`;
    assert.ok(summary.startsWith(headline), summary.slice(0, 300));
    assert.ok(stdout.includes(headline));
    assert.doesNotMatch(pr.body ?? "", /search\.example\.com/, "the PR is untouched");
  });

  test("the default fail-on: error fails the step on a plan that replaces a load balancer, after the PR is open", async () => {
    const repo = await freshRepo();
    const workspace = new Workspace();
    workspace.write("ingress-spec.yaml", spec());
    await run(workspace, repo);
    git(repo, "update-ref", "refs/heads/main", git(repo, "rev-parse", "ingress-gitops/shop"));
    // A renamed ALB group is a new ALB: ALBC deletes the old one and its DNS name.
    workspace.write("ingress-spec.yaml", spec().replace("groupName: shop", "groupName: shop-v2"));
    const result = await workspace.run(emulator.url, { spec: "ingress-spec.yaml" }, repo);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /::error::\d+ finding\(s\) at or above 'error'/);
    assert.match(result.stdout, /::error title=ingress-gitops finding::alb 'shop' is replaced by alb 'shop-v2'/);
    // The same open pull request now shows the replacement.
    assert.equal(result.outputs["operation"], "updated");
  });

  test("fail-on warning fails the step on a newly public path, after the PR is open", async () => {
    const repo = await freshRepo();
    const workspace = new Workspace();
    workspace.write("ingress-spec.yaml", spec({ scheme: "internet-facing" }));
    emulator.resetCalls();
    const result = await workspace.run(emulator.url, { spec: "ingress-spec.yaml", "fail-on": "warning" }, repo);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /::error::2 finding\(s\) at or above 'warning'/);
    assert.equal(result.outputs["operation"], "created");
    assert.equal(result.outputs["risk"], "warning", "a later step can gate on the same severity");
    assert.equal(emulator.pulls(OWNER, repo).length, 1);
  });
});
