// ALBC's own Gateways read back from manifests: the Gateway is the ALB, its routes the paths,
// and Gateway API's role separation (allowedRoutes, ReferenceGrant) decides which routes count.
import assert from "node:assert/strict";
import { test } from "node:test";
import { extractTopology } from "../../src/topology/extract.ts";
import { exposureLabel } from "../../src/topology/types.ts";

const file = (name: string, content: string) => ({ file: name, content });

const gateway = (namespaces: string) =>
  file(
    "gateway.yaml",
    `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: alb}
spec: {controllerName: gateway.k8s.aws/alb}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: web, namespace: gateways}
spec:
  gatewayClassName: alb
  infrastructure: {parametersRef: {group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: public}}
  listeners: [{name: https, protocol: HTTPS, port: 443, allowedRoutes: {namespaces: ${namespaces}}}]
---
apiVersion: gateway.k8s.aws/v1
kind: LoadBalancerConfiguration
metadata: {name: public, namespace: gateways}
spec: {scheme: internet-facing}
`,
  );

const route = (namespace: string, backendNamespace?: string) =>
  file(
    `route-${namespace}.yaml`,
    `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: app, namespace: ${namespace}}
spec:
  parentRefs: [{name: web, namespace: gateways}]
  hostnames: [${namespace}.example.com]
  rules: [{backendRefs: [{name: app, port: 80${backendNamespace === undefined ? "" : `, namespace: ${backendNamespace}`}}]}]
`,
  );

// kubernetes-sigs/aws-load-balancer-controller docs/guide/gateway/l7gateway.md: a Gateway of a
// class whose controllerName is gateway.k8s.aws/alb is provisioned as an ALB, configured by the
// LoadBalancerConfiguration of infrastructure.parametersRef (scheme default internal,
// docs/guide/gateway/loadbalancerconfig.md).
test("an ALBC Gateway is its ALB, named and scoped by its LoadBalancerConfiguration", () => {
  const { exposures } = extractTopology([gateway("{from: All}"), route("shop")]);
  assert.deepEqual(
    exposures.map((e) => [exposureLabel(e), e.loadBalancer, e.gateway, e.tls]),
    [
      [
        "shop.example.com /",
        { name: "public", type: "alb", scheme: "internet-facing", external: false },
        { name: "web", type: "aws" },
        true,
      ],
    ],
  );
});

// gateway-api apis/v1/gateway_types.go: RouteNamespaces.From defaults to Same; a Selector admits
// the namespaces whose labels match (kubernetes.io/metadata.name is every namespace's name).
test("a route from a namespace no listener admits serves nothing, and says so", () => {
  const selector = "{from: Selector, selector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [shop]}]}}";
  const { exposures, findings } = extractTopology([gateway(selector), route("shop"), route("blog")]);
  assert.deepEqual(
    exposures.map((e) => exposureLabel(e)),
    ["shop.example.com /"],
  );
  assert.ok(findings.some((f) => f.message.includes("HTTPRoute blog/app: the Gateway gateways/web does not admit it")));
  const same = extractTopology([gateway("{from: Same}"), route("shop")]);
  assert.deepEqual(same.exposures, []);
});

// gateway-api site/content/en/api-types/referencegrant.md: a backendRef to another namespace
// resolves only when a ReferenceGrant there allows the route's kind and namespace.
test("a backend in another namespace is reached only through a ReferenceGrant", () => {
  const denied = extractTopology([gateway("{from: All}"), route("shop", "shared")]);
  assert.deepEqual(denied.exposures, []);
  assert.ok(denied.findings.some((f) => f.message.includes("no ReferenceGrant in shared lets HTTPRoutes of shop refer to it")));
  const grant = file(
    "grant.yaml",
    `apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: shop, namespace: shared}
spec:
  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop}]
  to: [{group: "", kind: Service, name: app}]
`,
  );
  const allowed = extractTopology([gateway("{from: All}"), route("shop", "shared"), grant]);
  assert.deepEqual(
    allowed.exposures.map((e) => `${e.backend.namespace}/${e.backend.service}`),
    ["shared/app"],
  );
});

