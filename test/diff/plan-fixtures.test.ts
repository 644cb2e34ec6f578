// Before/after GitOps folders with the expected plan JSON and PR body.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { contractPlan } from "../../src/diff/plan.ts";
import { planCase, planCases, planOutputs, PLAN_FIXTURES } from "../../scripts/update-plan-goldens.ts";

for (const name of planCases()) {
  test(`plan ${name}: matches its expected JSON and PR body`, async () => {
    const outputs = planOutputs(await planCase(name));
    assert.equal(
      outputs.json,
      readFileSync(join(PLAN_FIXTURES, name, "expected.json"), "utf8"),
      "run `npm run goldens` and review the diff",
    );
    assert.equal(outputs.markdown, readFileSync(join(PLAN_FIXTURES, name, "expected.md"), "utf8"));
  });
}

const messages = async (name: string) => contractPlan(await planCase(name)).findings.map((f) => `${f.severity}: ${f.message}`);

// Severity (issue 12 item 2): what destroys or replaces is an error, a new exposure a warning.
test("a scheme flip to internet-facing replaces the ALB (an error) and makes its path public (a warning)", async () => {
  const plan = contractPlan(await planCase("scheme-flip"));
  assert.equal(plan.topology.changed.length, 1);
  assert.deepEqual(plan.topology.changed[0]?.after.loadBalancer, { name: "shop", type: "alb", scheme: "internet-facing", external: false });
  assert.deepEqual(await messages("scheme-flip"), [
    "error: alb 'shop' changes scheme internal → internet-facing: an ALB's scheme cannot change in place, so the controller creates a new ALB for the group and deletes the old one (new DNS name, brief outage)",
    "warning: shop.example.com / becomes reachable from the internet through alb 'shop' (backend store/store:80)",
  ]);
});

test("renaming an ALB group replaces the ALB: an error, said in terms of the group", async () => {
  assert.deepEqual(await messages("alb-group-rename"), [
    "error: alb 'shop' is replaced by alb 'shop-v2': the group is renamed, so a new ALB with a new DNS name takes over its paths and the old one is deleted",
    "warning: shop.example.com / moves from alb 'shop' (alb gateway 'web', Ingress) to alb 'shop-v2' (alb gateway 'web', Ingress), another DNS name: the new load balancer must exist and DNS for shop.example.com point at it before the old route goes. One Argo CD sync prunes the old objects before it applies the new ones (gitops-engine pkg/sync/sync_context.go, runTasks; PruneLast prunes after the apply, still before DNS moves; two Applications keep no order), so alb 'shop' is deleted while clients still resolve it. Safe: serve the paths through both for one sync (the new gateway and routes beside the old), point DNS at alb 'shop-v2' once it has its DNS name, then remove the old routes.",
  ]);
});

test("a route moved from Istio to Kong changes its path's gateway and removes exactly its VirtualService", async () => {
  const plan = contractPlan(await planCase("istio-to-kong"));
  assert.deepEqual(plan.files.removed, ["clusters/shop/ingress/manifests/routes-mesh/orders/istio-virtualservice-orders.yaml"]);
  assert.deepEqual(plan.files.added, ["clusters/shop/ingress/manifests/routes-api/orders/ingress-orders.yaml"]);
  const [change] = plan.topology.changed;
  assert.deepEqual(
    [change?.before.gateway, change?.after.gateway],
    [
      { name: "mesh", type: "istio" },
      { name: "api", type: "kong" },
    ],
  );
  assert.deepEqual(plan.topology.added, []);
  assert.deepEqual(plan.topology.removed, []);
  // The Istio gateway and its ALB stay: nothing is deleted or newly public, but the path's DNS must move to the other ALB first.
  assert.deepEqual(
    plan.findings.map((f) => [f.severity, f.message.slice(0, f.message.indexOf(":"))]),
    [
      [
        "warning",
        "orders.example.com /v1 moves from alb 'mesh-alb' (istio gateway 'mesh', VirtualService) to alb 'api-alb' (kong gateway 'api', Ingress), another DNS name",
      ],
    ],
  );
  assert.match(plan.findings[0]?.message ?? "", /so alb 'mesh-alb' stops serving it while clients still resolve it/);
  assert.deepEqual(change?.route, { before: "VirtualService", after: "Ingress" });
});

test("dropping HTTPS on an internet-facing path is an error", async () => {
  assert.deepEqual(await messages("tls-removed"), [
    "error: shop.example.com / loses TLS: it was served over HTTPS/TLS and now is not, while reachable from the internet through alb 'web-alb'",
  ]);
});

test("adopting a hand-written folder takes over the objects the render makes, keeps the rest and says what changes (issue 14)", async () => {
  const report = await planCase("adopt-hand-written");
  const plan = contractPlan(report);
  // The hand-written Ingress store/store is the object the render now makes: two copies would
  // serve shop.example.com twice, so its file, which holds nothing else, goes.
  assert.deepEqual(plan.files.removed, ["clusters/shop/ingress/legacy/store.yaml"]);
  assert.ok(plan.files.added.includes("clusters/shop/ingress/.ingress-gitops.json"));
  assert.ok(!plan.files.changed.some((f) => f.endsWith("README.md")), "what the render does not make stays as written");
  const adoption = report.folders[0]?.adoption;
  assert.ok(adoption !== undefined, "a folder without an ownership record whose objects the render makes is adopted");
  assert.deepEqual(adoption.takenOver, [{ object: "Ingress store/store", file: "legacy/store.yaml" }]);
  assert.deepEqual([adoption.kept, adoption.changed], [0, 2]);
  assert.deepEqual(
    plan.findings.filter((f) => f.severity === "error").map((f) => f.message),
    [
      "alb 'shop' changes scheme internal → internet-facing: an ALB's scheme cannot change in place, so the controller creates a new ALB for the group and deletes the old one (new DNS name, brief outage)",
    ],
    "the spec says internet-facing where the hand-written Ingress said internal: the plan says so",
  );
});

test("a deleted NLB is an error said in terms of its Service, with no ALB-only note (issue 12)", async () => {
  const found = await messages("nlb-deleted");
  assert.deepEqual(found, [
    "error: nlb 'mqtt' is deleted: nothing defines it any more; the controller deletes an NLB with its Service of type LoadBalancer, and its DNS name and addresses are gone",
    "info: backend mqtt/mqtt-broker:1883 is no longer reached by any path",
  ]);
  assert.doesNotMatch(found.join("\n"), /group|ALB/);
});

test("the PR body says what is destroyed first, and shows the diff it is about first and the ownership record last", async () => {
  const { markdown } = planOutputs(await planCase("nlb-deleted"));
  assert.match(markdown, /^\*\*Risk:\*\* this change ⛔ \*\*destroys or replaces 1 load balancer\*\* \(`nlb 'mqtt'`\)\.$/m);
  const diffs = [...markdown.matchAll(/<summary>\S+ <code>([^<]+)<\/code>/g)].map((m) => m[1]);
  assert.equal(diffs[0], "clusters/iot/ingress/manifests/service-mqtt/mqtt/service-mqtt-broker.yaml");
  assert.equal(diffs.at(-1), "clusters/iot/ingress/.ingress-gitops.json");
});
