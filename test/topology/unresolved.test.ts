// The decisions the reader takes from upstream behaviour, one at a time, and what it reports
// instead of guessing where the files cannot settle a link.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { extractTopology } from "../../src/topology/extract.ts";
import { exposureLabel, type TopologyReading } from "../../src/topology/types.ts";

const read = (content: string): TopologyReading => extractTopology([{ file: "x.yaml", content }]);
const messages = (r: TopologyReading) => r.findings.map((f) => f.message);
const service = (name: string, annotations: string, spec = "type: LoadBalancer") => `---
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ns, annotations: {${annotations}}}
spec: {${spec}, ports: [{port: 80}]}
`;

test("NLB schemes as each controller decides them", () => {
  // kubernetes/cloud-provider-aws pkg/providers/v1/aws.go: internal unless the annotation is
  // absent or "false". ALBC pkg/service/model_build_load_balancer.go: scheme annotation, else
  // the deprecated internal annotation (Go ParseBool), else internal.
  const r = read(
    service("tree-default", '"service.beta.kubernetes.io/aws-load-balancer-type": nlb') +
      service(
        "tree-false",
        '"service.beta.kubernetes.io/aws-load-balancer-type": nlb, "service.beta.kubernetes.io/aws-load-balancer-internal": "false"',
      ) +
      service(
        "tree-cidr",
        '"service.beta.kubernetes.io/aws-load-balancer-type": nlb, "service.beta.kubernetes.io/aws-load-balancer-internal": 0.0.0.0/0',
      ) +
      service("albc-default", "", "type: LoadBalancer, loadBalancerClass: service.k8s.aws/nlb") +
      service(
        "albc-legacy",
        '"service.beta.kubernetes.io/aws-load-balancer-internal": "false"',
        "type: LoadBalancer, loadBalancerClass: service.k8s.aws/nlb",
      ) +
      service(
        "albc-scheme",
        '"service.beta.kubernetes.io/aws-load-balancer-scheme": internet-facing, "service.beta.kubernetes.io/aws-load-balancer-internal": "true"',
        "type: LoadBalancer, loadBalancerClass: service.k8s.aws/nlb",
      ),
  );
  assert.deepEqual(
    r.exposures.map((e) => `${e.loadBalancer.name} ${e.loadBalancer.scheme}`),
    [
      "ns/albc-default internal",
      "ns/albc-legacy internet-facing",
      "ns/albc-scheme internet-facing",
      "ns/tree-cidr internal",
      "ns/tree-default internet-facing",
      "ns/tree-false internet-facing",
    ],
  );
});

test("a LoadBalancer Service no AWS controller is known to serve is unresolved, not an NLB", () => {
  // ALBC takes `external` only with nlb-target-type ip|instance (pkg/service/service_utils.go).
  const r = read(
    service("bare", "") +
      service("external", '"service.beta.kubernetes.io/aws-load-balancer-type": external') +
      service("other", "", "type: LoadBalancer, loadBalancerClass: example.com/lb"),
  );
  assert.deepEqual(r.exposures, []);
  assert.equal(r.findings.length, 3);
  assert.ok(messages(r).every((m) => m.startsWith("unresolved: Service ns/")));
  assert.match(messages(r).join("\n"), /Classic Load Balancer/);
});

test("a named backend port whose Service is not in the files is unresolved, never port 0", () => {
  const r = read(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  ingressClassName: alb
  rules: [{host: a.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}]}}]
`);
  assert.deepEqual(r.exposures, []);
  assert.deepEqual(messages(r), [
    "unresolved: Ingress shop/web a.example.com /: port 'http' of Service shop/web, which is not in these files; not read as a path",
  ]);
});

test("an invalid group.order makes the controller refuse the group", () => {
  const r = read(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop, annotations: {alb.ingress.kubernetes.io/group.name: g, alb.ingress.kubernetes.io/group.order: "2000"}}
spec: {ingressClassName: alb, rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]}
`);
  assert.deepEqual(r.exposures, []);
  assert.match(messages(r)[0] ?? "", /group\.order '2000' is not an integer in \[-1000, 1000\]/);
});

const GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: infra}
spec:
  gatewayClassName: cilium
  infrastructure: {annotations: {service.beta.kubernetes.io/aws-load-balancer-type: external, service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip}}
  listeners: [{name: http, protocol: HTTP, port: 80, allowedRoutes: {namespaces: {from: Selector, selector: {matchLabels: {SELECTOR}}}}}]
