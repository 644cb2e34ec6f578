// The contract's gateway-type table and Argo CD rules, asserted on what the examples render.
import assert from "node:assert/strict";
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { listFiles, renderCase } from "../../scripts/update-render-goldens.ts";
import { extractTopology } from "../../src/topology/extract.ts";
import { exposureLabel } from "../../src/topology/types.ts";
import type { Manifest } from "../support/manifest.ts";

function rendered(spec: string): Map<string, Manifest> {
  return new Map(renderCase(spec).files.map((f) => [f.path, parse(f.content) as Manifest]));
}

function get(files: Map<string, Manifest>, path: string): Manifest {
  const doc = files.get(path);
  assert.ok(doc, `${path} is rendered (have: ${[...files.keys()].join(", ")})`);
  return doc;
}

const annotationsOf = (doc: Manifest) => doc.metadata.annotations ?? {};
const combined = rendered("examples/combined.yaml");

test("every generated object says it is generated, for which spec and from which entry", () => {
  for (const [path, doc] of combined) {
    if (path.startsWith("values/")) continue;
    const labels = doc.metadata.labels ?? {};
    assert.equal(labels["app.kubernetes.io/managed-by"], "ingress-gitops", path);
    assert.equal(labels["ingress-gitops.io/spec"], "platform-apne1", path);
    assert.match(annotationsOf(doc)["ingress-gitops.io/source"] ?? "", /^(route|gateway|loadBalancer|controller|spec):\S+$/, path);
  }
});

test("every load balancer renders scheme and target type explicitly", () => {
  for (const example of [
    "examples/combined.yaml",
    "examples/alb-ingress.yaml",
    "examples/nlb-service.yaml",
    "examples/cilium-nlb.yaml",
    "examples/alb-istio.yaml",
    "examples/alb-kong.yaml",
  ]) {
    for (const [path, doc] of rendered(example)) {
      if (path.startsWith("values/")) continue;
      const a = annotationsOf(doc);
      if (doc.kind === "Ingress" && (doc.spec as { ingressClassName: string }).ingressClassName === "alb") {
        assert.ok(a["alb.ingress.kubernetes.io/scheme"] && a["alb.ingress.kubernetes.io/target-type"], `${example} ${path}`);
      }
      if (doc.kind === "Service")
        assert.ok(
          a["service.beta.kubernetes.io/aws-load-balancer-scheme"] && a["service.beta.kubernetes.io/aws-load-balancer-nlb-target-type"],
          `${example} ${path}`,
        );
      if (doc.kind === "Gateway" && doc.apiVersion.startsWith("gateway.networking.k8s.io")) {
        const infra = (doc.spec as { infrastructure?: { annotations: Record<string, string> } }).infrastructure?.annotations ?? {};
        assert.ok(
          infra["service.beta.kubernetes.io/aws-load-balancer-scheme"] &&
            infra["service.beta.kubernetes.io/aws-load-balancer-nlb-target-type"],
          `${example} ${path}`,
        );
      }
    }
  }
});

test("an NLB Service gets loadBalancerClass service.k8s.aws/nlb, type external and externalTrafficPolicy per preserveClientIp", () => {
  const service = get(rendered("examples/nlb-service.yaml"), "manifests/service-mqtt/mqtt/service-mqtt-broker.yaml");
  const spec = service.spec as {
    type: string;
    loadBalancerClass: string;
    externalTrafficPolicy?: string;
    ports: { port: number; targetPort: number }[];
  };
  assert.equal(spec.type, "LoadBalancer");
  assert.equal(spec.loadBalancerClass, "service.k8s.aws/nlb");
  assert.equal(annotationsOf(service)["service.beta.kubernetes.io/aws-load-balancer-type"], "external");
  // ip targets keep the client address through the target group attribute, not the traffic policy.
  assert.equal(
    annotationsOf(service)["service.beta.kubernetes.io/aws-load-balancer-target-group-attributes"],
    "preserve_client_ip.enabled=true",
  );
  assert.equal(spec.externalTrafficPolicy, undefined);
  assert.equal(annotationsOf(service)["service.beta.kubernetes.io/aws-load-balancer-ssl-ports"], "8883");
  assert.deepEqual(
    spec.ports.map((p) => [p.port, p.targetPort]),
    [[8883, 1883]],
  );
});

