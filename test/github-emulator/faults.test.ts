import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import type { Emulator } from "../support/github-emulator/index.ts";
import { client, freshRepo, git, QUIET_LOG, start, statusOf } from "./helpers.ts";

const ResilientOctokit = Octokit.plugin(retry, throttling);

void describe("GitHub emulator: fault switches", () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await start({
      tokens: { ghs_actions: { login: "github-actions[bot]", id: 41898282, actionsToken: true }, ghp_pat: { login: "release-bot" } },
    });
  });
  afterEach(() => {
    emulator.faults.clear();
    emulator.resetCalls();
    emulator.assertNoContractViolations();
  });
  after(async () => {
    await emulator.stop();
  });

  function resilient(onSecondary: (retryAfter: number) => void): InstanceType<typeof ResilientOctokit> {
    return new ResilientOctokit({
      auth: "ghs_actions",
      baseUrl: emulator.url,
      log: QUIET_LOG,
      // As create-pull-request does: leave 429 to the throttling plugin instead of blind retries.
      retry: { retryAfterBaseValue: 10, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
      throttle: {
        onRateLimit: () => true,
        onSecondaryRateLimit: (retryAfter) => {
          onSecondary(retryAfter);
          return true;
        },
      },
    });
  }

  void it("answers 5xx for the next N matching requests, which plugin-retry rides out", async () => {
    const { owner, repo } = await freshRepo(emulator);
    emulator.faults.failNext({ count: 2, status: 502, operationId: "git/get-ref" });
    await client(emulator, "ghs_actions").repos.get({ owner, repo });
    const { data } = await resilient(() => undefined).git.getRef({ owner, repo, ref: "heads/main" });
    assert.equal(data.ref, "refs/heads/main");
    assert.deepEqual(
      emulator.calls().map((c) => [c.operationId, c.status, c.injected]),
      [
        ["repos/get", 200, false],
        ["git/get-ref", 502, true],
        ["git/get-ref", 502, true],
        ["git/get-ref", 200, false],
      ],
    );
    emulator.faults.failNext();
    assert.equal((await statusOf(client(emulator, "ghs_actions").repos.get({ owner, repo }))).status, 500);
  });

  for (const status of [403, 429] as const) {
    void it(`signals a secondary rate limit with ${status} + retry-after, honoured by plugin-throttling`, async () => {
      const { owner, repo } = await freshRepo(emulator);
      emulator.faults.secondaryRateLimit({ status, retryAfterSeconds: 1, operationId: "git/create-blob" });
      const plain = await statusOf(client(emulator, "ghs_actions").git.createBlob({ owner, repo, content: "x" }));
      assert.equal(plain.status, status);
      assert.match(plain.message, /You have exceeded a secondary rate limit/);

      emulator.faults.secondaryRateLimit({ status, retryAfterSeconds: 1, operationId: "git/create-blob" });
      const waits: number[] = [];
      const started = Date.now();
      const { data } = await resilient((retryAfter) => waits.push(retryAfter)).git.createBlob({ owner, repo, content: "x" });
      assert.equal(data.sha.length, 40);
      assert.deepEqual(waits, [1]);
      assert.ok(Date.now() - started >= 900, "the client waited for retry-after");
    });
  }

  void it("lands a concurrent push between read and ref update, so the update is not a fast forward", async () => {
    const { owner, repo } = await freshRepo(emulator);
    const octokit = client(emulator, "ghs_actions");
    const { data: main } = await octokit.git.getRef({ owner, repo, ref: "heads/main" });
    const { data: base } = await octokit.git.getCommit({ owner, repo, commit_sha: main.object.sha });
    const { data: tree } = await octokit.git.createTree({
      owner,
      repo,
      base_tree: base.tree.sha,
      tree: [{ path: "apps/x.yaml", mode: "100644", content: "x\n" }],
    });
    const { data: commit } = await octokit.git.createCommit({ owner, repo, message: "render", tree: tree.sha, parents: [main.object.sha] });
    emulator.faults.concurrentPushBeforeNextRefUpdate({ owner, repo, branch: "main" });
    const failure = await statusOf(octokit.git.updateRef({ owner, repo, ref: "heads/main", sha: commit.sha }));
    assert.deepEqual([failure.status, failure.message.split(" - ")[0]], [422, "Update is not a fast forward"]);
    assert.equal((await git(emulator, repo, "log", "-1", "--format=%an", "main")).trim(), "Concurrent Pusher");
    // The next attempt (fault consumed) can rebase onto the new tip and succeed.
    const { data: tip } = await octokit.git.getRef({ owner, repo, ref: "heads/main" });
    const { data: rebased } = await octokit.git.createCommit({ owner, repo, message: "render", tree: tree.sha, parents: [tip.object.sha] });
    assert.equal((await octokit.git.updateRef({ owner, repo, ref: "heads/main", sha: rebased.sha })).status, 200);
  });

  void it("forbids pull request creation for Actions tokens when the repository setting is off", async () => {
    const { owner, repo } = await freshRepo(emulator);
    await emulator.pushCommit({ owner, repo, branch: "feature", files: { "a.txt": "a" } });
    emulator.faults.pullRequestCreationForbidden = true;
    const forbidden = await statusOf(
      client(emulator, "ghs_actions").pulls.create({ owner, repo, title: "t", head: "feature", base: "main" }),
    );
    assert.deepEqual(
      [forbidden.status, forbidden.message.split(" - ")[0]],
      [403, "GitHub Actions is not permitted to create or approve pull requests."],
    );
    const created = await client(emulator, "ghp_pat").pulls.create({ owner, repo, title: "t", head: "feature", base: "main" });
    assert.equal(created.data.user.login, "release-bot");
  });

  void it("lets another run open the same pull request right before the next create, which then gets 422", async () => {
    const { owner, repo } = await freshRepo(emulator);
    await emulator.pushCommit({ owner, repo, branch: "feature", files: { "a.txt": "a" } });
    emulator.faults.concurrentPullRequestBeforeNextCreate({ owner, repo });
    const octokit = client(emulator, "ghs_actions");
    const raced = await statusOf(octokit.pulls.create({ owner, repo, title: "mine", head: "feature", base: "main" }));
    assert.equal(raced.status, 422);
    assert.match(raced.message, new RegExp(`A pull request already exists for ${owner}:feature\\.`));
    const { data: open } = await octokit.pulls.list({ owner, repo, head: `${owner}:feature`, state: "open" });
    assert.deepEqual(
      open.map((pr) => [pr.title, pr.user?.login]),
      [["Opened by a concurrent run", "github-actions[bot]"]],
    );
    await octokit.pulls.update({ owner, repo, pull_number: open[0]?.number ?? 0, state: "closed" });
    const { data: second } = await octokit.pulls.create({ owner, repo, title: "mine", head: "feature", base: "main" });
    assert.equal(second.title, "mine", "the switch fires once");
  });
});
