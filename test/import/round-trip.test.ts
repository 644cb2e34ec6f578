// Issue 14's guarantee: for every supported topology, importing hand-written manifests and then
// planning the imported spec against the checkout that holds them changes no exposure path. Files
// change (the render replaces the objects it takes over); what is reachable, from where, through
// what, does not.
import assert from "node:assert/strict";
import { test } from "node:test";
import { contractPath } from "../../src/topology/types.ts";
import { roundTrip } from "./support.ts";

// cilium-gateway is the one that cannot be equal, below.
const TOPOLOGIES = ["alb-ingress", "nlb-service", "cilium-gateway-binding", "alb-istio", "alb-kong", "argocd-charts"];

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

// What a spec cannot say changes a path, and the plan says which and where it is read from: the
// render's Gateway admits routes from every namespace (allowedRoutes from All) and its routes
// attach to every listener (no sectionName), where the hand-written Gateway refused the sandbox's
// route and the status route attached to the HTTP listener only.
test("cilium-gateway: the paths allowedRoutes and sectionName kept out are said, each with its file", async () => {
  const { problems, folder } = await roundTrip("cilium-gateway");
  assert.deepEqual(problems, []);
  assert.ok(folder?.adoption !== undefined);
  assert.deepEqual(folder.adoption.differences, [
    { path: "lab.example.com /", change: "added", file: "routes.yaml", handWritten: true },
    {
      path: "status.example.com /healthz",
      change: "added",
      file: "manifests/routes-shared-gateway/infra-ns/httproute-status.yaml",
      handWritten: false,
    },
  ]);
  assert.deepEqual([folder.adoption.kept, folder.adoption.changed], [folder.before.length, 2]);
  assert.ok(
    folder.findings.some((f) => f.message.startsWith("lab.example.com / becomes reachable from the internet")),
    "the route the hand-written Gateway refused is a new internet exposure: a warning",
  );
});