// The API server refuses to add, change or remove spec.loadBalancerClass on a Service that stays of
// type LoadBalancer (kubernetes pkg/apis/core/validation/validation.go, validateLoadBalancerClassField:
// "may not change once set"), so a Service made without it is adopted without it. The controller
// takes a Service without a class by `aws-load-balancer-type: external` with `nlb-target-type: ip`
// or `instance` (kubernetes-sigs/aws-load-balancer-controller pkg/service/service_utils.go,
// IsServiceSupported, checkAWSLoadBalancerTypeAnnotation), which the render always writes.
test("selectedBy annotation renders the NLB Service without loadBalancerClass, still the controller's by its annotations", () => {
  const path = "manifests/service-mqtt/iot/service-mosquitto.yaml";
  const service = get(rendered("test/fixtures/render/nlb-service-by-annotation/spec.yaml"), path);
  assert.equal((service.spec as { loadBalancerClass?: string }).loadBalancerClass, undefined);
  assert.equal(annotationsOf(service)["service.beta.kubernetes.io/aws-load-balancer-type"], "external");
  assert.equal(annotationsOf(service)["service.beta.kubernetes.io/aws-load-balancer-nlb-target-type"], "instance");
  const content = renderCase("test/fixtures/render/nlb-service-by-annotation/spec.yaml").files.find((f) => f.path === path)?.content ?? "";
  const reading = extractTopology([{ file: path, content }]);
  assert.deepEqual(
    [...reading.loadBalancers.values()].map((l) => l.making),
    [{ by: "aws-load-balancer-controller", of: "Service", targetType: "instance" }],
    "the controller makes it, and no class is read",
  );
});

// What the controller's Service webhook does to a Service without a class, which an adopted one
// meets (kubernetes-sigs/aws-load-balancer-controller webhooks/core/service_mutator.go): on CREATE
// it sets loadBalancerClass service.k8s.aws/nlb (MutateCreate); on UPDATE it only puts back a class
// the old object had (MutateUpdate), so it never adds one to an existing Service. And the chart
// registers it for CREATE alone by default (helm/aws-load-balancer-controller values.yaml
// serviceMutatorWebhookConfig.operations, templates/webhook.yaml), as the vendored values say.
test("the controller's Service webhook is registered for CREATE only by default, so it adds no class to an adopted Service", () => {
  for (const chart of ["1.17.1", "3.5.0"]) {
    const values = JSON.parse(readFileSync(join("schema/upstream/helm/aws-load-balancer-controller", chart, "values.json"), "utf8")) as {
      enableServiceMutatorWebhook: boolean;
      serviceMutatorWebhookConfig: { operations: string[] };
    };
    assert.equal(values.enableServiceMutatorWebhook, true, chart);
    assert.deepEqual(values.serviceMutatorWebhookConfig.operations, ["CREATE"], chart);
  }
});

test("Istio behind an ALB: ClusterIP gateway Service, never LoadBalancer; ALB health check 15021 /healthz/ready", () => {
  const files = rendered("examples/alb-istio.yaml");
  assert.deepEqual((get(files, "values/istio-mesh.yaml") as unknown as { service: unknown }).service, { type: "ClusterIP" });
  const ingress = annotationsOf(get(files, "manifests/routes-mesh/istio-ingress/ingress-istio-mesh.yaml"));
  assert.equal(ingress["alb.ingress.kubernetes.io/healthcheck-port"], "15021");
  assert.equal(ingress["alb.ingress.kubernetes.io/healthcheck-path"], "/healthz/ready");
  assert.equal(ingress["alb.ingress.kubernetes.io/target-type"], "ip");
  const nodePort = rendered("test/fixtures/render/istio-instance-targets/spec.yaml");
  assert.deepEqual((get(nodePort, "values/istio-mesh.yaml") as unknown as { service: unknown }).service, { type: "NodePort" });
  assert.equal(
    annotationsOf(get(nodePort, "manifests/routes-mesh/istio-ingress/ingress-istio-mesh.yaml"))[
      "alb.ingress.kubernetes.io/healthcheck-port"
    ],
    "status-port",
  );
  const vs = get(files, "manifests/routes-mesh/orders/istio-virtualservice-orders.yaml").spec as { gateways: string[]; hosts: string[] };
  assert.deepEqual(vs.gateways, ["istio-ingress/mesh"]);
  assert.deepEqual(vs.hosts, ["orders.mesh.example.com"]);
});

