// The one "did you mean" rule, shared by the spec's messages and the rendered output's.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { closestName } from "../src/closest-name.ts";
import { propertyRuns } from "./support/property-runs.ts";

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

/** The rule as first written: the full distance to every candidate, then the limit. */
function plainClosestName(name: string, candidates: readonly string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) =>
      Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
    );
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++) {
        const row = d[i] as number[];
        const up = d[i - 1] as number[];
        row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
          row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
    return (d[a.length] as number[])[b.length] as number;
  };
  let best: { name: string; distance: number } | undefined;
  for (const c of candidates) {
    const dist = distance(name.toLowerCase(), c.toLowerCase());
    if (best === undefined || dist < best.distance) best = { name: c, distance: dist };
  }
  return best !== undefined && best.distance <= Math.max(1, Math.floor(name.length / 4)) ? best.name : undefined;
}

test("stopping early at the limit names what the full distance names", () => {
  // Few letters, so that near misses, swaps and ties are common.
  const word = fc.stringMatching(/^[abcAB]{0,12}$/);
  fc.assert(
    fc.property(word, fc.array(word, { maxLength: 8 }), (name, candidates) => {
      assert.equal(closestName(name, candidates), plainClosestName(name, candidates));
    }),
    { numRuns: propertyRuns(5000) },
  );
});
