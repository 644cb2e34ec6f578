import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { boundedMap } from "../../src/plan/bounded-map.ts";

test("maps every item in order with at most `limit` calls in flight", async () => {
  let inFlight = 0;
  let most = 0;
  const items = Array.from({ length: 50 }, (_, i) => i);
  const results = await boundedMap(items, 4, async (i) => {
    inFlight++;
    most = Math.max(most, inFlight);
    // Later items finish first, so the order of results cannot come from the order of completion.
    await sleep((50 - i) % 7);
    inFlight--;
    return i * 2;
  });
  assert.deepEqual(
    results,
    items.map((i) => i * 2),
  );
  assert.equal(most, 4);
  assert.deepEqual(await boundedMap([], 4, () => Promise.resolve(1)), []);
});

test("fails with the first failure", async () => {
  await assert.rejects(
    boundedMap([1, 2, 3], 2, (i) => (i === 2 ? Promise.reject(new Error("two")) : Promise.resolve(i))),
    /two/,
  );
});
