// import of Gateway API setups as the spec now says them: ALBC's own ALB and NLB Gateways with
// their LoadBalancerConfiguration and TargetGroupConfigurations, GRPC and TCP/UDP/TLS routes,
// allowedRoutes and cross-namespace backends; and what validate would refuse said, not written.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { importSpec } from "../../src/import/import.ts";
import { noteLine } from "../../src/import/notes.ts";
import { HAND_WRITTEN, importFixture } from "./support.ts";

interface Imported {
  loadBalancers: Record<string, unknown>[];
  gateways: Record<string, unknown>[];
  routes: { name: string; namespace: string; protocol?: string; hosts?: string[]; rules: Record<string, unknown>[] }[];
}

function imported(topology: string): Imported {
  const { result } = importFixture(topology);
  assert.ok(result.ok, result.ok ? "" : result.message);
  return parse(result.text) as Imported;
}

// kubernetes-sigs/aws-load-balancer-controller docs/guide/gateway/loadbalancerconfig.md: scheme,
// securityGroups, sourceRanges, loadBalancerSubnets[].identifier, loadBalancerAttributes[{key,value}],
// listenerConfigurations[].defaultCertificate/certificates/sslPolicy per protocolPort, wafV2.webACL;
// docs/guide/gateway/targetgroupconfig.md: defaultConfiguration.targetType and healthCheckConfig.
test("aws-gateway-alb: ALBC's ALB Gateway becomes an aws gateway, its LoadBalancerConfiguration and TargetGroupConfigurations its ALB", () => {
  const spec = imported("aws-gateway-alb");
  assert.deepEqual(spec.loadBalancers, [
    {
      name: "shop-alb",
      type: "alb",
      scheme: "internet-facing",
      targetType: "ip",
      healthCheck: { path: "/healthz", protocol: "HTTP" },
      listen: [
        { protocol: "HTTPS", port: 443 },
        { protocol: "HTTP", port: 80 },
      ],
      certificateArns: ["arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"],
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      securityGroups: ["sg-0a1b2c3d4e5f60718"],
      subnets: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
      attributes: { "idle_timeout.timeout_seconds": "120" },
      wafAclArn: "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop/0a1b2c3d",
    },
  ]);
  const [gateway] = spec.gateways;
  assert.equal(gateway?.["type"], "aws");
  assert.equal(gateway["namespace"], "gateways");
  // The same Selector on every listener is the gateway's allowedRoutes (Gateway API RouteNamespaces).
  assert.deepEqual(gateway["allowedRoutes"], { selector: { "shop-gateway-access": "true" } });
  assert.equal(
    (gateway["listeners"] as Record<string, unknown>[]).some((l) => l["tls"] !== undefined),
    false,
    "ALBC takes no certificate from a Secret",
  );
});

// A GRPCRoute method match (https://gateway-api.sigs.k8s.io/api-types/grpcroute/) is a GRPC rule's
// grpcMethod; a backendRef in another namespace, admitted by a ReferenceGrant
// (https://gateway-api.sigs.k8s.io/api-types/referencegrant/), is backend.namespace on a route that
// stays in its own namespace.
test("aws-gateway-alb: a GRPCRoute becomes a GRPC route, a granted cross-namespace backend backend.namespace", () => {
  const spec = imported("aws-gateway-alb");
  const byName = Object.fromEntries(spec.routes.map((r) => [r.name, r]));
  assert.deepEqual(byName["checkout"], {
    name: "checkout",
    namespace: "cart",
    gateway: "shop-gateway",
    protocol: "GRPC",
    hosts: ["grpc.example.com"],
    rules: [{ grpcMethod: { service: "shop.checkout.v1.Checkout" }, backend: { service: "checkout", port: 50051 } }],
  });
  assert.equal(byName["cart"]?.namespace, "cart");
  assert.deepEqual(byName["cart"].rules[0]?.["backend"], { service: "cart", port: 8080, namespace: "shared-services" });
  const { result } = importFixture("aws-gateway-alb");
  assert.ok(result.ok);
  assert.equal(
    result.notes.some((n) => n.message.includes("sectionName")),
    false,
    "a GRPC route on an aws ALB attaches to its HTTPS listeners, as the hand-written one's sectionName says",
  );
});