`;
const route = (ns: string) => `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: ${ns}}
spec: {parentRefs: [{name: gw, namespace: infra}], hostnames: [${ns}.example.com], rules: [{backendRefs: [{name: s, port: 80}]}]}
`;

test("a namespace Selector on kubernetes.io/metadata.name needs no Namespace object; any other label does", () => {
  // Every Namespace carries kubernetes.io/metadata.name (https://kubernetes.io/docs/reference/labels-annotations-taints/#kubernetes-io-metadata-name).
  const byName = read(GATEWAY.replace("SELECTOR", "kubernetes.io/metadata.name: team") + route("team") + route("other"));
  assert.deepEqual(byName.exposures.map(exposureLabel), ["team.example.com /"]);
  assert.match(
    messages(byName).join("\n"),
    /HTTPRoute other\/r: .*admits namespaces labelled kubernetes\.io\/metadata\.name=team, and other is not/,
  );
  const byLabel = read(GATEWAY.replace("SELECTOR", "shared: 'yes'") + route("team"));
  assert.deepEqual(byLabel.exposures, []);
  assert.match(messages(byLabel)[0] ?? "", /unresolved: admits namespaces by label, and the Namespace team is not in these files/);
});

/** An ALB in front of an Istio gateway edge/g whose one server takes `hosts`, ending in a separator. */
const edgeGateway = (hosts: string) => `apiVersion: v1
kind: Service
metadata: {name: gw, namespace: edge}
spec: {type: ClusterIP, selector: {istio: edge}, ports: [{name: http, port: 80}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: alb, namespace: edge}
spec: {ingressClassName: alb, rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: gw, port: {name: http}}}}]}}]}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: g, namespace: edge}
spec: {selector: {istio: edge}, servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ${hosts}}]}
---`;

test("Istio: a destination without a port takes the Service's only port; a VirtualService without gateways is the mesh's", () => {
  // istio/api networking/v1alpha3/virtual_service.proto: Destination.port may be left out when
  // the Service has one port; `gateways` omitted means `mesh`.
  const r = read(`${edgeGateway('["*"]')}
apiVersion: v1
kind: Service
metadata: {name: app, namespace: apps}
spec: {ports: [{port: 9000}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: app, namespace: apps}
spec: {hosts: [app.example.com], gateways: [edge/g], http: [{route: [{destination: {host: app}}]}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: inside, namespace: apps}
spec: {hosts: [app], http: [{route: [{destination: {host: app}}]}]}
`);
  assert.deepEqual(
    r.exposures.map((e) => `${exposureLabel(e)} ${e.backend.namespace}/${e.backend.service}:${e.backend.port}`),
    ["app.example.com / apps/app:9000"],
  );
  assert.deepEqual(messages(r), ["not exposed: VirtualService apps/inside is bound to the mesh only (sidecars), not to a Gateway"]);
});

test("a Kong Ingress whose class no Kong controller here serves is unresolved, not attached to some proxy", () => {
  const r = read(`apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: kong-edge}
spec: {controller: ingress-controllers.konghq.com/kong}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: api, namespace: api}
spec: {ingressClassName: kong-edge, rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}]}}]}
`);
  assert.deepEqual(r.exposures, []);
  assert.deepEqual(messages(r), [
    "unresolved: Ingress api/api is for Kong (class 'kong-edge'), but no Kong controller in these files serves that class, so its proxy is unknown; not read as a path",
  ]);
});

test("an IngressClass's IngressClassParams decide the group and scheme of its Ingresses; missing ones are unresolved", () => {
  // https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/ingress_class/#ingressclassparams-specification
  const ingress = `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop, annotations: {alb.ingress.kubernetes.io/scheme: internal}}
spec: {ingressClassName: alb-public, rules: [{host: a.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]}
`;
  const cls = `apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: alb-public}
spec: {controller: ingress.k8s.aws/alb, parameters: {apiGroup: elbv2.k8s.aws, kind: IngressClassParams, name: public}}
`;
  const params = `---
