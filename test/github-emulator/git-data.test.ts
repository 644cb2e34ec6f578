import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { client, freshRepo, git, sharedEmulator, start, statusOf } from "./helpers.ts";

void describe("GitHub emulator: Git Data API over a real bare repository", () => {
  const emulator = sharedEmulator();

  void it("creates blob, tree, commit and ref end to end, visible to real git", async () => {
    const { owner, repo } = await freshRepo(emulator());
    const octokit = client(emulator());
    const { data: main } = await octokit.git.getRef({ owner, repo, ref: "heads/main" });
    const { data: base } = await octokit.git.getCommit({ owner, repo, commit_sha: main.object.sha });
    const blob = await octokit.git.createBlob({
      owner,
      repo,
      content: Buffer.from("kind: Ingress\n").toString("base64"),
      encoding: "base64",
    });
    assert.equal(blob.status, 201);
    const tree = await octokit.git.createTree({
      owner,
      repo,
      base_tree: base.tree.sha,
      tree: [
        { path: "apps/web/ingress.yaml", mode: "100644", type: "blob", sha: blob.data.sha },
        { path: "apps/web/service.yaml", mode: "100644", content: "kind: Service\n" },
      ],
    });
    assert.equal(tree.status, 201);
    assert.deepEqual(tree.data.tree.map((e) => e.path).sort(), ["README.md", "apps"], "create-tree lists top-level entries only");
    const commit = await octokit.git.createCommit({
      owner,
      repo,
      message: "Render ingress\n",
      tree: tree.data.sha,
      parents: [main.object.sha],
    });
    assert.equal(commit.status, 201);
    // GitHub signs API commits of an Actions token when it picks author and committer.
    assert.equal(commit.data.verification.verified, true);
    assert.equal(commit.data.verification.reason, "valid");
    assert.match(commit.data.verification.payload ?? "", new RegExp(`^tree ${tree.data.sha}\n`));
    assert.equal(commit.data.committer.email, "noreply@github.com");
    assert.equal(commit.data.author.name, "github-actions[bot]");
    const ref = await octokit.git.createRef({ owner, repo, ref: "refs/heads/feature/ingress", sha: commit.data.sha });
    assert.equal(ref.status, 201);

    assert.equal((await git(emulator(), repo, "rev-parse", "refs/heads/feature/ingress")).trim(), commit.data.sha);
    assert.deepEqual((await git(emulator(), repo, "ls-tree", "-r", "--name-only", "feature/ingress")).trim().split("\n"), [
      "README.md",
      "apps/web/ingress.yaml",
      "apps/web/service.yaml",
    ]);
    assert.equal(await git(emulator(), repo, "show", "feature/ingress:apps/web/ingress.yaml"), "kind: Ingress\n");
    assert.equal(
      (await git(emulator(), repo, "log", "--format=%s|%an|%cn", "feature/ingress")).trim(),
      "Render ingress|github-actions[bot]|GitHub\nInitial commit|Emulator Seed|Emulator Seed",
    );

    // Octokit encodes the slashes (heads%2Ffeature%2Fingress); raw slashes work too, as on GitHub.
    const encoded = await octokit.git.getRef({ owner, repo, ref: "heads/feature/ingress" });
    const raw = await octokit.request(`GET /repos/${owner}/${repo}/git/ref/heads/feature/ingress`);
    assert.equal(encoded.data.object.sha, commit.data.sha);
    assert.equal((raw.data as { object: { sha: string } }).object.sha, commit.data.sha);
    const matching = await octokit.git.listMatchingRefs({ owner, repo, ref: "heads/feat" });
    assert.deepEqual(
      matching.data.map((r) => r.ref),
      ["refs/heads/feature/ingress"],
    );

    const badEncoding = await statusOf(octokit.git.createBlob({ owner, repo, content: "x", encoding: "latin1" }));
    assert.deepEqual([badEncoding.status, badEncoding.message.split(":")[0]], [422, "Validation Failed"]);
    const blobBack = await octokit.git.getBlob({ owner, repo, file_sha: blob.data.sha });
    assert.equal(Buffer.from(blobBack.data.content, "base64").toString("utf8"), "kind: Ingress\n");
  });

  void it("respects author and committer sent in the request and leaves such commits unsigned", async () => {
    const { owner, repo } = await freshRepo(emulator());
    const octokit = client(emulator());
    const { data: main } = await octokit.git.getRef({ owner, repo, ref: "heads/main" });
    const { data: base } = await octokit.git.getCommit({ owner, repo, commit_sha: main.object.sha });
    const author = { name: "Ada", email: "ada@example.com", date: "2025-02-03T04:05:06Z" };
    const { data } = await octokit.git.createCommit({
      owner,
      repo,
      message: "custom",
      tree: base.tree.sha,
      parents: [main.object.sha],
      author,
    });
    assert.deepEqual(data.author, author);
    assert.deepEqual(data.committer, author, "committer defaults to the author");
    assert.equal(data.verification.verified, false);
    assert.equal(data.verification.reason, "unsigned");
    assert.equal(
      (await git(emulator(), repo, "log", "-1", "--format=%an <%ae> %aI", data.sha)).trim(),
      "Ada <ada@example.com> 2025-02-03T04:05:06+00:00",
    );
  });

  void it("deletes paths with sha:null, prunes emptied directories, and rejects deleting a missing path", async () => {
    const { owner, repo } = await freshRepo(emulator(), { "apps/a/deploy.yaml": "a\n", "apps/b/x.yaml": "b\n", "keep.txt": "k\n" });
    const octokit = client(emulator());
    const { data: main } = await octokit.git.getRef({ owner, repo, ref: "heads/main" });
    const { data: base } = await octokit.git.getCommit({ owner, repo, commit_sha: main.object.sha });
    const { data: tree } = await octokit.git.createTree({
      owner,
      repo,
      base_tree: base.tree.sha,
      tree: [{ path: "apps/a/deploy.yaml", mode: "100644", type: "blob", sha: null }],
    });
    const { data: listing } = await octokit.git.getTree({ owner, repo, tree_sha: tree.sha, recursive: "1" });
    assert.deepEqual(
      listing.tree.map((e) => `${e.type}:${e.path}`),
      ["tree:apps", "tree:apps/b", "blob:apps/b/x.yaml", "blob:keep.txt"],
    );
    assert.equal(listing.truncated, false);
    assert.equal(listing.tree.find((e) => e.path === "keep.txt")?.size, 2);

    const missing = await statusOf(
      octokit.git.createTree({ owner, repo, base_tree: base.tree.sha, tree: [{ path: "nope.yaml", mode: "100644", sha: null }] }),
    );
    assert.equal(missing.status, 422);
    assert.match(missing.message, /^GitRPC::BadObjectState/);

    const both = await statusOf(
      octokit.git.createTree({ owner, repo, tree: [{ path: "x", mode: "100644", sha: main.object.sha, content: "x" }] }),
    );
    assert.equal(both.status, 422);
    assert.match(both.message, /Must supply either tree\.sha or tree\.content/);

    const noBase = await octokit.git.createTree({ owner, repo, tree: [{ path: "only.txt", mode: "100644", content: "o\n" }] });
    assert.deepEqual(
      noBase.data.tree.map((e) => e.path),
      ["only.txt"],
      "without base_tree unlisted files are dropped",
    );
  });

  void it("rejects a non-fast-forward update unless forced", async () => {
    const { owner, repo } = await freshRepo(emulator());
    const octokit = client(emulator());
    const { data: main } = await octokit.git.getRef({ owner, repo, ref: "heads/main" });
    const { data: base } = await octokit.git.getCommit({ owner, repo, commit_sha: main.object.sha });
    const { data: orphan } = await octokit.git.createCommit({ owner, repo, message: "orphan", tree: base.tree.sha, parents: [] });
    const rejected = await statusOf(octokit.git.updateRef({ owner, repo, ref: "heads/main", sha: orphan.sha }));
    assert.equal(rejected.status, 422);
    assert.match(rejected.message, /^Update is not a fast forward - https:\/\/docs\.github\.com\/rest\/git\/refs#update-a-reference/);
    const forced = await octokit.git.updateRef({ owner, repo, ref: "heads/main", sha: orphan.sha, force: true });
    assert.equal(forced.data.object.sha, orphan.sha);
    const wrongPath = await statusOf(octokit.git.updateRef({ owner, repo, ref: "refs/heads/main", sha: orphan.sha }));
    assert.deepEqual([wrongPath.status, wrongPath.message.split(" - ")[0]], [422, "Reference does not exist"]);
  });

  void it("resolves get-tree's tree_sha given as a commit SHA or a branch name to the commit's root tree", async () => {
    const { owner, repo } = await freshRepo(emulator(), { "README.md": "r\n", "apps/web/ingress.yaml": "i\n" });
    await git(emulator(), repo, "update-ref", "refs/heads/release/v1", "refs/heads/main");
    const octokit = client(emulator());
    const commitSha = (await git(emulator(), repo, "rev-parse", "main")).trim();
    const treeSha = (await git(emulator(), repo, "rev-parse", "main^{tree}")).trim();
    const expected = ["tree:apps", "tree:apps/web", "blob:apps/web/ingress.yaml", "blob:README.md"].sort();
    for (const treeish of [treeSha, commitSha, "main", "release/v1", "heads/main", "refs/heads/main", commitSha.slice(0, 7)]) {
      const { data } = await octokit.git.getTree({ owner, repo, tree_sha: treeish, recursive: "1" });
      assert.equal(data.sha, treeSha, `${treeish}: the response sha is the tree's, not the commit's`);
      assert.equal(data.url, `${emulator().url}/repos/${owner}/${repo}/git/trees/${treeSha}`);
      assert.deepEqual(data.tree.map((e) => `${e.type}:${e.path}`).sort(), expected, treeish);
    }
    const raw = await octokit.request(`GET /repos/${owner}/${repo}/git/trees/release/v1?recursive=1`);
    assert.equal((raw.data as { sha: string }).sha, treeSha, "raw slashes in a branch name work too");
    const blobSha = (await git(emulator(), repo, "rev-parse", "main:README.md")).trim();
    for (const bad of ["no-such-branch", blobSha, "0".repeat(40)]) {
      assert.equal((await statusOf(octokit.git.getTree({ owner, repo, tree_sha: bad }))).status, 404, bad);
    }
  });

  void it("creates a merge commit with two parents and fast-forwards the branch to it without force", async () => {
    const { owner, repo } = await freshRepo(emulator());
    const octokit = client(emulator());
    const { data: main } = await octokit.git.getRef({ owner, repo, ref: "heads/main" });
    const { data: base } = await octokit.git.getCommit({ owner, repo, commit_sha: main.object.sha });
    // A side branch with its own commit on top of main.
    const { data: sideTree } = await octokit.git.createTree({
      owner,
      repo,
      base_tree: base.tree.sha,
      tree: [{ path: "side.txt", mode: "100644", content: "side\n" }],
    });
    const { data: side } = await octokit.git.createCommit({ owner, repo, message: "side", tree: sideTree.sha, parents: [main.object.sha] });
    await octokit.git.createRef({ owner, repo, ref: "refs/heads/side", sha: side.sha });

    const { data: merge } = await octokit.git.createCommit({
      owner,
      repo,
      message: "Merge side",
      tree: sideTree.sha,
      parents: [main.object.sha, side.sha],
    });
    assert.deepEqual(
      merge.parents.map((p) => p.sha),
      [main.object.sha, side.sha],
    );
    assert.equal((await git(emulator(), repo, "rev-parse", `${merge.sha}^1`, `${merge.sha}^2`)).trim(), `${main.object.sha}\n${side.sha}`);
    const { data: fetched } = await octokit.git.getCommit({ owner, repo, commit_sha: merge.sha });
    assert.equal(fetched.parents.length, 2);

    // main is the merge's first parent: a fast forward, accepted with force: false.
    const updated = await octokit.git.updateRef({ owner, repo, ref: "heads/main", sha: merge.sha, force: false });
    assert.equal(updated.data.object.sha, merge.sha);
    assert.equal((await git(emulator(), repo, "rev-parse", "refs/heads/main")).trim(), merge.sha);

    // A merge whose parents do not descend from main's head any more is not a fast forward.
    const { data: stale } = await octokit.git.createCommit({
      owner,
      repo,
      message: "Merge stale",
      tree: sideTree.sha,
      parents: [side.sha, main.object.sha],
    });
    const rejected = await statusOf(octokit.git.updateRef({ owner, repo, ref: "heads/main", sha: stale.sha, force: false }));
    assert.deepEqual([rejected.status, rejected.message.split(" - ")[0]], [422, "Update is not a fast forward"]);
    assert.equal(
      (await git(emulator(), repo, "rev-parse", "refs/heads/main")).trim(),
      merge.sha,
      "the rejected update left the branch alone",
    );

    // Like git and GitHub, ancestry through any parent counts: main's head as the second parent is a fast forward too.
    const { data: secondParent } = await octokit.git.createCommit({
      owner,
      repo,
      message: "Merge main into side",
      tree: sideTree.sha,
      parents: [side.sha, merge.sha],
    });
    assert.equal(
      (await octokit.git.updateRef({ owner, repo, ref: "heads/main", sha: secondParent.sha, force: false })).data.object.sha,
      secondParent.sha,
    );
  });

  void it("refuses a duplicate ref and answers 404 for a missing one", async () => {
    const { owner, repo } = await freshRepo(emulator());
    const octokit = client(emulator());
    const { data: main } = await octokit.git.getRef({ owner, repo, ref: "heads/main" });
    const duplicate = await statusOf(octokit.git.createRef({ owner, repo, ref: "refs/heads/main", sha: main.object.sha }));
    assert.deepEqual([duplicate.status, duplicate.message.split(" - ")[0]], [422, "Reference already exists"]);
    assert.equal((await statusOf(octokit.git.getRef({ owner, repo, ref: "heads/absent" }))).status, 404);
    await octokit.git.createRef({ owner, repo, ref: "refs/heads/tmp", sha: main.object.sha });
    assert.equal((await octokit.git.deleteRef({ owner, repo, ref: "heads/tmp" })).status, 204);
    assert.equal((await git(emulator(), repo, "for-each-ref", "--format=%(refname)")).trim(), "refs/heads/main");
  });

  void it("answers 409 Git Repository is empty. for Git Data calls on an empty repository", async () => {
    const { owner, repo } = await freshRepo(emulator(), null);
    const octokit = client(emulator());
    for (const call of [
      () => octokit.git.getRef({ owner, repo, ref: "heads/main" }),
      () => octokit.git.createBlob({ owner, repo, content: "x" }),
      () => octokit.git.createTree({ owner, repo, tree: [{ path: "a", mode: "100644", content: "a" }] }),
    ]) {
      const failure = await statusOf(call());
      assert.deepEqual([failure.status, failure.message.split(" - ")[0]], [409, "Git Repository is empty."]);
    }
    const { data } = await octokit.repos.get({ owner, repo });
    assert.equal(data.default_branch, "main");
  });

  void it("marks recursive listings truncated beyond the configured entry limit", async () => {
    const small = await start({ treeEntryLimit: 2 });
    try {
      await small.createRepo({ owner: "acme", repo: "big", files: { "a.txt": "a", "b/c.txt": "c", "d.txt": "d" } });
      const { data } = await client(small).git.getTree({ owner: "acme", repo: "big", tree_sha: "main", recursive: "true" });
      assert.equal(data.truncated, true);
      assert.equal(data.tree.length, 2);
    } finally {
      await small.stop();
    }
  });
});
