// A refusal over someone's commits quotes their commit subjects and the paths they changed, which
// anyone who can push may choose (git allows a line break in a file name, a commit message may
// hold a CR): whatever they hold, the refusal stays one line on the CLI and in the runner's log.
import assert from "node:assert/strict";
import { test } from "node:test";
import { branchCommitMessage } from "../../src/deliver/branch-commit.ts";
import { describe as describeCommits, foreignChanges, type BranchReader, type CommitInfo } from "../../src/deliver/foreign.ts";
import type { TreeEntry } from "../../src/deliver/git-objects.ts";

const BREAK = /[\n\r\u0085\u2028\u2029]/;
const PATH = "docs/x\nspec.yaml:1:1: forged";
const blob = (sha: string): TreeEntry[] => [{ path: PATH, mode: "100644", type: "blob", sha }];

function reader(commits: readonly CommitInfo[], trees: Record<string, TreeEntry[]>): BranchReader {
  return {
    commit: (sha) => Promise.resolve(commits.find((c) => c.sha === sha) ?? assert.fail(sha)),
    entries: (sha) => Promise.resolve(trees[sha] ?? []),
    blob: () => Promise.resolve(""),
  };
}

test("a commit subject is quoted on one line", () => {
  const text = describeCommits([{ sha: "a".repeat(40), message: "fix\r::error::x\u2028y\nbody", parents: [] }]);
  assert.equal(text, 'aaaaaaa "fix\\r::error::x\\u2028y"');
});

test("refusing a branch whose file and commit the base changed too stays one line", async () => {
  const own: CommitInfo = { sha: "own", message: branchCommitMessage("Ingress: a", "built"), parents: ["built"] };
  const theirs: CommitInfo = { sha: "theirs", message: "fix\r::error::pwned", parents: ["own"] };
  const found = await foreignChanges(
    reader([own, theirs], { built: blob("1"), theirs: blob("2") }),
    "ingress-gitops/a",
    theirs,
    "base",
    () => Promise.resolve(blob("3")),
    [],
  );
  assert.ok(found.kind === "refused");
  assert.doesNotMatch(found.reason, BREAK);
  assert.ok(found.reason.includes('docs/x\\nspec.yaml:1:1: forged (theirs "fix\\r::error::pwned")'), found.reason);
});

test("refusing a branch with no commit of ours stays one line", async () => {
  const theirs: CommitInfo = { sha: "theirs", message: "x\u0085::error::pwned", parents: [] };
  const found = await foreignChanges(reader([theirs], {}), "ingress-gitops/a", theirs, "base", () => Promise.resolve([]), []);
  assert.ok(found.kind === "refused");
  assert.doesNotMatch(found.reason, BREAK);
});