apiVersion: elbv2.k8s.aws/v1beta1
kind: IngressClassParams
metadata: {name: public}
spec: {scheme: internet-facing, group: {name: edge}}
`;
  const withParams = read(cls + params + ingress);
  assert.deepEqual(
    withParams.exposures.map((e) => `${e.loadBalancer.name} ${e.loadBalancer.scheme}`),
    ["edge internet-facing"],
  );
  const without = read(cls + ingress);
  assert.deepEqual(
    without.exposures.map((e) => `${e.loadBalancer.name} ${e.loadBalancer.scheme}`),
    ["shop/web internal"],
  );
  assert.match(
    messages(without)[0] ?? "",
    /^unresolved: IngressClass alb-public takes its ALB's group and scheme from IngressClassParams public/,
  );
});

test("an Istio Gateway whose pods no Service in the files selects is unresolved, and so is the ALB's named port to it", () => {
  // alb-istio without its helm-rendered gateway: the chain stops where the files stop, and says so.
  const dir = "test/fixtures/hand-written/alb-istio";
  const r = extractTopology(
    ["alb.yaml", "gateway.yaml", "virtualservices.yaml"].map((f) => ({ file: f, content: readFileSync(join(dir, f), "utf8") })),
  );
  assert.deepEqual(r.exposures, []);
  assert.deepEqual(messages(r), [
    "unresolved: Ingress istio-ingress/istio-alb * /: port 'http2' of Service istio-ingress/istio-ingressgateway, which is not in these files; not read as a path",
    "unresolved: Istio Gateway istio-ingress/sample-gateway selects pods labelled istio=ingressgateway, and no Service or gateway chart in these files has those pods, so nothing here reaches its VirtualServices",
    "not exposed: VirtualService service-a/service-a-retries is bound to the mesh only (sidecars), not to a Gateway",
  ]);
});

test("Istio: a server host `namespace/host` takes that namespace's VirtualServices only; `./` is the Gateway's", () => {
  // istio/api networking/v1alpha3/gateway.proto, Server.hosts: "A host is specified as a dnsName
  // with an optional namespace/ prefix ... If no namespace/ is specified, the VirtualService
  // hosts will be selected from any available namespace."
  const r = read(`${edgeGateway('["team-a/*.example.com", "./status.example.com"]')}
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: a, namespace: team-a}
spec: {hosts: [a.example.com], gateways: [edge/g], http: [{route: [{destination: {host: a, port: {number: 80}}}]}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: b, namespace: team-b}
spec: {hosts: [b.example.com], gateways: [edge/g], http: [{route: [{destination: {host: b, port: {number: 80}}}]}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: status, namespace: edge}
spec: {hosts: [status.example.com], gateways: [g], http: [{route: [{destination: {host: status, port: {number: 80}}}]}]}
`);
  assert.deepEqual(r.exposures.map(exposureLabel), ["a.example.com /", "status.example.com /"]);
  assert.deepEqual(messages(r), [
    "not exposed: VirtualService team-b/b: Gateway edge/g serves its hosts (b.example.com) to VirtualServices of team-a only, not of team-b",
  ]);
});

test("routes on a Gateway of a class no reader follows are unresolved, not read through some guessed Service", () => {
  // What a GatewayClass's controller makes of a Gateway is that controller's (the class's
  // spec.controllerName, https://gateway-api.sigs.k8s.io/api-types/gatewayclass/): Cilium's, a
  // Service cilium-gateway-<name>, and Istio's only when manually deployed (istio/istio 1.30.3
  // pilot/pkg/config/kube/gatewaycommon/gateway_utils.go IsManaged: one Hostname address); an istio
  // Gateway without addresses gets a Service of Istio's own making, which no file here holds.
  const r = read(`apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: infra}
spec:
  gatewayClassName: istio
  listeners: [{name: http, protocol: HTTP, port: 80, allowedRoutes: {namespaces: {from: All}}}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: app}
spec: {parentRefs: [{name: gw, namespace: infra}], hostnames: [web.example.com], rules: [{backendRefs: [{name: web, port: 80}]}]}
`);
  assert.deepEqual(r.exposures, []);
  assert.deepEqual(
    r.findings.map((f) => `${f.path}: ${f.message}`),
    [
      "x.yaml:5:21: unresolved: Gateway infra/gw of class istio has no single Hostname address naming a Service, so Istio deploys it itself, with a Service (of type LoadBalancer unless told otherwise) and a load balancer that these files do not show; its routes are not read as paths",
    ],
  );
});

test("Istio: a VirtualService's tls and tcp routes on a Gateway are said, not dropped in silence", () => {
  // istio/api networking/v1alpha3/virtual_service.proto: `tls` routes by SNI and `tcp` by port,
  // beside `http`; neither is an HTTP path.
  const r = read(`${edgeGateway('["*"]')}
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: db, namespace: data}
spec:
  hosts: ["*"]
  gateways: [edge/g]
  tcp: [{match: [{port: 5432}], route: [{destination: {host: pg, port: {number: 5432}}}]}]
`);
  assert.deepEqual(r.exposures, []);
  assert.deepEqual(messages(r), ["unresolved: VirtualService data/db on Gateway edge/g: its tcp routes are not read as paths"]);
});
