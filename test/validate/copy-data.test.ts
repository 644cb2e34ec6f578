import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { copyData } from "../../src/validate/copy-data.ts";

test("copies parsed data as structuredClone does, sharing nothing", () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const copy = copyData(value);
      assert.deepStrictEqual(copy, structuredClone(value));
      if (typeof value === "object" && value !== null) assert.notEqual(copy, value);
    }),
    { numRuns: 500 },
  );
  const own = JSON.parse('{"__proto__": {"a": 1}, "b": [-0, null]}') as Record<string, unknown>;
  const copy = copyData(own) as Record<string, unknown>;
  assert.ok(Object.hasOwn(copy, "__proto__"));
  assert.deepStrictEqual(copy, structuredClone(own));
  assert.ok(Object.is((copy["b"] as unknown[])[0], -0));
});