test("istio-base, istiod and the gateway install strictly in that order", () => {
  const wave = (path: string) => Number(annotationsOf(get(combined, path))["argocd.argoproj.io/sync-wave"]);
  assert.ok(wave("apps/istio-base.yaml") < wave("apps/istiod.yaml"));
  assert.ok(wave("apps/istiod.yaml") < wave("apps/istio-mesh.yaml"));
});

test("CRDs < ALBC < mesh and CNI controllers < gateways < routes", () => {
  const wave = (name: string) => Number(annotationsOf(get(combined, `apps/${name}.yaml`))["argocd.argoproj.io/sync-wave"]);
  assert.ok(wave("gateway-api-crds") < wave("aws-load-balancer-controller"));
  assert.ok(wave("aws-load-balancer-controller") < wave("cilium"));
  assert.ok(wave("aws-load-balancer-controller") < wave("istio-base"));
  assert.ok(wave("cilium") < wave("kong-api") && wave("istiod") < wave("kong-api"));
  assert.ok(wave("kong-api") < wave("routes-api") && wave("istio-mesh") < wave("routes-mesh"));
});

test("Kong behind an ALB: ClusterIP proxy, ip targets, health check 8100 /status/ready, plugins as KongPlugins", () => {
  const files = rendered("examples/alb-kong.yaml");
  assert.equal((get(files, "values/kong-api.yaml") as unknown as { gateway: { proxy: { type: string } } }).gateway.proxy.type, "ClusterIP");
  const front = get(files, "manifests/routes-api/kong/ingress-kong-api.yaml");
  assert.equal(annotationsOf(front)["alb.ingress.kubernetes.io/target-type"], "ip");
  assert.equal(annotationsOf(front)["alb.ingress.kubernetes.io/healthcheck-port"], "8100");
  assert.equal(annotationsOf(front)["alb.ingress.kubernetes.io/healthcheck-path"], "/status/ready");
  assert.equal(JSON.stringify(front.spec).includes("kong-api-gateway-proxy"), true);
  const route = get(files, "manifests/routes-api/public-api/ingress-public-api.yaml");
  assert.equal((route.spec as { ingressClassName: string }).ingressClassName, "kong");
  assert.equal(annotationsOf(route)["konghq.com/plugins"], "public-api-rate-limiting");
  const plugin = get(files, "manifests/routes-api/public-api/kongplugin-public-api-rate-limiting.yaml");
  assert.deepEqual([plugin["plugin"], plugin["config"]], ["rate-limiting", { minute: 100, policy: "local" }]);
});

test("a proxy's health check stays on its own Ingress in a shared IngressGroup", () => {
  const files = rendered("test/fixtures/render/shared-alb-group/spec.yaml");
  const direct = annotationsOf(get(files, "manifests/routes-direct/web/ingress-landing.yaml"));
  assert.equal(direct["alb.ingress.kubernetes.io/healthcheck-port"], undefined);
  assert.equal(direct["alb.ingress.kubernetes.io/group.name"], "shared");
  const proxy = annotationsOf(get(files, "manifests/routes-api/kong/ingress-kong-api.yaml"));
  assert.equal(proxy["alb.ingress.kubernetes.io/group.name"], "shared");
  assert.equal(proxy["alb.ingress.kubernetes.io/group.order"], "1000", "the proxy's catch-all is evaluated last");
});

