// What an aws gateway on an NLB, and the L4 and gRPC routes of Gateway API gateways, render beyond
// their goldens: the facts about ALBC, Cilium and Gateway API they rely on.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { renderedObjects, verifiedRender } from "../support/render-spec.ts";
import { validateSpecBytes } from "../../src/validate/validate.ts";
import { extractTopology } from "../../src/topology/extract.ts";
import { exposureLabel } from "../../src/topology/types.ts";

const SPEC = "examples/aws-gateway-nlb.yaml";
const example = readFileSync(SPEC, "utf8");

/** The render of a spec, verified against the pinned upstream schemas, by file. */
const rendered = (text: string) => renderedObjects(SPEC, text);

function problemsOf(text: string): string[] {
  return validateSpecBytes(SPEC, Buffer.from(text)).problems.map((p) => p.message);
}

const withAlbc = (chartVersion: string, channel?: string) =>
  example.replace(
    "controllers:\n  awsLoadBalancerController:",
    `controllers:\n${channel === undefined ? "" : `  gatewayAPI: {channel: ${channel}}\n`}  awsLoadBalancerController:\n    chartVersion: "${chartVersion}"`,
  );

// kubernetes-sigs/aws-load-balancer-controller pkg/gateway/constants/controller_constants.go
// (NLBGatewayController = "gateway.k8s.aws/nlb") and docs/guide/gateway/l4gateway.md: a Gateway of
// a class with that controllerName is provisioned as an NLB; pkg/config/feature_gates.go:
// NLBGatewayAPI is false by default at v2.17.1, true at v3.5.0 (and turned off at start when a CRD
// is missing, pkg/gateway/crddetect), so it is written for both.
test("an aws gateway on an NLB is of ALBC's NLB GatewayClass, with its controller on", () => {
  const files = rendered(example);
  assert.deepEqual(files.get("manifests/aws-gateway-class/_cluster/gatewayclass-aws-nlb.yaml")?.["spec"], {
    controllerName: "gateway.k8s.aws/nlb",
  });
  assert.equal(
    (files.get("manifests/routes-data/gateways/gateway-data.yaml")?.["spec"] as Record<string, unknown>)["gatewayClassName"],
    "aws-nlb",
  );
  for (const chartVersion of ["3.5.0", "1.17.1"]) {
    const values = rendered(withAlbc(chartVersion, chartVersion === "1.17.1" ? "experimental" : undefined)).get(
      "values/aws-load-balancer-controller.yaml",
    );
    assert.deepEqual(values?.["controllerConfig"], { featureGates: { NLBGatewayAPI: true } }, chartVersion);
  }
});

// ALBC pkg/gateway/crddetect/gateway_feature_flags.go at v3.5.0: the NLB Gateway controller needs
// TCPRoute, UDPRoute and TLSRoute at gateway.networking.k8s.io/v1 (docs/guide/gateway/gateway.md:
// "TCPRoute and UDPRoute are part of the standard CRD installation" as of Gateway API v1.6.0);
// at v2.17.1 it reads them at v1alpha2 (NLBRouteResourceGroupVersion), which only the experimental
// channel serves (gateway-api config/crd/experimental at each tag).
test("L4 routes are written at the version the pinned ALBC reads, on a channel that serves it", () => {
  const v3 = rendered(example);
  assert.equal(v3.get("manifests/routes-data/db/tcproute-postgres.yaml")?.["apiVersion"], "gateway.networking.k8s.io/v1");
  assert.match(JSON.stringify(v3.get("apps/gateway-api-crds.yaml")), /"targetRevision":"v1\.6\.1"/);
  const v2 = rendered(withAlbc("1.17.1", "experimental"));
  for (const path of ["db/tcproute-postgres.yaml", "dns/udproute-dns-udp.yaml", "mqtt/tlsroute-mqtt.yaml"])
    assert.equal(v2.get(`manifests/routes-data/${path}`)?.["apiVersion"], "gateway.networking.k8s.io/v1alpha2", path);
  assert.ok(
    problemsOf(withAlbc("1.17.1")).some((m) => m.includes("TLSRoute v1alpha2, which the standard channel does not have")),
    "the standard channel is refused with the fix",
  );
  assert.ok(
    problemsOf(example.replace("controllers:\n", "controllers:\n  gatewayAPI: {version: v1.4.1}\n")).some((m) =>
      m.includes("TCPRoute, UDPRoute, TLSRoute v1, which the standard channel has from v1.6.0"),
    ),
    "a release before v1.6.0 is refused for ALBC 3.5",
  );
});

