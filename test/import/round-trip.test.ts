// Issue 14's guarantee: for every supported topology, importing hand-written manifests and then
// planning the imported spec against the checkout that holds them changes no exposure path. Files
// change (the render replaces the objects it takes over); what is reachable, from where, through
// what, does not.
import assert from "node:assert/strict";
import { test } from "node:test";
import { contractPath } from "../../src/topology/types.ts";
import { roundTrip } from "./support.ts";

const TOPOLOGIES = ["alb-ingress", "nlb-service", "cilium-gateway", "cilium-gateway-binding", "alb-istio", "alb-kong"];

for (const topology of TOPOLOGIES) {
  test(`${topology}: import, then plan against the same checkout, keeps every path`, async () => {
    const { problems, folder } = await roundTrip(topology);
    assert.deepEqual(problems, [], "the imported spec passes validate");
    assert.ok(folder !== undefined);
    const { added, removed, changed } = folder.topology;
    assert.deepEqual(
      {
        added: added.map(contractPath),
        removed: removed.map(contractPath),
        changed: changed.map((c) => [contractPath(c.before), contractPath(c.after)]),
      },
      { added: [], removed: [], changed: [] },
      "no topology change",
    );
    assert.ok(folder.before.length > 0, "the hand-written folder exposes paths");
    assert.deepEqual([folder.adoption?.kept, folder.adoption?.changed], [folder.before.length, 0], "adoption: every path kept, 0 changed");
  });
}