test("Cilium: Gateway API CRDs before Cilium, kube-proxy replacement, infrastructure annotations for a controller-made NLB", () => {
  const files = rendered("examples/cilium-nlb.yaml");
  const values = get(files, "values/cilium.yaml") as unknown as { kubeProxyReplacement: boolean; gatewayAPI: { enabled: boolean } };
  assert.equal(values.kubeProxyReplacement, true);
  assert.equal(values.gatewayAPI.enabled, true);
  const crds = get(files, "apps/gateway-api-crds.yaml");
  assert.equal((crds.spec as { source: { targetRevision: string } }).source.targetRevision, "v1.4.1");
  const gateway = get(files, "manifests/routes-web/kube-system/gateway-web.yaml").spec as {
    gatewayClassName: string;
    infrastructure: { annotations: Record<string, string> };
  };
  assert.equal(gateway.gatewayClassName, "cilium");
  assert.equal(gateway.infrastructure.annotations["service.beta.kubernetes.io/aws-load-balancer-scheme"], "internet-facing");
  const route = get(files, "manifests/routes-web/service-a/httproute-service-a.yaml").spec as {
    parentRefs: unknown[];
    rules: { matches: { path: unknown }[] }[];
  };
  assert.deepEqual(route.parentRefs, [{ name: "web", namespace: "kube-system" }]);
  assert.deepEqual(route.rules[0]?.matches[0]?.path, { type: "PathPrefix", value: "/api/v1/service-a" });
});

test("Cilium behind an external NLB: ALBC's service controller and mutator webhook off, a TargetGroupBinding with instance targets, no load balancer for the gateway Service", () => {
  const files = rendered("examples/cilium-external-nlb.yaml");
  const albc = get(files, "values/aws-load-balancer-controller.yaml") as unknown as Record<string, unknown>;
  assert.equal(albc["enableServiceMutatorWebhook"], false);
  assert.deepEqual(albc["controllerConfig"], { featureGates: { EnableServiceController: false } });
  const tgb = get(files, "manifests/routes-edge/kube-system/targetgroupbinding-edge-edge-nlb.yaml").spec as Record<string, unknown>;
  assert.equal(tgb["targetType"], "instance");
  assert.equal(tgb["vpcID"], "vpc-0a1b2c3d4e5f60718");
  assert.deepEqual(tgb["serviceRef"], { name: "cilium-gateway-edge", port: 80 });
  assert.deepEqual(tgb["networking"], {
    ingress: [{ from: [{ securityGroup: { groupID: "sg-0fedcba9876543210" } }], ports: [{ protocol: "TCP" }] }],
  });
  const gateway = get(files, "manifests/routes-edge/kube-system/gateway-edge.yaml").spec as Record<string, unknown>;
  // Only the mark that keeps EKS's cloud provider from making a Classic Load Balancer for the
  // gateway's Service; nothing ALBC would make an NLB from.
  assert.deepEqual(gateway["infrastructure"], { annotations: { "service.beta.kubernetes.io/aws-load-balancer-type": "external" } });
});

test("ALBC gets clusterName, region, vpcId and the IRSA role on its ServiceAccount", () => {
  const values = get(combined, "values/aws-load-balancer-controller.yaml") as unknown as Record<string, unknown>;
  assert.equal(values["clusterName"], "platform-eks");
  assert.equal(values["region"], "ap-northeast-1");
  assert.equal(values["vpcId"], "vpc-0123456789abcdef3");
  assert.deepEqual(values["serviceAccount"], {
    create: true,
    name: "aws-load-balancer-controller",
    annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/platform-albc" },
  });
  assert.equal(values["replicaCount"], 2, "the spec's values are merged last");
});

test("Argo CD: charts come from their repository with values through a $values ref; CRDs are never cascade-deleted or pruned", () => {
  const albc = get(combined, "apps/aws-load-balancer-controller.yaml").spec as {
    sources: Record<string, unknown>[];
    syncPolicy: { syncOptions: string[] };
    ignoreDifferences: unknown[];
  };
  assert.deepEqual(albc.sources[0], { repoURL: "https://github.com/acme/gitops.git", targetRevision: "main", ref: "values" });
  assert.deepEqual(albc.sources[1]?.["helm"], {
    releaseName: "aws-load-balancer-controller",
    valueFiles: ["$values/clusters/platform-eks/ingress/values/aws-load-balancer-controller.yaml"],
  });
  assert.ok(albc.syncPolicy.syncOptions.includes("RespectIgnoreDifferences=true") && albc.ignoreDifferences.length > 0);
  const crds = get(combined, "apps/gateway-api-crds.yaml");
  assert.equal(crds.metadata.finalizers, undefined);
  assert.deepEqual((crds.spec as { syncPolicy: { automated: unknown; syncOptions: string[] } }).syncPolicy.automated, {
    prune: false,
    selfHeal: true,
  });
  assert.ok((crds.spec as { syncPolicy: { syncOptions: string[] } }).syncPolicy.syncOptions.includes("ServerSideApply=true"));
  const root = get(combined, "root.yaml").spec as { source: { path: string } };
  assert.equal(root.source.path, "clusters/platform-eks/ingress/apps");
  const routes = get(combined, "apps/routes-edge.yaml").spec as { source: { path: string; directory: unknown } };
  assert.deepEqual(
    [routes.source.path, routes.source.directory],
    ["clusters/platform-eks/ingress/manifests/routes-edge", { recurse: true }],
  );
});