// gateway-api apis/v1/shared_types.go ParentReference.SectionName: without it a route attaches to
// every listener that admits its kind, so each L4 route names its listener; TLSRoute v1 requires
// hostnames and a TLS listener a mode (the v1.6.1 CRD's CEL rules), Passthrough here; ALBC's
// pkg/gateway/routeutils/loader.go maps TLS + Passthrough to TLSRoute (an NLB TCP listener).
test("each L4 route names its listener, and a TLS listener passes TLS through", () => {
  const files = rendered(example);
  const tls = files.get("manifests/routes-data/mqtt/tlsroute-mqtt.yaml")?.["spec"];
  assert.deepEqual(tls, {
    parentRefs: [{ name: "data", namespace: "gateways", sectionName: "mqtt-tls" }],
    hostnames: ["broker.data.example.com"],
    rules: [{ backendRefs: [{ name: "mosquitto", port: 8883 }] }],
  });
  const gateway = files.get("manifests/routes-data/gateways/gateway-data.yaml")?.["spec"] as { listeners: Record<string, unknown>[] };
  assert.deepEqual(
    gateway.listeners.map((l) => [l["name"], l["protocol"], l["tls"]]),
    [
      ["postgres", "TCP", undefined],
      ["dns-tcp", "TCP", undefined],
      ["dns-udp", "UDP", undefined],
      ["mqtt-tls", "TLS", { mode: "Passthrough" }],
    ],
  );
});

// docs/guide/gateway/l4gateway.md "Combined Protocols": a TCP and a UDP listener on one port are
// one TCP_UDP listener of the NLB, so a TCP_UDP listen port is both.
test("without listeners of its own, an aws gateway listens on its NLB's ports, TCP_UDP as TCP and UDP", () => {
  const own = example.slice(example.indexOf("    listeners:\n"), example.indexOf("    allowedRoutes:"));
  // The TLS route needs a TLS listener, which a listen port never makes: it is left out here.
  const files = rendered(example.slice(0, example.indexOf("  - name: mqtt\n")).replace(own, ""));
  const gateway = files.get("manifests/routes-data/gateways/gateway-data.yaml")?.["spec"] as { listeners: Record<string, unknown>[] };
  assert.deepEqual(
    gateway.listeners.map((l) => [l["name"], l["protocol"], l["port"]]),
    [
      ["tcp-5432", "TCP", 5432],
      ["tcp-53", "TCP", 53],
      ["udp-53", "UDP", 53],
      ["tcp-443", "TCP", 443],
    ],
  );
  const route = files.get("manifests/routes-data/dns/udproute-dns-udp.yaml")?.["spec"] as { parentRefs: unknown[] };
  assert.deepEqual(route.parentRefs, [{ name: "data", namespace: "gateways", sectionName: "udp-53" }]);
});

const CILIUM = readFileSync("examples/cilium-nlb.yaml", "utf8");

/** The Cilium example with L4 listeners and routes added, at a Cilium chart and Gateway API channel. */
function ciliumWith(chartVersion: string, gatewayApi: string, routes: string, listeners: string): string {
  return CILIUM.replace("chartVersion: 1.19.6", `chartVersion: ${chartVersion}`)
    .replace("gatewayAPI: {version: v1.4.1, channel: standard}", `gatewayAPI: ${gatewayApi}`)
    .replace(
      'listeners: [{name: http, protocol: HTTP, port: 80, hostname: "*.example.com"}]',
      `listeners: [{name: http, protocol: HTTP, port: 80, hostname: "*.example.com"}, ${listeners}]`,
    )
    .concat(routes);
}

