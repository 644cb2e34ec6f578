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
    assert.equal(outputs.json, readFileSync(join(PLAN_FIXTURES, name, "expected.json"), "utf8"), "run `npx tsx scripts/update-plan-goldens.ts` and review the diff");
    assert.equal(outputs.markdown, readFileSync(join(PLAN_FIXTURES, name, "expected.md"), "utf8"));
  });
}

const messages = async (name: string) => contractPlan(await planCase(name)).findings.map((f) => `${f.severity}: ${f.message}`);

test("a scheme flip to internet-facing is newly public and replaces the load balancer", async () => {
  const plan = contractPlan(await planCase("scheme-flip"));
  assert.equal(plan.topology.changed.length, 1);
  assert.deepEqual(plan.topology.changed[0]?.after.loadBalancer, { name: "shop", type: "alb", scheme: "internet-facing", external: false });
  assert.deepEqual(await messages("scheme-flip"), [
    "warning: alb 'shop' changes scheme internal → internet-facing: the scheme cannot change in place, so it is replaced (new DNS name, brief outage)",
    "warning: shop.example.com / becomes reachable from the internet through alb 'shop' (backend store/store:80)",
  ]);
});

test("renaming an ALB group replaces the ALB", async () => {
  assert.deepEqual(await messages("alb-group-rename"), ["warning: alb 'shop' is replaced by alb 'shop-v2': a new load balancer with a new DNS name takes over its paths, and the old one is deleted"]);
});

test("a route moved from Istio to Kong changes its path's gateway and removes exactly its VirtualService", async () => {
  const plan = contractPlan(await planCase("istio-to-kong"));
  assert.deepEqual(plan.files.removed, ["clusters/shop/ingress/manifests/routes-mesh/orders/istio-virtualservice-orders.yaml"]);
  assert.deepEqual(plan.files.added, ["clusters/shop/ingress/manifests/routes-api/orders/ingress-orders.yaml"]);
  const [change] = plan.topology.changed;
  assert.deepEqual([change?.before.gateway, change?.after.gateway], [{ name: "mesh", type: "istio" }, { name: "kong-api", type: "kong" }]);
  assert.deepEqual(plan.topology.added, []);
  assert.deepEqual(plan.topology.removed, []);
  assert.deepEqual(plan.findings, [], "the Istio gateway and its ALB stay; nothing is deleted or newly public");
});

test("dropping HTTPS is a finding", async () => {
  assert.deepEqual(await messages("tls-removed"), ["warning: shop.example.com / loses TLS: it was served over HTTPS/TLS and now is not"]);
});

test("adopting a hand-written folder keeps what a person wrote and flags what conflicts with it", async () => {
  const plan = contractPlan(await planCase("adopt-hand-written"));
  assert.deepEqual(plan.files.removed, [], "nothing ingress-gitops does not own is removed");
  assert.ok(plan.files.added.includes("clusters/shop/ingress/.ingress-gitops.json"));
  assert.ok(!plan.files.changed.some((f) => f.includes("legacy") || f.endsWith("README.md")));
  assert.deepEqual(
    plan.findings.filter((f) => f.severity === "error").map((f) => f.message),
    [
      "ALB 'shop': its Ingresses disagree on scheme (internal in legacy/store.yaml; internet-facing in manifests/routes-web/admin/ingress-admin.yaml, manifests/routes-web/store/ingress-store.yaml); the AWS Load Balancer Controller refuses the whole group",
      "shop.example.com / is served twice: through alb gateway 'shop' on alb 'shop' and through alb gateway 'web' on alb 'shop'",
    ],
  );
});
