// Reading exposure from hand-written YAML: what connects, and what is reported instead of guessed.
import assert from "node:assert/strict";
import { test } from "node:test";
import { extractTopology } from "../../src/topology/extract.ts";
import { contractPath, exposureLabel } from "../../src/topology/types.ts";

const file = (name: string, content: string) => ({ file: name, content });

test("an ALB Ingress without annotations is internal (ALBC's default) and its Service is the backend", () => {
  const { exposures } = extractTopology([
    file(
      "web.yaml",
      `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  ingressClassName: alb
  rules:
    - host: shop.example.com
      http: {paths: [{path: /cart, pathType: Exact, backend: {service: {name: cart, port: {number: 8080}}}}]}
`,
    ),
  ]);
  assert.deepEqual(exposures, [
    {
      kind: "route",
      host: "shop.example.com",
      urlPath: "/cart",
      pathType: "Exact",
      loadBalancer: { name: "shop/web", type: "alb", scheme: "internal", external: false },
      gateway: { name: "shop/web", type: "alb" },
      backend: { namespace: "shop", service: "cart", port: 8080 },
      tls: false,
      routeKind: "Ingress",
    },
  ]);
});

test("an NLB Service exposes its ports, each a port rather than a host and path; TLS where the certificate covers the port", () => {
  const { exposures } = extractTopology([
    file(
      "mqtt.yaml",
      `apiVersion: v1
kind: Service
metadata:
  name: broker
  namespace: mqtt
  annotations:
    service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing
    service.beta.kubernetes.io/aws-load-balancer-ssl-cert: arn:aws:acm:eu-west-1:123456789012:certificate/x
    service.beta.kubernetes.io/aws-load-balancer-ssl-ports: "8883"
spec:
  type: LoadBalancer
  loadBalancerClass: service.k8s.aws/nlb
  ports: [{port: 8883}, {port: 1883}]
`,
    ),
  ]);
  const nlb = { name: "mqtt/broker", type: "nlb", scheme: "internet-facing", external: false } as const;
  const port = (n: number, tls: boolean) => ({
    kind: "port",
    port: n,
    loadBalancer: nlb,
    gateway: { name: "none", type: "none" },
    backend: { namespace: "mqtt", service: "broker", port: n },
    tls,
    routeKind: "Service",
  });
  assert.deepEqual(exposures, [port(1883, false), port(8883, true)]);
  // The contract (`plan --json`) still names a port by its load balancer and `:<port>`.
  assert.deepEqual(
    exposures.map(contractPath).map((p) => [p.host, p.path, p.pathType]),
    [
      ["mqtt/broker", ":1883", "Exact"],
      ["mqtt/broker", ":8883", "Exact"],
    ],
  );
});

test("a chart left at its default Service type makes a load balancer of its own, which the reader shows", () => {
  const { exposures } = extractTopology([
    file(
      "apps/istio-gw.yaml",
      `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: gw, namespace: argocd}
spec:
  destination: {server: https://kubernetes.default.svc, namespace: istio-ingress}
  project: default
  sources:
    - {repoURL: https://istio-release.storage.googleapis.com/charts, chart: gateway, targetRevision: 1.30.3, helm: {releaseName: istio-gw}}
`,
    ),
    file(
      "gw.yaml",
      `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: istio-ingress}
spec: {selector: {istio: gw}, servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: app, namespace: app}
spec:
  hosts: [app.example.com]
  gateways: [istio-ingress/gw]
  http: [{match: [{uri: {prefix: /}}], route: [{destination: {host: app.app.svc.cluster.local, port: {number: 80}}}]}]
`,
    ),
  ]);
  assert.deepEqual(
    exposures.map((p) => [
      exposureLabel(p),
      p.loadBalancer.name,
      p.loadBalancer.type,
      p.loadBalancer.scheme,
      p.gateway.type,
      `${p.backend.namespace}/${p.backend.service}`,
    ]),
    [["app.example.com /", "istio-ingress/istio-gw", "nlb", "internal", "istio", "app/app"]],
  );
});

test("what does not connect is a finding, not a guess", () => {
  const { exposures, findings } = extractTopology([
    file(
      "route.yaml",
      `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: orphan, namespace: a}
spec: {parentRefs: [{name: missing, namespace: infra}], rules: [{backendRefs: [{name: s, port: 80}]}]}
`,
    ),
    file(
      "vs.yaml",
      `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: lost, namespace: b}
spec: {hosts: [b.example.com], gateways: [mesh, istio-ingress/nowhere], http: [{route: [{destination: {host: b}}]}]}
`,
    ),
    file("broken.yaml", "a: [1, 2\n"),
  ]);
  assert.deepEqual(exposures, []);
  assert.deepEqual(
    findings.map((f) => `${f.severity} ${f.path}: ${f.message}`),
    [
      "warning broken.yaml: not valid YAML (line 2, column 1), so not read: unexpected end of the stream within a flow collection",
      "warning route.yaml:4:20: HTTPRoute a/orphan attaches to no Gateway in these manifests; it serves nothing",
      "warning vs.yaml:1:1: VirtualService b/lost names gateway 'istio-ingress/nowhere', which is not in these manifests",
    ],
  );
});

test("a hand-written ALB and a generated one in one IngressGroup are one ALB, and a scheme conflict is an error", () => {
  const ingress = (name: string, scheme: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ${name}, namespace: web, annotations: {alb.ingress.kubernetes.io/group.name: shared, alb.ingress.kubernetes.io/scheme: ${scheme}, ingress-gitops.io/load-balancer: public}}
spec: {ingressClassName: alb, rules: [{host: ${name}.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: ${name}, port: {number: 80}}}}]}}]}
`;
  const { exposures, findings } = extractTopology([
    file("a.yaml", ingress("a", "internal")),
    file("b.yaml", ingress("b", "internet-facing")),
  ]);
  assert.deepEqual([...new Set(exposures.map((p) => p.loadBalancer.name))], ["shared"]);
  assert.deepEqual(
    findings.map((f) => f.severity),
    ["error"],
  );
  assert.match(
    findings[0]?.message ?? "",
    /ALB 'shared': its Ingresses disagree on scheme \(internal in a\.yaml; internet-facing in b\.yaml\)/,
  );
});

test("a file of aliases is refused, not expanded", () => {
  const bomb = [
    "a0: &a0 [x, x, x, x, x, x, x, x, x]",
    ...Array.from({ length: 12 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(", ")}]`),
  ].join("\n");
  const { findings } = extractTopology([file("bomb.yaml", bomb)]);
  assert.deepEqual(
    findings.map((f) => f.message),
    ["more than 100 YAML aliases, so not read (refused as a resource-exhaustion guard)"],
  );
});
