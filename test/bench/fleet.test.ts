// The memory-per-route baseline of the benchmark is a spec with every gateway type, so what a run
// loads once per type is in the baseline and not counted per route.
import assert from "node:assert/strict";
import { test } from "node:test";
import { MEMORY_BASE_ROUTES, generateFleet } from "../../bench/fleet.ts";

const gatewayTypes = (routes: number) => {
  const [spec] = generateFleet({ specs: 1, routesPerSpec: routes, seed: 20240601 });
  const gateways = /^gateways:\n((?: {2}.*\n)+)/m.exec(spec?.text ?? "")?.[1] ?? "";
  return new Set([...gateways.matchAll(/type: (\w+)/g)].map((m) => m[1]));
};

test("the baseline spec has every gateway type; a 1-route spec has the ALB only", () => {
  assert.deepEqual([...gatewayTypes(MEMORY_BASE_ROUTES)].sort(), ["alb", "cilium", "istio", "kong"]);
  assert.deepEqual([...gatewayTypes(1)], ["alb"]);
});
