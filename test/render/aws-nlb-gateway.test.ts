// What an aws gateway on an NLB, and the L4 and gRPC routes of Gateway API gateways, render beyond
// their goldens: the facts about ALBC, Cilium and Gateway API they rely on.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { parse } from "yaml";
import { buildModel } from "../../src/model/build.ts";
import { renderModel } from "../../src/render/render.ts";
import { loadTemplates } from "../../src/render/templates.ts";
import { validateSpecBytes } from "../../src/validate/validate.ts";
import { verifyRendered } from "../../src/verify/verified.ts";

const SPEC = "examples/aws-gateway-nlb.yaml";
const example = readFileSync(SPEC, "utf8");
const templates = loadTemplates();

/** The render of a spec, verified against the pinned upstream schemas, by file. */
function rendered(text: string): Map<string, Record<string, unknown>> {
  const { valid, problems } = validateSpecBytes(SPEC, Buffer.from(text));
  assert.ok(valid, JSON.stringify(problems));
  const render = renderModel(buildModel(valid), templates);
  verifyRendered(render);
  return new Map(render.files.map((f) => [f.path, parse(f.content) as Record<string, unknown>]));
}

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
