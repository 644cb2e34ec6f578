import assert from "node:assert/strict";
import { test } from "node:test";
import { foldersOverlap, normalizeGitopsPath } from "../../src/spec/gitops-path.ts";

test("accepts relative folders and drops one trailing slash", () => {
  assert.deepEqual(normalizeGitopsPath("clusters/prod/ingress"), { ok: true, path: "clusters/prod/ingress" });
  assert.deepEqual(normalizeGitopsPath("clusters/prod/"), { ok: true, path: "clusters/prod" });
  assert.deepEqual(normalizeGitopsPath("ingress"), { ok: true, path: "ingress" });
});

test("refuses every way out of the repository", () => {
  const refused: Record<string, RegExp> = {
    "/etc/passwd": /absolute/,
    "C:/gitops": /absolute/,
    "clusters/../..": /leaves the repository/,
    "..": /leaves the repository/,
    "clusters\\prod": /backslash/,
    "clusters/prod\u0000": /NUL/,
    "clusters/\nprod": /control character/,
    "": /repository root/,
    ".": /repository root/,
    "/": /absolute/,
    "./clusters": /'\.' segment/,
    "clusters//prod": /empty segment/,
    "clusters/.git/hooks": /\.git/,
    ".GIT": /\.git/,
  };
  for (const [path, reason] of Object.entries(refused)) {
    const result = normalizeGitopsPath(path);
    assert.ok(!result.ok, JSON.stringify(path));
    assert.match(result.reason, reason, JSON.stringify(path));
  }
});

test("folders overlap when one holds the other, not when names merely share a prefix", () => {
  assert.equal(foldersOverlap("clusters/a", "clusters/a"), true);
  assert.equal(foldersOverlap("clusters", "clusters/a"), true);
  assert.equal(foldersOverlap("clusters/a/ingress", "clusters/a"), true);
  assert.equal(foldersOverlap("clusters/a", "clusters/ab"), false);
  assert.equal(foldersOverlap("clusters/a", "clusters/b"), false);
});
