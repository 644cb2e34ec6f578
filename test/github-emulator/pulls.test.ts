import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { client, freshRepo, sharedEmulator, statusOf } from "./helpers.ts";

void describe("GitHub emulator: pull requests, comments, labels, reviewers", () => {
  const emulator = sharedEmulator();

  /** A repo with branch `gitops/update` one commit ahead of main. */
  async function repoWithBranch(extra: { collaborators?: string[]; teams?: string[] } = {}): Promise<{ owner: string; repo: string }> {
    const names = await freshRepo(emulator(), { "README.md": "# gitops\n" }, extra);
    const octokit = client(emulator());
    const { data: main } = await octokit.git.getRef({ ...names, ref: "heads/main" });
    await octokit.git.createRef({ ...names, ref: "refs/heads/gitops/update", sha: main.object.sha });
    await emulator().pushCommit({ ...names, branch: "gitops/update", files: { "apps/web.yaml": "kind: Ingress\n" } });
    return names;
  }

  void it("creates, finds by owner:branch, updates and closes a pull request", async () => {
    const { owner, repo } = await repoWithBranch();
    const octokit = client(emulator());
    const created = await octokit.pulls.create({
      owner,
      repo,
      title: "Render ingress",
      head: "gitops/update",
      base: "main",
      body: "diff",
      draft: true,
    });
    assert.equal(created.status, 201);
    assert.equal(created.data.number, 1);
    assert.equal(created.data.head.label, `${owner}:gitops/update`);
    assert.equal(created.data.draft, true);

    const byHead = await octokit.pulls.list({ owner, repo, head: `${owner}:gitops/update`, base: "main", state: "open" });
    assert.deepEqual(
      byHead.data.map((pr) => pr.number),
      [1],
    );
    const otherHead = await octokit.pulls.list({ owner, repo, head: `${owner}:other` });
    assert.deepEqual(otherHead.data, []);
    // GitHub's pitfall: a bare branch name is ignored as a filter, so every open PR comes back.
    const bare = await octokit.pulls.list({ owner, repo, head: "other" });
    assert.deepEqual(
      bare.data.map((pr) => pr.number),
      [1],
    );

    const updated = await octokit.pulls.update({ owner, repo, pull_number: 1, title: "Render ingress (2)", body: "new diff" });
    assert.equal(updated.data.title, "Render ingress (2)");
    const headSha = await emulator().pushCommit({
      owner,
      repo,
      branch: "gitops/update",
      files: { "apps/web.yaml": "kind: Ingress # v2\n" },
    });
    assert.equal((await octokit.pulls.get({ owner, repo, pull_number: 1 })).data.head.sha, headSha, "head.sha follows the branch");
    const closed = await octokit.pulls.update({ owner, repo, pull_number: 1, state: "closed" });
    assert.equal(closed.data.state, "closed");
    assert.deepEqual((await octokit.pulls.list({ owner, repo })).data, []);
    assert.equal((await octokit.pulls.list({ owner, repo, state: "closed" })).data.length, 1);
    // Deleting the head branch closes open pull requests, as on GitHub.
    await octokit.pulls.update({ owner, repo, pull_number: 1, state: "open" });
    await octokit.git.deleteRef({ owner, repo, ref: "heads/gitops/update" });
    assert.equal((await octokit.pulls.get({ owner, repo, pull_number: 1 })).data.state, "closed");
    const [snapshot] = emulator().pulls(owner, repo);
    assert.deepEqual(
      [snapshot?.state, snapshot?.title, snapshot?.body, snapshot?.author],
      ["closed", "Render ingress (2)", "new diff", "github-actions[bot]"],
    );
  });

  void it("rejects a duplicate pull request, a branch without commits, and a too-long body", async () => {
    const { owner, repo } = await repoWithBranch();
    const octokit = client(emulator());
    await octokit.pulls.create({ owner, repo, title: "t", head: `${owner}:gitops/update`, base: "main" });
    const duplicate = await statusOf(octokit.pulls.create({ owner, repo, title: "t", head: "gitops/update", base: "main" }));
    assert.equal(duplicate.status, 422);
    assert.ok(duplicate.message.includes(`A pull request already exists for ${owner}:gitops/update.`), duplicate.message);

    const { data: main } = await octokit.git.getRef({ owner, repo, ref: "heads/main" });
    await octokit.git.createRef({ owner, repo, ref: "refs/heads/same", sha: main.object.sha });
    const empty = await statusOf(octokit.pulls.create({ owner, repo, title: "t", head: "same", base: "main" }));
    assert.ok(empty.message.includes("No commits between main and same"), empty.message);

    await emulator().pushCommit({ owner, repo, branch: "same", files: { "x.txt": "x" } });
    const tooLong = await statusOf(octokit.pulls.create({ owner, repo, title: "t", head: "same", base: "main", body: "x".repeat(65537) }));
    assert.equal(tooLong.status, 422);
    assert.ok(tooLong.message.includes("body is too long (maximum is 65536 characters)"), tooLong.message);
    const atLimit = await octokit.pulls.create({ owner, repo, title: "t", head: "same", base: "main", body: "😀".repeat(65536) });
    assert.equal(atLimit.status, 201, "the limit counts code points, not UTF-16 units");
  });

  void it("stores comments and paginates them with Link headers", async () => {
    const { owner, repo } = await repoWithBranch();
    const octokit = client(emulator());
    const { data: pr } = await octokit.pulls.create({ owner, repo, title: "t", head: "gitops/update", base: "main" });
    for (let i = 1; i <= 32; i += 1) await octokit.issues.createComment({ owner, repo, issue_number: pr.number, body: `comment ${i}` });
    const first = await octokit.issues.listComments({ owner, repo, issue_number: pr.number });
    assert.equal(first.data.length, 30);
    assert.match(first.headers.link ?? "", /rel="next"/);
    const all = await octokit.paginate(octokit.issues.listComments, { owner, repo, issue_number: pr.number, per_page: 100 });
    assert.equal(all.length, 32);
    const paged = await octokit.paginate(octokit.issues.listComments, { owner, repo, issue_number: pr.number });
    assert.equal(paged.at(-1)?.body, "comment 32");
    const edited = await octokit.issues.updateComment({ owner, repo, comment_id: paged[0]?.id ?? 0, body: "sticky" });
    assert.equal(edited.data.body, "sticky");
    assert.equal(emulator().pulls(owner, repo)[0]?.comments[0]?.body, "sticky");
    const tooLong = await statusOf(octokit.issues.createComment({ owner, repo, issue_number: pr.number, body: "é".repeat(131073) }));
    assert.equal(tooLong.status, 422, "262144 UTF-8 bytes is the comment limit");
  });

  void it("auto-creates labels and returns the issue's full label list", async () => {
    const { owner, repo } = await repoWithBranch();
    const octokit = client(emulator());
    const { data: pr } = await octokit.pulls.create({ owner, repo, title: "t", head: "gitops/update", base: "main" });
    await octokit.issues.addLabels({ owner, repo, issue_number: pr.number, labels: ["gitops"] });
    const { data: labels } = await octokit.issues.addLabels({ owner, repo, issue_number: pr.number, labels: ["GitOps", "ingress"] });
    assert.deepEqual(
      labels.map((l) => [l.name, l.color, l.default]),
      [
        ["gitops", "ededed", false],
        ["ingress", "ededed", false],
      ],
    );
    assert.deepEqual(
      (await octokit.pulls.get({ owner, repo, pull_number: pr.number })).data.labels.map((l) => l.name),
      ["gitops", "ingress"],
    );
    const emptyList = await statusOf(octokit.issues.addLabels({ owner, repo, issue_number: pr.number, labels: [] }));
    assert.equal(emptyList.status, 422, "the spec requires at least one label");
  });

  void it("requests reviewers and reproduces GitHub's reviewer errors", async () => {
    const { owner, repo } = await repoWithBranch({ collaborators: ["alice"], teams: ["platform"] });
    const octokit = client(emulator());
    const { data: pr } = await octokit.pulls.create({ owner, repo, title: "t", head: "gitops/update", base: "main" });
    const requested = await octokit.pulls.requestReviewers({ owner, repo, pull_number: pr.number, reviewers: ["alice"] });
    assert.equal(requested.status, 201);
    assert.deepEqual(
      requested.data.requested_reviewers?.map((u) => u.login),
      ["alice"],
    );
    const author = await statusOf(
      octokit.pulls.requestReviewers({ owner, repo, pull_number: pr.number, reviewers: ["github-actions[bot]"] }),
    );
    assert.ok(author.message.startsWith("Review cannot be requested from pull request author."), author.message);
    const stranger = await statusOf(octokit.pulls.requestReviewers({ owner, repo, pull_number: pr.number, reviewers: ["mallory"] }));
    assert.ok(
      stranger.message.startsWith(
        `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${owner}/${repo} repository.`,
      ),
      stranger.message,
    );
    const team = await statusOf(octokit.pulls.requestReviewers({ owner, repo, pull_number: pr.number, team_reviewers: ["platform"] }));
    assert.ok(team.message.includes("Could not resolve to a node with the global id of"), team.message);
    assert.deepEqual(emulator().pulls(owner, repo)[0]?.requestedReviewers, ["alice"]);
  });
});
