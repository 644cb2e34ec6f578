import assert from "node:assert/strict";
import { test } from "node:test";
import { createTwoFilesPatch } from "diff";
import fc from "fast-check";
import { unifiedPatch } from "../../src/diff/unified-patch.ts";

/** What jsdiff itself writes, preamble dropped: the reference the direct whole-file hunk must equal. */
function reference(path: string, before: string | undefined, after: string | undefined): string {
  const patch = createTwoFilesPatch(
    before === undefined ? "/dev/null" : `a/${path}`,
    after === undefined ? "/dev/null" : `b/${path}`,
    before ?? "",
    after ?? "",
    undefined,
    undefined,
    { context: 3 },
  );
  return patch.split("\n").slice(1).join("\n");
}

// Lines of any content, any ending jsdiff knows ("\n", "\r\n") or none, empty lines, and lines that
// look like diff headers ("+++", "---"), which must still count as added or removed lines.
const content = fc
  .array(fc.tuple(fc.constantFrom("", "a", "+++ x", "--- y", "\\ z", " b", "\r", "é"), fc.constantFrom("\n", "\r\n", "")), {
    maxLength: 8,
  })
  .map((parts) => parts.map(([text, end]) => text + end).join(""));

test("an added or removed file's patch is byte for byte jsdiff's, with every line counted", () => {
  fc.assert(
    fc.property(content, fc.boolean(), (text, added) => {
      const got = added ? unifiedPatch("f.yaml", undefined, text) : unifiedPatch("f.yaml", text, undefined);
      const want = added ? reference("f.yaml", undefined, text) : reference("f.yaml", text, undefined);
      assert.equal(got.patch, want);
      const hunkLines = want.split("\n").slice(2);
      assert.equal(got.additions, hunkLines.filter((l) => l.startsWith("+")).length);
      assert.equal(got.deletions, hunkLines.filter((l) => l.startsWith("-")).length);
    }),
  );
});

test("a changed file's patch is jsdiff's, and its counts include lines that begin like a header", () => {
  const got = unifiedPatch("f.yaml", "a\n--- old\n", "a\n+++ new\n");
  assert.equal(got.patch, reference("f.yaml", "a\n--- old\n", "a\n+++ new\n"));
  assert.deepEqual([got.additions, got.deletions], [1, 1]);
});
