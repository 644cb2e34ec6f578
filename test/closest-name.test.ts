// The one "did you mean" rule, shared by the spec's messages and the rendered output's.
import assert from "node:assert/strict";
import { test } from "node:test";
import { closestName } from "../src/closest-name.ts";

test("a swap of two adjacent letters is one edit", () => {
  assert.equal(closestName("enabeld", ["enable", "enabled"]), "enabled");
  // Two edits would be too many for a 4-letter word: only the swap makes it a typo.
  assert.equal(closestName("nmae", ["name", "namespace"]), "name");
});

test("case is ignored, so a name differing only in case is the closest", () => {
  assert.equal(closestName("Spec", ["status", "spec"]), "spec");
  assert.equal(closestName("webb", ["Web", "internal"]), "Web");
});

test("one edit per four letters, at least one, separates a typo from another word", () => {
  assert.equal(closestName("typ", ["type"]), "type");
  assert.equal(closestName("ab", ["xy"]), undefined);
  assert.equal(closestName("rate-limitting", ["rate-limiting", "rate-limiting-advanced"]), "rate-limiting");
  // 8 letters allow 2 edits, not 3; a long name's shared prefix is not enough (helm-values.test.ts).
  assert.equal(closestName("abcdefgh", ["abcdefxy"]), "abcdefxy");
  assert.equal(closestName("abcdefgh", ["abcdexyz"]), undefined);
  assert.equal(closestName("loadBalancerClass", ["loadBalancerIP"]), undefined);
});

test("of equally close candidates the first is named; none when there are none", () => {
  assert.equal(closestName("cat", ["bat", "hat"]), "bat");
  assert.equal(closestName("cat", []), undefined);
});