// TCPRoute, UDPRoute and TLSRoute (https://gateway-api.sigs.k8s.io/reference/spec/#tcproutespec) each
// forward one listener: the spec's rule names that listener's port; an NLB listens on TCP for a
// TLS listener that passes TLS through.
test("aws-gateway-nlb: TCPRoute, UDPRoute and TLSRoute become TCP, UDP and TLS routes on their listener ports", () => {
  const spec = imported("aws-gateway-nlb");
  assert.deepEqual(
    spec.routes.map((r) => [r.name, r.protocol, r.hosts, r.rules.map((rule) => rule["port"])]),
    [
      ["mqtt", "TLS", ["broker.example.com"], [8883]],
      ["coredns", "UDP", undefined, [53]],
      ["postgres", "TCP", undefined, [5432]],
    ],
  );
  const [lb] = spec.loadBalancers;
  assert.deepEqual(lb?.["listen"], [
    { protocol: "TCP", port: 5432 },
    { protocol: "UDP", port: 53 },
    { protocol: "TCP", port: 8883 },
  ]);
  assert.deepEqual([lb["targetType"], lb["inboundCidrs"], lb["healthCheck"]], ["ip", ["10.0.0.0/8"], { protocol: "TCP" }]);
  assert.equal(spec.gateways[0]?.["allowedRoutes"], undefined, "from: All on every listener is the spec's default");
});

// The render's own output of examples/aws-gateway-nlb.yaml read back: allowedRoutes written as a
// kubernetes.io/metadata.name In selector is the spec's namespaces list again, and the TCPRoute
// and UDPRoute of its TCP_UDP port (one path to the topology) are both kept.
test("the render's aws NLB Gateway imports back to its spec's allowedRoutes and routes", () => {
  const dir = "test/fixtures/render/aws-gateway-nlb/expected";
  const files = (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".yaml"))
    .map((file) => ({ file, content: readFileSync(join(dir, file), "utf8") }));
  const result = importSpec(files, { schema: "s", inputs: [dir] });
  assert.ok(result.ok);
  const spec = parse(result.text) as Imported;
  const example = parse(readFileSync("examples/aws-gateway-nlb.yaml", "utf8")) as Imported;
  assert.deepEqual(spec.gateways[0]?.["allowedRoutes"], example.gateways[0]?.["allowedRoutes"]);
  const routes = (s: Imported) => s.routes.map((r) => `${r.namespace}/${r.name} ${r.protocol ?? "HTTP"}`).sort();
  assert.deepEqual(routes(spec), routes(example));
  assert.equal(spec.loadBalancers[0]?.["preserveClientIp"], true);
  assert.equal(
    result.notes.some((n) => n.message.startsWith("not expressed by the spec")),
    false,
  );
});

// Cilium serves TCPRoute and UDPRoute only from 1.20 (cilium/cilium PR #46184; src/controllers/cilium.ts
// CILIUM_L4_ROUTES), which validate holds a spec to: on the default chart a TCP listener and its
// TCPRoute are said, on 1.20 they are imported.
test("a Cilium gateway's TCPRoute is imported on Cilium 1.20 and said on the default chart", () => {
  const { result } = importFixture("cilium-gateway");
  assert.ok(result.ok);
  const lines = result.notes.map(noteLine);
  assert.ok(
    lines.includes(
      "tcp.yaml:4:1: TCPRoute data-ns/pgbouncer: infra-ns/shared-gateway:5432: Cilium 1.19 serves no TCPRoute (TCPRoute and UDPRoute from 1.20, cilium PR #46184); set controllers.cilium.chartVersion to 1.20 to keep it; not kept",
    ),
  );
  const dir = join(HAND_WRITTEN, "cilium-gateway");
  const files = readdirSync(dir).map((file) => ({ file, content: readFileSync(join(dir, file), "utf8") }));
  const cilium120 = {
    file: "cilium-app.yaml",
    content: [
      "apiVersion: argoproj.io/v1alpha1",
      "kind: Application",
      "metadata: {name: cilium, namespace: argocd}",
      "spec:",
      "  project: default",
      "  source: {repoURL: https://helm.cilium.io/, chart: cilium, targetRevision: 1.20.0}",
      "  destination: {server: https://kubernetes.default.svc, namespace: kube-system}",
      "",
    ].join("\n"),
  };
  const on120 = importSpec([...files, cilium120], { schema: "s", inputs: [dir] });
  assert.ok(on120.ok);
  const spec = parse(on120.text) as Imported;
  assert.deepEqual(
    spec.routes.filter((r) => r.protocol === "TCP").map((r) => [r.namespace, r.name, r.rules]),
    [["data-ns", "pgbouncer", [{ port: 5432, backend: { service: "pgbouncer", port: 6432 } }]]],
  );
});

