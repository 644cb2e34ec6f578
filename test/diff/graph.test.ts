// The graph as a reader sees it: every block parsed by mermaid's own parser (test/support/mermaid.ts),
// and assertions on node colours, labels and edges rather than on the Mermaid text.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DETAILED_ROUTE_LIMIT, graphSection } from "../../src/diff/graph.ts";
import { reportMarkdown, PR_BODY_LIMIT } from "../../src/diff/markdown.ts";
import type { PlanReport } from "../../src/diff/plan.ts";
import { diffTopology } from "../../src/diff/topology-diff.ts";
import type { Exposure, LoadBalancerRef, RouteExposure } from "../../src/topology/types.ts";
import { planCase, planCases } from "../../scripts/update-plan-goldens.ts";
import { mermaidBlocks, parseMermaid, type SeenGraph } from "../support/mermaid.ts";

const ORANGE = "#ffd8b5";
const GREEN = "#dafbe1";

const alb = (name: string, scheme: LoadBalancerRef["scheme"] = "internet-facing"): LoadBalancerRef => ({
  name,
  type: "alb",
  scheme,
  external: false,
});
const nlb = (name: string, scheme: LoadBalancerRef["scheme"] = "internet-facing"): LoadBalancerRef => ({
  name,
  type: "nlb",
  scheme,
  external: false,
});

function route(host: string, lb: LoadBalancerRef, more: Partial<RouteExposure> = {}): RouteExposure {
  return {
    kind: "route",
    host,
    urlPath: "/",
    pathType: "Prefix",
    loadBalancer: lb,
    gateway: { type: "kong", name: "kong-edge" },
    backend: { namespace: "app", service: host.split(".")[0] ?? host, port: 80 },
    tls: false,
    routeKind: "Ingress",
    ...more,
  };
}

function report(...folders: { spec?: string; before: Exposure[]; after: Exposure[] }[]): PlanReport {
  return {
    digest: "0".repeat(64),
    folders: folders.map((f, i) => ({
      spec: f.spec ?? `c${i}`,
      folder: `clusters/c${i}`,
      before: f.before,
      after: f.after,
      topology: diffTopology(f.before, f.after),
      findings: [],
      files: [],
    })),
  };
}

async function graphOf(plan: PlanReport, aggregated = false): Promise<SeenGraph> {
  const blocks = mermaidBlocks(graphSection(plan, aggregated));
  assert.equal(blocks.length, 1);
  return parseMermaid(blocks[0] ?? "");
}

test("every Mermaid block of every plan fixture's body parses with mermaid's own parser", async () => {
  for (const name of planCases()) {
    const body = reportMarkdown(await planCase(name), { limit: PR_BODY_LIMIT, fullReport: { label: "x" } });
    const blocks = mermaidBlocks(body);
    // A plan whose paths are all unchanged (istio-route-format) draws nothing, and says so.
    assert.ok(blocks.length > 0 || body.includes("No path changes: nothing to draw."), name);
    for (const block of blocks) await parseMermaid(block);
  }
});

test("a load balancer flipped to internet-facing is orange and says it is replaced; a new internal route is green, a newly public one orange", async () => {
  const g = await graphOf(
    report({
      before: [route("shop.example.com", alb("shop", "internal"))],
      after: [route("shop.example.com", alb("shop")), route("intra.example.com", alb("intra", "internal"))],
    }),
  );
  const shop = g.node("ALB shop");
  assert.equal(shop.style["fill"], ORANGE);
  assert.ok(shop.lines.includes("♻ replaced: scheme internal → internet-facing (new DNS name)"), shop.lines.join(" | "));
  assert.equal(g.node("shop.example.com / · no TLS").style["fill"], ORANGE, "newly exposed, not a plain change");
  assert.equal(g.node("intra.example.com / · no TLS").style["fill"], GREEN, "a plain addition");
  assert.equal(g.node("ALB intra").style["fill"], GREEN);
});

test("a deleted NLB reads differently from an ALB that lost its last route; both deep red and dashed", async () => {
  const g = await graphOf(
    report({
      before: [
        {
          kind: "port",
          port: 443,
          loadBalancer: nlb("tcp"),
          gateway: { type: "none", name: "none" },
          backend: { namespace: "app", service: "tcp", port: 443 },
          tls: false,
          routeKind: "Service",
        },
        route("web.example.com", alb("web")),
      ],
      after: [],
    }),
  );
  const [tcp, web] = [g.node("NLB tcp"), g.node("ALB web")];
  assert.ok(tcp.lines.includes("🗑 deleted with its Service"), tcp.lines.join(" | "));
  assert.ok(web.lines.includes("🗑 deleted: its last route is gone"), web.lines.join(" | "));
  for (const n of [tcp, web]) assert.deepEqual([n.classes, n.style["stroke-dasharray"]], [["deleted"], "6 3"]);
  assert.ok(
    g.edges.every((e) => e.stroke === "dotted"),
    "every connection of a deleted load balancer is drawn removed",
  );
});

