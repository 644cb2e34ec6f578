// A path moved to another load balancer is one changed path with a finding about the order of the
// cut-over. What Argo CD does when one sync both adds the new route and removes the old one, read in
// argo-cd v3.5.1 gitops-engine/pkg/sync/sync_context.go (and argoproj/gitops-engine
// pkg/sync/sync_context.go): runTasks runs a wave's tasks as "prune first", then "finally create
// resources"; prune tasks keep their sync wave (default 0, the waves reversed among prunes), and
// only PruneLast (`sc.pruneLast` from the Application's syncOptions, or
// `HasAnnotationOption(task.liveObj, ..., SyncOptionPruneLast)` on the live object) moves them to
// `syncPhaseLastWave + 1`, after every sync wave has been applied (and, the sync being multi-step
// then, turned healthy: a Gateway once Programmed, which is before DNS points at it). The AWS Load
// Balancer Controller deletes an ALB when the last Ingress of its group goes, and provisions a load
// balancer for each Gateway (docs/guide/gateway/customization.md: "the Load Balancer provisioned for
// that individual Gateway").
import assert from "node:assert/strict";
import { test } from "node:test";
import { contractPlan } from "../../src/diff/plan.ts";
import { diffFindings, diffTopology } from "../../src/diff/topology-diff.ts";
import type { Exposure, Making, RouteExposure, TopologyReading } from "../../src/topology/types.ts";
import { planCase } from "../../scripts/update-plan-goldens.ts";

const alb = (name: string) => ({ name, type: "alb", scheme: "internet-facing", external: false }) as const;
const nlb = (name: string) => ({ name, type: "nlb", scheme: "internet-facing", external: false }) as const;

function route(more: Partial<RouteExposure> = {}): RouteExposure {
  return {
    kind: "route",
    host: "shop.example.com",
    urlPath: "/",
    pathType: "Prefix",
    loadBalancer: alb("shop"),
    gateway: { name: "web", type: "alb" },
    backend: { namespace: "store", service: "store", port: 80 },
    tls: false,
    routeKind: "Ingress",
    ...more,
  };
}

function reading(exposures: readonly Exposure[], makings: Readonly<Record<string, Making>> = {}): TopologyReading {
  const albc = (of: Making["of"]): Making => ({ by: "aws-load-balancer-controller", of, targetType: "ip" });
  return {
    exposures,
    findings: [],
    origins: new Map(exposures.map((e) => [e, `${e.routeKind.toLowerCase()}.yaml`])),
    proxies: new Map(),
    loadBalancers: new Map(
      exposures.map((e) => [
        e.loadBalancer.name,
        {
          lb: e.loadBalancer,
          file: "lb.yaml",
          making: makings[e.loadBalancer.name] ?? albc(e.gateway.type === "aws" ? "Gateway" : "Ingress"),
        },
      ]),
    ),
    applications: [],
  };
}

const findingsOf = (before: readonly Exposure[], after: readonly Exposure[]) =>
  diffFindings(reading(before), reading(after), diffTopology(before, after));

test("a path moved from an ALB Ingress to an aws Gateway is one changed path, and the plan JSON names both route kinds", async () => {
  const plan = contractPlan(await planCase("alb-ingress-to-aws-gateway"));
  assert.deepEqual(plan.topology.added, []);
  assert.deepEqual(plan.topology.removed, []);
  assert.deepEqual(
    plan.topology.changed.map((c) => [c.before.path, c.before.loadBalancer.name, c.after.loadBalancer.name, c.route]),
    [
      ["/", "shop", "web-alb", { before: "Ingress", after: "HTTPRoute" }],
      ["/api", "shop", "web-alb", { before: "Ingress", after: "HTTPRoute" }],
    ],
  );
  assert.deepEqual(
    plan.findings.map((f) => f.severity),
    ["error", "warning"],
    "the old ALB's deletion is the error; the cut-over order a warning",
  );
});

test("the cut-over finding says the order, what one sync does instead, and the safe procedure; once per move", () => {
  const before = [route(), route({ urlPath: "/api" })];
  const after = before.map(
    (p) => ({ ...p, loadBalancer: nlb("edge"), gateway: { name: "web", type: "cilium" }, routeKind: "HTTPRoute" }) as const,
  );
  const cutOver = findingsOf(before, after).filter((f) => f.group?.startsWith("path moves") === true);
  assert.equal(cutOver.length, 1);
  const [finding] = cutOver;
  assert.equal(finding?.severity, "warning");
  assert.equal(finding.destroys, undefined, "the deletion of the old ALB is loadBalancerFindings' error, not repeated");
  assert.equal(
    finding.message,
    "shop.example.com /, shop.example.com /api move from alb 'shop' (alb gateway 'web', Ingress) to nlb 'edge' (cilium gateway 'web', HTTPRoute), another DNS name: " +
      "the new load balancer must exist and DNS for shop.example.com point at it before the old route goes. " +
      "One Argo CD sync prunes the old objects before it applies the new ones (gitops-engine pkg/sync/sync_context.go, runTasks; PruneLast prunes after the apply, still before DNS moves; two Applications keep no order), so alb 'shop' is deleted while clients still resolve it. " +
      "Safe: serve the paths through both for one sync (the new gateway and routes beside the old), point DNS at nlb 'edge' once it has its DNS name, then remove the old routes.",
  );
});