const TLS_ROUTE = `  - {name: vault, namespace: vault, gateway: web, protocol: TLS, hosts: [vault.example.com], rules: [{port: 443, backend: {service: vault, port: 8200}}]}
`;
const TCP_ROUTE = `  - {name: redis, namespace: redis, gateway: web, protocol: TCP, rules: [{port: 6379, backend: {service: redis, port: 6379}}]}
`;

const ciliumRendered = (text: string) => renderedObjects("examples/cilium-nlb.yaml", text);

// cilium#44920: Cilium 1.19 reads TLSRoute at v1alpha2, which only the experimental channel serves
// (gateway-api config/crd/experimental); cilium PR #47408: 1.20 reads it at v1; cilium PR #46184
// and #46970: TCPRoute and UDPRoute from 1.20, at v1 (standard from Gateway API v1.6.0).
test("a cilium gateway's L4 routes are written at the version the pinned Cilium reads", () => {
  const tls = '{name: tls, protocol: TLS, port: 443, hostname: "*.example.com"}';
  const v119 = ciliumRendered(ciliumWith("1.19.6", "{version: v1.4.1, channel: experimental}", TLS_ROUTE, tls));
  assert.equal(v119.get("manifests/routes-web/vault/tlsroute-vault.yaml")?.["apiVersion"], "gateway.networking.k8s.io/v1alpha2");
  const both = `${tls}, {name: redis, protocol: TCP, port: 6379}`;
  const v120 = ciliumRendered(ciliumWith("1.20.0", "{version: v1.6.1, channel: standard}", TLS_ROUTE + TCP_ROUTE, both));
  assert.equal(v120.get("manifests/routes-web/vault/tlsroute-vault.yaml")?.["apiVersion"], "gateway.networking.k8s.io/v1");
  assert.deepEqual(v120.get("manifests/routes-web/redis/tcproute-redis.yaml")?.["spec"], {
    parentRefs: [{ name: "web", namespace: "kube-system", sectionName: "redis" }],
    rules: [{ backendRefs: [{ name: "redis", port: 6379 }] }],
  });
  const gateway = v120.get("manifests/routes-web/kube-system/gateway-web.yaml")?.["spec"] as { listeners: Record<string, unknown>[] };
  assert.deepEqual(
    gateway.listeners.map((l) => [l["name"], l["protocol"], l["tls"]]),
    [
      ["http", "HTTP", undefined],
      ["tls", "TLS", { mode: "Passthrough" }],
      ["redis", "TCP", undefined],
    ],
  );
});

// kubernetes-sigs/aws-load-balancer-controller controllers/gateway/gateway_controller.go (v3.5.0):
// the Gateway controller ALB and NLB share sets Programmed=True once its load balancer is active
// (Programmed=False "Waiting for load balancer to be active." before), and Argo CD from v3.1 holds
// a Gateway Healthy only when Programmed=True (resource_customizations/gateway.networking.k8s.io/
// Gateway/health.lua): so an NLB Gateway needs no health override, and lives in its routes'
// Application, after the CRD waves, where waiting for it blocks nothing that comes before it.
test("an NLB Gateway carries no Argo CD health or wave override: ALBC makes it Programmed", () => {
  const files = rendered(example);
  const gateway = files.get("manifests/routes-data/gateways/gateway-data.yaml")?.["metadata"] as { annotations: Record<string, string> };
  assert.deepEqual(Object.keys(gateway.annotations), ["ingress-gitops.io/source"]);
  const waves = (app: string) =>
    Number(
      (files.get(`apps/${app}.yaml`)?.["metadata"] as { annotations: Record<string, string> }).annotations["argocd.argoproj.io/sync-wave"],
    );
  assert.ok(waves("routes-data") > waves("aws-gateway-crds") && waves("routes-data") > waves("gateway-api-crds"));
});

