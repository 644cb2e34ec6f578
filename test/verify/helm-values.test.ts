import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validateHelmValues } from "../../src/verify/index.ts";

function problems(chart: string, version: string, values: unknown): string[] {
  return validateHelmValues(chart, version, values).map((p) => `${p.path}: ${p.message}`);
}

const albcValues = {
  clusterName: "prod",
  region: "eu-west-1",
  vpcId: "vpc-0123",
  replicaCount: 2,
  serviceAccount: {
    create: true,
    name: "aws-load-balancer-controller",
    annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/albc" },
  },
  controllerConfig: { featureGates: { SubnetsClusterTagCheck: false } },
  podAnnotations: { "prometheus.io/scrape": "true" },
  nodeSelector: { "karpenter.sh/capacity-type": "on-demand" },
  resources: { requests: { cpu: "100m" } },
  tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists" }],
};

void describe("validateHelmValues: charts checked against values.yaml keys", () => {
  for (const version of ["3.5.0", "1.17.1"]) {
    void it(`aws-load-balancer-controller ${version}: accepts typical values, free-form maps included`, () => {
      assert.deepEqual(problems("aws-load-balancer-controller", version, albcValues), []);
    });
  }

  void it("aws-load-balancer-controller: rejects unknown keys at any depth, with a suggestion", () => {
    assert.deepEqual(problems("aws-load-balancer-controller", "3.5.0", { ...albcValues, replicas: 2, serviceAccount: { nmae: "x" } }), [
      '/serviceAccount/nmae: unknown field "nmae" (did you mean "name"?)',
      '/replicas: unknown field "replicas"',
    ]);
  });

  void it("aws-load-balancer-controller: rejects a map where the chart has a scalar, and the reverse", () => {
    assert.deepEqual(problems("aws-load-balancer-controller", "3.5.0", { replicaCount: { n: 2 }, serviceAccount: "albc" }), [
      "/replicaCount: must be a number, got a map",
      '/serviceAccount: must be a map, got string "albc"',
    ]);
  });

  void it("istiod: takes the keys under _internal_defaults_do_not_set as top-level keys", () => {
    const values = {
      autoscaleEnabled: false,
      env: { PILOT_ENABLE_ALPHA_GATEWAY_API: "true" },
      meshConfig: { accessLogFile: "/dev/stdout" },
      global: { hub: "docker.io/istio" },
    };
    assert.deepEqual(problems("istiod", "1.30.3", values), []);
    assert.deepEqual(problems("istiod", "1.30.3", { pilot: { enabled: true } }), ['/pilot: unknown field "pilot"']);
    assert.deepEqual(problems("istiod", "1.30.3", { global: { istioNamspace: "istio-system" } }), [
      '/global/istioNamspace: unknown field "istioNamspace" (did you mean "istioNamespace"?)',
    ]);
  });

  void it("istio-base: accepts its keys and rejects unknown ones", () => {
    assert.deepEqual(problems("istio-base", "1.30.3", { defaultRevision: "default", base: { enableCRDTemplates: false } }), []);
    assert.deepEqual(problems("istio-base", "1.30.3", { base: { enableCRDTemplate: false } }), [
      '/base/enableCRDTemplate: unknown field "enableCRDTemplate" (did you mean "enableCRDTemplates"?)',
    ]);
  });

  void it("kong-ingress: checks controller and gateway blocks against the kong 3.2.0 subchart", () => {
    const values = {
      controller: { ingressController: { ingressClass: "kong", env: { feature_gates: "GatewayAlpha=true" } }, enabled: true },
      gateway: {
        proxy: { type: "LoadBalancer", annotations: { "service.beta.kubernetes.io/aws-load-balancer-type": "external" } },
        env: { proxy_access_log: "off" },
      },
    };
    assert.deepEqual(problems("kong-ingress", "0.24.0", values), []);
    assert.deepEqual(
      problems("kong-ingress", "0.24.0", { controller: { ingressControler: {} }, gateway: { proxy: { typ: "LoadBalancer" } }, kong: {} }),
      [
        '/controller/ingressControler: unknown field "ingressControler" (did you mean "ingressController"?)',
        '/gateway/proxy/typ: unknown field "typ" (did you mean "type"?)',
        '/kong: unknown field "kong"',
      ],
    );
  });
});

void describe("validateHelmValues: charts with a values.schema.json", () => {
  for (const version of ["1.18.12", "1.19.6", "1.20.0"]) {
    void it(`cilium ${version}: accepts typical Gateway API values and rejects unknown keys and wrong types`, () => {
      const values = {
        kubeProxyReplacement: true,
        k8sServiceHost: "api.example.com",
        k8sServicePort: 443,
        gatewayAPI: { enabled: true },
        envoy: { enabled: true },
        podAnnotations: { a: "b" },
      };
      assert.deepEqual(problems("cilium", version, values), []);
      assert.deepEqual(problems("cilium", version, { ...values, gatewayAPI: { enabeld: true } }), [
        '/gatewayAPI/enabeld: unknown field "enabeld" (did you mean "enabled"?)',
      ]);
      assert.deepEqual(problems("cilium", version, { gatewayAPI: { enabled: "yes" } }), [
        '/gatewayAPI/enabled: must be boolean, got string "yes"',
      ]);
    });
  }

  void it("cilium: follows each release's own schema (gatewayClass.create became boolean-or-string in 1.20)", () => {
    const values = { gatewayAPI: { gatewayClass: { create: true } } };
    assert.deepEqual(problems("cilium", "1.20.0", values), []);
    assert.deepEqual(problems("cilium", "1.19.6", values), ["/gatewayAPI/gatewayClass/create: must be string, got boolean true"]);
  });

  void it("istio-gateway: accepts service.type LoadBalancer and rejects unknown keys", () => {
    assert.deepEqual(
      problems("istio-gateway", "1.30.3", {
        service: { type: "LoadBalancer", annotations: { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing" } },
      }),
      [],
    );
    assert.deepEqual(problems("istio-gateway", "1.30.3", { service: { type: "LoadBalancer", loadBalancerClass: "service.k8s.aws/nlb" } }), [
      '/service/loadBalancerClass: unknown field "loadBalancerClass"',
    ]);
    assert.deepEqual(problems("istio-gateway", "1.30.3", { serviceType: "LoadBalancer" }), ['/serviceType: unknown field "serviceType"']);
    assert.deepEqual(problems("istio-gateway", "1.30.3", { service: { ports: [{ name: "http", port: "80" }] } }), [
      '/service/ports/0/port: must be integer, got string "80"',
    ]);
  });
});

void describe("validateHelmValues: what it cannot validate", () => {
  void it("reports an unknown chart version with the known ones", () => {
    assert.deepEqual(validateHelmValues("cilium", "1.17.0", {}), [
      {
        document: "values cilium 1.17.0",
        path: "",
        message: "no schema for cilium chart version 1.17.0; known versions: 1.18.12, 1.19.6, 1.20.0",
      },
    ]);
  });

  void it("reports an unknown chart", () => {
    assert.match(
      problems("traefik", "1.0.0", {}).join(),
      /no schema for chart "traefik"; known charts: aws-load-balancer-controller, cilium, istio-base, istiod, istio-gateway, kong-ingress/,
    );
  });

  void it("reports values that are not a map", () => {
    assert.deepEqual(problems("istiod", "1.30.3", [1]), [": values must be a map, got array [1]"]);
  });
});