// The topology reads an aws Gateway's targets as ip only when every TargetGroupConfiguration of
// its backends says ip (src/topology/aws.ts, targetTypeOf); a spec has one target type per load
// balancer, so a mixed set imports as instance, the differing configuration said at its line.
test("TargetGroupConfigurations that differ: the spec's one target type is the topology's, the difference said", () => {
  const dir = join(HAND_WRITTEN, "aws-gateway-nlb");
  const files = readdirSync(dir).map((file) => {
    const content = readFileSync(join(dir, file), "utf8");
    // The last configuration (mosquitto's) registers instance targets.
    return {
      file,
      content: file === "routes.yaml" ? content.replace(/targetType: ip(?![\s\S]*targetType: ip)/, "targetType: instance") : content,
    };
  });
  const result = importSpec(files, { schema: "s", inputs: [dir] });
  assert.ok(result.ok);
  assert.equal((parse(result.text) as Imported).loadBalancers[0]?.["targetType"], "instance");
  assert.ok(
    result.notes
      .map(noteLine)
      .some((l) =>
        /^routes\.yaml:\d+:\d+: TargetGroupConfiguration mqtt\/mosquitto: differs from TargetGroupConfiguration db\/postgres/.test(l),
      ),
  );
});

// ALBC's NLB Gateway sends a TLS listener to one TLSRoute: an NLB listener forwards to one target
// group and does not read SNI (README, Route protocols; validate refuses a second route on the
// listener). A second TLSRoute on the listener is said, not written.
test("a second TLSRoute on an aws NLB's TLS listener is said, not imported", () => {
  const dir = join(HAND_WRITTEN, "aws-gateway-nlb");
  const telemetry = [
    "apiVersion: gateway.networking.k8s.io/v1alpha2",
    "kind: TLSRoute",
    "metadata: {name: telemetry, namespace: mqtt}",
    "spec:",
    "  parentRefs: [{name: data-gateway, namespace: gateways, sectionName: mqtt}]",
    "  hostnames: [telemetry.example.com]",
    "  rules: [{backendRefs: [{name: telemetry, port: 8883}]}]",
    "",
  ].join("\n");
  const files = [
    ...readdirSync(dir).map((file) => {
      const content = readFileSync(join(dir, file), "utf8");
      return {
        file,
        content: file === "gateway.yaml" ? content.replace("hostname: broker.example.com", 'hostname: "*.example.com"') : content,
      };
    }),
    { file: "telemetry.yaml", content: telemetry },
  ];
  const result = importSpec(files, { schema: "s", inputs: [dir] });
  assert.ok(result.ok);
  assert.deepEqual(
    (parse(result.text) as Imported).routes.filter((r) => r.protocol === "TLS").map((r) => r.name),
    ["mqtt"],
  );
  assert.ok(
    result.notes
      .map(noteLine)
      .includes(
        "telemetry.yaml:1:1: TLSRoute mqtt/telemetry: telemetry.example.com /: the NLB's TLS listener on port 8883 already goes to TLSRoute mqtt/mqtt, and an NLB does not choose by SNI; not kept",
      ),
  );
});

// An ALB speaks gRPC to its targets only behind an HTTPS listener (kubernetes-sigs/aws-load-balancer-controller
// pkg/gateway/model/model_build_target_group.go, buildTargetGroupProtocolVersion), which validate holds
// a spec to: a GRPCRoute on an ALB Gateway with HTTP listeners only is said, not written.
test("a GRPCRoute on an aws ALB without an HTTPS listener is said, not imported", () => {
  const dir = join(HAND_WRITTEN, "aws-gateway-alb");
  const files = readdirSync(dir).map((file) => {
    const content = readFileSync(join(dir, file), "utf8");
    if (file === "gateway.yaml")
      return { file, content: content.replace("protocol: HTTPS", "protocol: HTTP").replace("port: 443", "port: 8080") };
    return { file, content: file === "routes.yaml" ? content.replace(/^ *sectionName: https\n/m, "") : content };
  });
  const result = importSpec(files, { schema: "s", inputs: [dir] });
  assert.ok(result.ok);
  assert.equal(
    (parse(result.text) as Imported).routes.some((r) => r.protocol === "GRPC"),
    false,
  );
  assert.ok(
    result.notes
      .map(noteLine)
      .some((l) =>
        /^routes\.yaml:\d+:\d+: GRPCRoute cart\/checkout: grpc\.example\.com \/shop\.checkout\.v1\.Checkout\/: an ALB speaks gRPC/.test(l),
      ),
  );
});