test("a large move names three paths and counts the rest, so the PR body's line stays short", () => {
  const before = Array.from({ length: 8 }, (_, i) => route({ urlPath: `/p${i}` }));
  const after = before.map((p) => ({ ...p, loadBalancer: alb("new") }));
  const [finding] = findingsOf(before, after).filter((f) => f.group?.startsWith("path moves") === true);
  assert.match(finding?.message ?? "", /^shop\.example\.com \/p0, shop\.example\.com \/p1, shop\.example\.com \/p2 and 5 more move from/);
});

test("a key served twice before and after pairs like with like: the moved one changes, the one that stays is not touched", () => {
  const stays = route({ loadBalancer: alb("internal"), backend: { namespace: "store", service: "store", port: 81 } });
  const moves = route();
  const moved = route({ loadBalancer: alb("web-alb"), gateway: { name: "web", type: "aws" }, routeKind: "HTTPRoute" });
  const diff = diffTopology([moves, stays], [stays, moved]);
  assert.deepEqual(diff, { added: [], removed: [], changed: [{ before: moves, after: moved }] });
  // Two moved at once pair by what they still share (here the backend), not by their order.
  const a = route({ backend: { namespace: "store", service: "a", port: 80 } });
  const b = route({ loadBalancer: alb("other"), backend: { namespace: "store", service: "b", port: 80 } });
  const a2 = { ...a, loadBalancer: alb("new"), routeKind: "HTTPRoute" } as const;
  const b2 = { ...b, loadBalancer: alb("new2"), routeKind: "HTTPRoute" } as const;
  assert.deepEqual(diffTopology([a, b], [b2, a2]).changed, [
    { before: b, after: b2 },
    { before: a, after: a2 },
  ]);
});

test("only the route kind changing on one load balancer and gateway changes no path, and the gap at sync is info", () => {
  const vs = route({ gateway: { name: "mesh", type: "istio" }, routeKind: "VirtualService" });
  const http = { ...vs, routeKind: "HTTPRoute" } as const;
  assert.deepEqual(diffTopology([vs], [http]), { added: [], removed: [], changed: [] });
  assert.deepEqual(findingsOf([vs], [http]), [
    {
      severity: "info",
      message:
        "shop.example.com / stays on istio gateway 'mesh', now routed by HTTPRoute instead of VirtualService: one Argo CD sync that removes the VirtualService and adds the HTTPRoute prunes first (gitops-engine pkg/sync/sync_context.go, runTasks), so the gateway has no route for it until its controller has programmed the new one; PruneLast=true in the Application's syncOptions prunes after the apply instead",
      path: "httproute.yaml",
      group: "paths are routed by another kind of object on the same gateway",
    },
  ]);
});

test("one host+path through two load balancers is the cut-over's overlap (info); through one, two ways compete (error)", () => {
  const old = route();
  const overlap = route({ loadBalancer: alb("web-alb"), gateway: { name: "web-v2", type: "aws" }, routeKind: "HTTPRoute" });
  assert.deepEqual(
    findingsOf([old], [old, overlap]).map((f) => [f.severity, f.group]),
    [["info", "host+paths are served through more than one load balancer"]],
  );
  const sameAlb = route({ gateway: { name: "mesh", type: "istio" }, routeKind: "VirtualService" });
  assert.deepEqual(
    findingsOf([old], [old, sameAlb])
      .filter((f) => f.severity === "error")
      .map((f) => f.group),
    ["host+paths are served twice"],
  );
});

test("the overlap step of the plan fixtures validates and renders with no error: validation, diff and finding agree", async () => {
  const plan = contractPlan(await planCase("alb-ingress-to-aws-gateway-overlap"));
  // One info for both paths: they are served through the same two load balancers.
  assert.deepEqual(
    plan.findings.map((f) => [f.severity, f.message.slice(0, f.message.indexOf(" (through"))]),
    [["info", "shop.example.com /, shop.example.com /api are served through 2 load balancers at once"]],
  );
  assert.equal(plan.topology.added.length, 2);
});

test("one ALB name made of a Gateway where an IngressGroup made it is a new ALB: an error, and the paths' cut-over warning", () => {
  const before = [route({ loadBalancer: alb("web-alb") })];
  const after = [route({ loadBalancer: alb("web-alb"), gateway: { name: "web", type: "aws" }, routeKind: "HTTPRoute" })];
  const findings = findingsOf(before, after);
  assert.deepEqual(
    findings.map((f) => [f.severity, f.message.slice(0, f.message.indexOf(":"))]),
    [
      ["error", "alb 'web-alb' keeps its name and paths (shop.example.com /) but is made of a Gateway instead of its IngressGroup"],
      [
        "warning",
        "shop.example.com / moves from alb 'web-alb' (alb gateway 'web', Ingress) to the new alb 'web-alb' (aws gateway 'web', HTTPRoute), another DNS name",
      ],
    ],
  );
  assert.match(findings[1]?.message ?? "", /so alb 'web-alb' is deleted while clients still resolve it/);
});