test("argocd settings reach every Application: namespace, project, destination by name for the children, manual sync", () => {
  for (const [path, doc] of rendered("test/fixtures/render/argocd-options/spec.yaml")) {
    if (!path.startsWith("apps/") && path !== "root.yaml") continue;
    const spec = doc.spec as {
      project: string;
      destination: { name?: string; server?: string; namespace?: string };
      syncPolicy: Record<string, unknown>;
    };
    assert.equal(doc.metadata.namespace, "gitops-system", path);
    assert.equal(spec.project, "platform-ingress", path);
    // Argo CD watches Application objects only in its own namespace on its own cluster
    // (argo-cd docs/operator-manual/declarative-setup.md), so the root deploys them there and
    // only what the children deploy goes to argocd.destination.
    const expected =
      path === "root.yaml"
        ? { server: "https://kubernetes.default.svc", namespace: "gitops-system" }
        : { name: "opt-eks", namespace: spec.destination.namespace };
    assert.deepEqual(spec.destination, expected, path);
    assert.equal(spec.syncPolicy["automated"], undefined, path);
  }
});

test("applicationSet: one ApplicationSet generates the chart Applications, in RollingSync steps that follow the waves", () => {
  const files = rendered("test/fixtures/render/applicationset/spec.yaml");
  assert.deepEqual([...files.keys()].filter((p) => p.startsWith("apps/")).sort(), [
    "apps/charts.yaml",
    "apps/gateway-api-crds.yaml",
    "apps/kong-crds.yaml",
    "apps/routes-api.yaml",
    "apps/routes-edge.yaml",
    "apps/routes-mesh.yaml",
    "apps/routes-web.yaml",
    "apps/service-syslog-nlb.yaml",
  ]);
  const set = get(files, "apps/charts.yaml").spec as {
    generators: { list: { elements: { name: string; wave: string }[] } }[];
    strategy: { rollingSync: { steps: { matchExpressions: { values: string[] }[] }[] } };
  };
  const elements = set.generators[0]?.list.elements ?? [];
  assert.deepEqual(
    elements.map((e) => e.name),
    ["aws-load-balancer-controller", "cilium", "istio-base", "istiod", "istio-mesh", "kong-api"],
  );
  // Label values must begin and end with a letter or digit (apimachinery labelValueFmt): "wave-30", never "-30".
  assert.deepEqual(
    set.strategy.rollingSync.steps.map((s) => s.matchExpressions[0]?.values),
    [["wave-30"], ["wave-20"], ["wave-10"], ["wave0"]],
  );
  const istiod = elements.find((e) => e.name === "istiod");
  const base = elements.find((e) => e.name === "istio-base");
  assert.ok(istiod && base && elements.indexOf(base) < elements.indexOf(istiod));
  assert.deepEqual([base.wave, istiod.wave], ["wave-20", "wave-10"]);
});

test("the topology reads the same through an ApplicationSet as through Applications", () => {
  const read = (dir: string) => {
    const files = listFiles(dir).map((file) => ({ file, content: readFileSync(join(dir, file), "utf8") }));
    return extractTopology(files).exposures.map(
      (p) => `${exposureLabel(p)} ${p.loadBalancer.name} ${p.gateway.type}:${p.gateway.name} ${p.backend.service}`,
    );
  };
  assert.deepEqual(read("test/fixtures/render/applicationset/expected"), read("test/fixtures/render/combined/expected"));
});
