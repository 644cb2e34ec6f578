// What an aws gateway renders beyond its golden: the facts about ALBC it relies on.
import assert from "node:assert/strict";
import { test } from "node:test";
import { renderedObjects } from "../support/render-spec.ts";
import { readFileSync } from "node:fs";

const SPEC = "examples/aws-gateway-alb.yaml";

const rendered = (text: string) => renderedObjects(SPEC, text);

const example = readFileSync(SPEC, "utf8");

// kubernetes-sigs/aws-load-balancer-controller pkg/config/feature_gates.go: ALBGatewayAPI is
// false by default at v2.17.1 (docs/guide/gateway/gateway.md at v2.17.1: "By default, the LBC
// will not listen to Gateway API CRDs"), true at v3.5.0 but disabled at start when a CRD is missing.
test("ALBC's values turn its ALB Gateway controller on, on both pinned charts", () => {
  for (const chartVersion of ["3.5.0", "1.17.1"]) {
    const files = rendered(
      example.replace("awsLoadBalancerController:", `awsLoadBalancerController:\n    chartVersion: "${chartVersion}"`),
    );
    assert.deepEqual(files.get("values/aws-load-balancer-controller.yaml")?.["controllerConfig"], {
      featureGates: { ALBGatewayAPI: true },
    });
  }
});

// docs/guide/gateway/gateway.md: "Installation of LBC Gateway API specific CRDs" from
// config/crd/gateway, not from the chart; config/crd/gateway/kustomization.yaml lists each CRD once.
test("ALBC's gateway.k8s.aws CRDs come from its repository at the chart's controller release, never pruned", () => {
  const app = rendered(example.replace("awsLoadBalancerController:", 'awsLoadBalancerController:\n    chartVersion: "1.17.1"')).get(
    "apps/aws-gateway-crds.yaml",
  );
  const spec = app?.["spec"] as { source: unknown; syncPolicy: { automated: { prune: boolean } } };
  assert.deepEqual(spec.source, {
    repoURL: "https://github.com/kubernetes-sigs/aws-load-balancer-controller",
    targetRevision: "v2.17.1",
    path: "config/crd/gateway",
  });
  assert.equal(spec.syncPolicy.automated.prune, false);
  assert.equal((app?.["metadata"] as { finalizers?: unknown }).finalizers, undefined);
});

// docs/guide/gateway/gateway.md, "Certificate Discovery": certificates cannot come from a
// listener's certificateRefs; docs/guide/gateway/loadbalancerconfig.md: listenerConfigurations
// carry defaultCertificate and sslPolicy per PROTOCOL:PORT.
test("the ALB's certificates ride in its LoadBalancerConfiguration, not in the Gateway", () => {
  const files = rendered(example);
  const gateway = files.get("manifests/routes-web/gateways/gateway-web.yaml")?.["spec"] as { listeners: { tls?: unknown }[] };
  assert.ok(gateway.listeners.every((l) => l.tls === undefined));
  const config = files.get("manifests/routes-web/gateways/loadbalancerconfiguration-public-alb.yaml")?.["spec"] as Record<string, unknown>;
  assert.deepEqual(config["listenerConfigurations"], [
    {
      protocolPort: "HTTPS:443",
      defaultCertificate: "arn:aws:acm:ap-northeast-1:123456789012:certificate/11111111-2222-3333-4444-555555555555",
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    },
  ]);
});