// What is rendered reads back as what the spec says: an L4 route is its load balancer's port
// through its gateway, a TLS route its SNI names, a GRPC route its service as the HTTP/2 path
// /<service>/ (gateway-api site/content/en/api-types/grpcroute.md).
test("rendered L4 and gRPC routes read back as their ports, SNI names and gRPC paths", () => {
  const read = (text: string, spec = SPEC) => {
    const files = verifiedRender(spec, text).files;
    return extractTopology(files.map((f) => ({ file: f.path, content: f.content }))).exposures.map(
      (e) => `${exposureLabel(e)} ${e.gateway.type} ${e.backend.namespace}/${e.backend.service}:${e.backend.port}`,
    );
  };
  assert.deepEqual(read(example), [
    "broker.data.example.com / aws mqtt/mosquitto:8883",
    "data-nlb:53 aws dns/coredns:53",
    "data-nlb:5432 aws db/postgres:5432",
  ]);
  const both = '{name: tls, protocol: TLS, port: 443, hostname: "*.example.com"}, {name: redis, protocol: TCP, port: 6379}';
  assert.ok(
    read(ciliumWith("1.20.0", "{version: v1.6.1, channel: standard}", TLS_ROUTE + TCP_ROUTE, both), "examples/cilium-nlb.yaml").includes(
      "public-nlb:6379 cilium redis/redis:6379",
    ),
  );
  assert.ok(
    read(readFileSync("examples/aws-gateway-alb.yaml", "utf8"), "examples/aws-gateway-alb.yaml").includes(
      "grpc.example.com /shop.checkout.v1.Checkout/ aws cart/checkout:50051",
    ),
  );
  const udp = `  - {name: dns, namespace: dns, gateway: web, protocol: UDP, rules: [{port: 53, backend: {service: coredns, port: 53}}]}
`;
  const tcpUdp = "{name: dns-udp, protocol: UDP, port: 53}, {name: dns-tcp, protocol: TCP, port: 53}";
  assert.deepEqual(
    read(ciliumWith("1.20.0", "{version: v1.6.1, channel: standard}", udp, tcpUdp), "examples/cilium-nlb.yaml").filter((p) =>
      p.startsWith("public-nlb:"),
    ),
    ["public-nlb:53 cilium dns/coredns:53"],
    "a port with a TCP and a UDP listener is one port of the NLB",
  );
});

// ALBC docs/guide/gateway/loadbalancerconfig.md: scheme, loadBalancerSubnets (identifier),
// securityGroups, sourceRanges and loadBalancerAttributes ([{key, value}]) configure the load
// balancer of the Gateway that references the configuration; docs/guide/gateway/targetgroupconfig.md:
// targetGroupAttributes per Service (preserve_client_ip.enabled, the ELB target group attribute).
test("the NLB's LoadBalancerConfiguration carries what the spec says of it, its target groups the client IP", () => {
  const files = rendered(example);
  assert.deepEqual(files.get("manifests/routes-data/gateways/loadbalancerconfiguration-data-nlb.yaml")?.["spec"], {
    scheme: "internal",
    securityGroups: ["sg-0123456789abcdef0"],
    sourceRanges: ["10.0.0.0/8"],
    loadBalancerSubnets: [
      { identifier: "subnet-0123456789abcdef0" },
      { identifier: "subnet-0123456789abcdef1" },
      { identifier: "subnet-0123456789abcdef2" },
    ],
    loadBalancerAttributes: [
      { key: "deletion_protection.enabled", value: "true" },
      { key: "load_balancing.cross_zone.enabled", value: "true" },
    ],
  });
  const group = files.get("manifests/routes-data/db/targetgroupconfiguration-postgres.yaml")?.["spec"] as { defaultConfiguration: unknown };
  assert.deepEqual(group.defaultConfiguration, {
    targetType: "ip",
    targetGroupAttributes: [{ key: "preserve_client_ip.enabled", value: "true" }],
  });
  assert.ok(
    problemsOf(
      example.replace(
        "    inboundCidrs: [10.0.0.0/8]",
        "    inboundCidrs: [10.0.0.0/8]\n    annotations: {service.beta.kubernetes.io/aws-load-balancer-name: data}",
      ),
    ).some((m) => m.includes("ALBC reads no annotations for the NLB of aws gateway 'data'")),
    "what the Gateway form cannot carry is refused, not dropped",
  );
});
