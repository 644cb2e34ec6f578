import assert from "node:assert/strict";
import { test } from "node:test";
import { foldersOverlap, normalizeGitopsPath } from "../../src/validate/gitops-path.ts";

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

test("refuses every spelling a filesystem opens as .git, and .github", () => {
  // Windows drops trailing dots and spaces and answers to the 8.3 name git~1; macOS and Windows
  // fold case; NTFS reads ':' as a stream (git/git path.c is_ntfs_dotgit refuses the same).
  for (const path of ["a/.git./x", "a/.git ", "a/.GiT. .", "GIT~1/hooks", "a/git~1", ".git::$INDEX_ALLOCATION/x"]) {
    const result = normalizeGitopsPath(path);
    assert.ok(!result.ok, JSON.stringify(path));
    assert.match(result.reason, /\.git|':'/, JSON.stringify(path));
  }
  for (const path of [".github", ".github/workflows", ".GitHub./workflows", "github~1/workflows"]) {
    const result = normalizeGitopsPath(path);
    assert.ok(!result.ok, JSON.stringify(path));
    assert.match(result.reason, /under \.github/, JSON.stringify(path));
  }
  assert.deepEqual(
    normalizeGitopsPath("clusters/.github-mirror"),
    { ok: true, path: "clusters/.github-mirror" },
    "a name that merely starts like .github is a folder like any other",
  );
  assert.deepEqual(normalizeGitopsPath("clusters/.gitkeep-dir/git~2"), { ok: true, path: "clusters/.gitkeep-dir/git~2" });
});

test("refuses line breaks beyond LF, and invisible or bidi characters that hide what the path is", () => {
  // HFS+ ignores U+200C–200F, U+202A–202E, U+206A–206F and U+FEFF when it compares names, so
  // `.g\u200cit` is .git there (git/git utf8.c next_hfs_char).
  const refused: Record<string, RegExp> = {
    "clusters\u0085prod": /control character/,
    "clusters\u2028prod": /control character/,
    "clusters\u2029prod": /control character/,
    "clusters\u009bprod": /control character/,
    ".g\u200cit/hooks": /U\+200C/,
    "\u200b.git": /U\+200B/,
    "clusters/\u202eyaml.prod": /U\+202E/,
    "clusters/\u2066prod": /U\+2066/,
    "clusters/\ufeffprod": /U\+FEFF/,
    "clusters/pr\u00adod": /U\+00AD/,
  };
  for (const [path, reason] of Object.entries(refused)) {
    const result = normalizeGitopsPath(path);
    assert.ok(!result.ok, JSON.stringify(path));
    assert.match(result.reason, reason, JSON.stringify(path));
  }
  assert.deepEqual(
    normalizeGitopsPath("clusters/zürich/ingress"),
    { ok: true, path: "clusters/zürich/ingress" },
    "visible non-ASCII letters are fine",
  );
});
