// Object ids computed here must be exactly git's, or delivery would push when nothing changed.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { applyChanges, blobSha, treeSha, type TreeEntry } from "../../src/deliver/git-objects.ts";
import { readTarball } from "../../src/deliver/tarball.ts";

const dir = mkdtempSync(join(tmpdir(), "ingress-gitops-objects-"));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});
const git = (...args: string[]) =>
  execFileSync("git", ["-C", dir, ...args], {
    encoding: "utf8",
    env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@t", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@t" },
  }).trim();

/** `git ls-tree -z ARGS` as entries. */
const listing = (...args: string[]): TreeEntry[] =>
  git("ls-tree", "-z", ...args)
    .split("\0")
    .filter((line) => line !== "")
    .map((line) => {
      const [meta = "", path = ""] = line.split("\t");
      const [mode = "", type = "", sha = ""] = meta.split(" ");
      return { path, mode, type: type as TreeEntry["type"], sha };
    });

const files: Record<string, string> = {
  "a.yaml": "a: 1\n",
  "dir/b.yaml": "b: ✓\n",
  "dir-x/c": "c",
  "dir.x": "dot",
  "dir/sub/d.yaml": "",
  "z/éü.txt": "unicode name\n",
  [`deep/${"n".repeat(120)}/e.yaml`]: "long path\n",
};

test("blob and tree ids equal git's, including git's order of names", () => {
  git("init", "-q");
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  git("add", "-A");
  git("commit", "-qm", "x");
  const listed = listing("-r", "HEAD");
  for (const [path, content] of Object.entries(files)) {
    assert.equal(blobSha(content), git("hash-object", "--", path), path);
  }
  assert.equal(treeSha(listed), git("rev-parse", "HEAD^{tree}"));
  const changed = applyChanges(listed, new Map([["dir/new.yaml", "new\n"]]), ["a.yaml"]);
  writeFileSync(join(dir, "dir/new.yaml"), "new\n");
  git("rm", "-q", "a.yaml");
  git("add", "-A");
  assert.equal(treeSha(changed), git("write-tree"));
  git("commit", "-qm", "y");
});

test("a folder listed only as a tree entry keeps its id; a change elsewhere gives git's root id", () => {
  // What delivery knows of a base it did not list in full: the root's entries, one folder in full.
  const sparse = [...listing("HEAD").filter((e) => e.path !== "dir"), ...listing("-r", "HEAD", "dir")];
  assert.ok(sparse.some((e) => e.type === "tree" && e.path === "deep"));
  assert.equal(treeSha(sparse), git("rev-parse", "HEAD^{tree}"));
  const emptied = applyChanges(
    sparse,
    new Map(),
    sparse.filter((e) => e.path.startsWith("dir/")).map((e) => e.path),
  );
  git("rm", "-rq", "dir");
  assert.equal(treeSha(emptied), git("write-tree"), "a folder emptied of its entries is gone, as in git");
  git("reset", "-q", "--hard");
});

test("a tarball made by git archive reads back as the repository's files, long names included", () => {
  const tarball = execFileSync("sh", ["-c", `git -C '${dir}' archive --format=tar --prefix=acme-gitops-abc1234/ HEAD | gzip -n`]);
  const read = readTarball(tarball);
  assert.equal(read.get("dir/b.yaml"), "b: ✓\n");
  assert.equal(read.get(`deep/${"n".repeat(120)}/e.yaml`), "long path\n");
  assert.equal(read.get("z/éü.txt"), "unicode name\n");
  assert.equal(read.has("a.yaml"), false, "deleted before the commit");
  assert.deepEqual([...readTarball(tarball, (p) => p.startsWith("dir/")).keys()].sort(), ["dir/b.yaml", "dir/new.yaml", "dir/sub/d.yaml"]);
});
