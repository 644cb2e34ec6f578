// The one Helm values merge (Helm's coalescing: helm/helm pkg/chartutil/coalesce.go), used by the
// providers and by the chart defaults verify compares with.
import assert from "node:assert/strict";
import { test } from "node:test";
import { mergeValues } from "../src/merge-values.ts";

test("mappings merge key by key and anything else is replaced, the override winning", () => {
  const base = { a: { b: 1, c: [1, 2] }, d: "x", e: { f: 1 } };
  assert.deepEqual(mergeValues(base, { a: { c: [3] }, d: { now: "a map" }, e: null }), {
    a: { b: 1, c: [3] },
    d: { now: "a map" },
    e: null,
  });
  assert.deepEqual(base, { a: { b: 1, c: [1, 2] }, d: "x", e: { f: 1 } }, "the inputs are not changed");
});

test("a key named __proto__ stays a key at any depth and never reaches the prototype", () => {
  const over = JSON.parse('{"__proto__": {"polluted": true}, "a": {"__proto__": "kept"}}') as Record<string, unknown>;
  const merged = mergeValues({ a: { b: 1 } }, over);
  assert.deepEqual(Object.keys(merged), ["a", "__proto__"]);
  assert.deepEqual(Object.getOwnPropertyDescriptor(merged, "__proto__")?.value, { polluted: true });
  assert.equal(Object.getPrototypeOf(merged), Object.prototype);
  assert.equal(({} as Record<string, unknown>)["polluted"], undefined);
  assert.deepEqual(Object.getOwnPropertyDescriptor(merged["a"], "__proto__")?.value, "kept");
});