test("a replaced ALB stays in the graph, red, naming its successor, with its edges removed", async () => {
  const g = await graphOf(report({ before: [route("shop.example.com", alb("shop"))], after: [route("shop.example.com", alb("shop-v2"))] }));
  const old = g.node("ALB shop");
  assert.deepEqual(old.classes, ["replaced"]);
  assert.ok(old.lines.includes("♻ replaced by ALB shop-v2 (new DNS name)"));
  const edges = g.edges.filter((e) => e.from === old);
  assert.deepEqual(
    edges.map((e) => [e.to.lines[0], e.stroke, e.style["stroke"]]),
    [["kong-edge", "dotted", "#cf222e"]],
  );
});

test("TLS is shown on each route, and a route that loses it is red", async () => {
  const before = [route("a.example.com", alb("web"), { tls: true }), route("b.example.com", alb("web"), { tls: true })];
  const after = [
    route("a.example.com", alb("web"), { tls: false }),
    route("b.example.com", alb("web"), { tls: true, backend: { namespace: "app", service: "b2", port: 80 } }),
  ];
  const g = await graphOf(report({ before, after }));
  assert.deepEqual(g.node("a.example.com / · 🔓 TLS removed").classes, ["tlsLost"]);
  assert.deepEqual(g.node("b.example.com / · 🔒 TLS").classes, ["changed"]);
});

test("each edge takes its own change: an existing ALB → Kong edge is not drawn as added because a new route sits behind it", async () => {
  const old = route("old.example.com", alb("web"));
  const g = await graphOf(report({ before: [old], after: [old, route("new.example.com", alb("web"))] }));
  const edge = (from: string, to: string) => g.edges.find((e) => e.from.lines[0] === from && e.to.lines[0] === to);
  assert.deepEqual(edge("ALB web", "kong-edge")?.style, {}, "unchanged: default colour");
  assert.equal(edge("kong-edge", "new.example.com / · no TLS")?.style["stroke"], "#1a7f37");
});

test("only changed paths are drawn; the load balancer says how many unchanged ones are not", async () => {
  const same = Array.from({ length: 5 }, (_, i) => route(`same${i}.example.com`, alb("web")));
  const g = await graphOf(report({ before: same, after: [...same, route("new.example.com", alb("web"))] }));
  assert.deepEqual(g.nodes.map((n) => n.lines[0]).sort(), ["ALB web", "app/new:80", "kong-edge", "new.example.com / · no TLS"]);
  assert.ok(g.node("ALB web").lines.includes("5 unchanged paths not drawn"));
  assert.equal(g.node("ALB web").style["fill"], "#ddf4ff", "an unchanged internet-facing load balancer is blue, an internal one grey");
});

test(`past ${DETAILED_ROUTE_LIMIT} routes (the measured limit) the graph shows load balancers and gateways with counts, and says so`, async () => {
  const routes = (n: number) => Array.from({ length: n }, (_, i) => route(`r${i}.example.com`, alb("web")));
  const fits = await graphOf(report({ before: [], after: routes(DETAILED_ROUTE_LIMIT) }));
  assert.equal(fits.nodes.length, 2 + 2 * DETAILED_ROUTE_LIMIT);
  const section = graphSection(report({ before: [], after: routes(DETAILED_ROUTE_LIMIT + 1) }), false);
  assert.match(section, new RegExp(`${DETAILED_ROUTE_LIMIT + 1} routes change, too many to draw one by one`));
  const g = await parseMermaid(mermaidBlocks(section)[0] ?? "");
  assert.deepEqual(
    g.nodes.map((n) => n.lines[0]),
    ["ALB web", "kong-edge"],
  );
  assert.deepEqual(
    g.edges.map((e) => e.label),
    [`${DETAILED_ROUTE_LIMIT + 1} newly public`],
  );
});

test("a fleet draws only the clusters that change, each in its own box", async () => {
  const same = route("same.example.com", alb("web"));
  const g = await graphOf(
    report({ spec: "quiet", before: [same], after: [same] }, { spec: "busy", before: [], after: [route("x.example.com", alb("web"))] }),
  );
  assert.deepEqual(g.subgraphs, ["busy"]);
});

test("hostile hosts reach the graph as text: the reader sees exactly the value", async () => {
  const host = 'evil"]; click n0 "javascript:alert(1)" %% <b>x</b> #1; `a` |b|';
  const g = await graphOf(report({ before: [], after: [route(host, alb("web"))] }));
  assert.ok(
    g.nodes.some((n) => n.lines[0] === `${host} / · no TLS`),
    g.nodes.map((n) => n.lines[0]).join("\n"),
  );
});