const nlbGateway = file(
  "nlb.yaml",
  `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: nlb}
spec: {controllerName: gateway.k8s.aws/nlb}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: data, namespace: gateways}
spec:
  gatewayClassName: nlb
  infrastructure: {parametersRef: {group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: data-nlb}}
  listeners:
    - {name: pg, protocol: TCP, port: 5432, allowedRoutes: {namespaces: {from: All}}}
    - {name: dns-tcp, protocol: TCP, port: 53, allowedRoutes: {namespaces: {from: All}}}
    - {name: dns-udp, protocol: UDP, port: 53, allowedRoutes: {namespaces: {from: All}}}
---
apiVersion: gateway.k8s.aws/v1
kind: LoadBalancerConfiguration
metadata: {name: data-nlb, namespace: gateways}
spec: {scheme: internal}
---
apiVersion: gateway.networking.k8s.io/v1
kind: TCPRoute
metadata: {name: pg, namespace: db}
spec:
  parentRefs: [{name: data, namespace: gateways, sectionName: pg}]
  rules: [{backendRefs: [{name: postgres, port: 5432}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: TCPRoute
metadata: {name: dns-tcp, namespace: dns}
spec:
  parentRefs: [{name: data, namespace: gateways, sectionName: dns-tcp}]
  rules: [{backendRefs: [{name: coredns, port: 53}]}]
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: UDPRoute
metadata: {name: dns-udp, namespace: dns}
spec:
  parentRefs: [{name: data, namespace: gateways, sectionName: dns-udp}]
  rules: [{backendRefs: [{name: coredns, port: 53}]}]
`,
);

// ALBC docs/guide/gateway/l4gateway.md: a Gateway of a class with controllerName
// gateway.k8s.aws/nlb is an NLB, each TCPRoute or UDPRoute the forward action of its listener's
// port ("Combined Protocols": a TCP and a UDP listener on one port are one TCP_UDP listener). A
// port exposure is written as an NLB Service's is: the load balancer's name and :<port>.
test("an ALBC NLB Gateway's TCPRoutes and UDPRoutes are its ports, one per port and backend", () => {
  const { exposures, findings } = extractTopology([nlbGateway]);
  assert.deepEqual(
    exposures.map((e) => [
      exposureLabel(e),
      e.kind,
      e.loadBalancer,
      e.gateway,
      `${e.backend.namespace}/${e.backend.service}:${e.backend.port}`,
    ]),
    [
      [
        "data-nlb:53",
        "port",
        { name: "data-nlb", type: "nlb", scheme: "internal", external: false },
        { name: "data", type: "aws" },
        "dns/coredns:53",
      ],
      [
        "data-nlb:5432",
        "port",
        { name: "data-nlb", type: "nlb", scheme: "internal", external: false },
        { name: "data", type: "aws" },
        "db/postgres:5432",
      ],
    ],
  );
  assert.deepEqual(findings, []);
});

const selectorGateway = gateway("{from: Selector, selector: {matchLabels: {team: shop}}}");
const hinted = (labels: string) =>
  file(
    "route-hinted.yaml",
    `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: app, namespace: shop, annotations: {ingress-gitops.io/namespace-labels: "${labels}"}}
spec:
  parentRefs: [{name: web, namespace: gateways}]
  hostnames: [shop.example.com]
  rules: [{backendRefs: [{name: app, port: 80}]}]
`,
  );

// gateway-api apis/v1/gateway_types.go RouteNamespaces.Selector: the route's Namespace must carry
// the labels. ingress-gitops renders no Namespace, so a rendered route says which labels its spec
// counts on; read alone, its files admit it and say what the cluster must hold. Namespaces in the
// files win over what a route says.
test("a rendered route admitted by namespace labels reads as exposed, saying what the cluster must label", () => {
  const { exposures, findings } = extractTopology([selectorGateway, hinted("team=shop")]);
  assert.deepEqual(
    exposures.map((e) => exposureLabel(e)),
    ["shop.example.com /"],
  );
  assert.deepEqual(
    findings.map((f) => [f.severity, f.message]),
    [
      [
        "info",
        "HTTPRoute shop/app is admitted by the Gateway gateways/web because its spec says Namespace shop is labelled team=shop; these files do not hold that Namespace, so the cluster must (kubectl label namespace shop team=shop), or the route is not accepted",
      ],
    ],
  );
  assert.deepEqual(
    extractTopology([selectorGateway, route("shop")]).exposures,
    [],
    "a hand-written route without the hint stays unresolved",
  );
  const labelled = file("ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {team: blog}}\n");
  assert.deepEqual(extractTopology([selectorGateway, hinted("team=shop"), labelled]).exposures, [], "a Namespace in the files decides");
});
