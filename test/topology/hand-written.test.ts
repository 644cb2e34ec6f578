// What each hand-written topology (test/fixtures/hand-written/<topology>/) exposes, what its
// controllers would refuse and why: exact, so a reader change that moves a path shows here.
// Each test states the upstream behaviour it relies on and where that is written.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { loadAll } from "js-yaml";
import { extractTopology } from "../../src/topology/extract.ts";
import { backendLabel, exposureLabel, isExact, type TopologyReading } from "../../src/topology/types.ts";

const ROOT = "test/fixtures/hand-written";

function read(topology: string): TopologyReading {
  const dir = join(ROOT, topology);
  const files = (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => ({ file: relative(dir, join(dir, f)), content: readFileSync(join(dir, f), "utf8") }));
  return extractTopology(files);
}

/** One line per path: host and path, load balancer, gateway, backend, TLS. */
function paths(reading: TopologyReading): string[] {
  return reading.exposures.map((p) => {
    const lb = `${p.loadBalancer.type} ${p.loadBalancer.name} ${p.loadBalancer.scheme}${p.loadBalancer.external ? " external" : ""}`;
    return `${exposureLabel(p)}${isExact(p) ? " exact" : ""} | ${lb} | ${p.gateway.type} ${p.gateway.name} | ${backendLabel(p)}${p.tls ? " | tls" : ""}`;
  });
}

const findings = (reading: TopologyReading) => reading.findings.map((f) => `${f.severity} ${f.path}: ${f.message}`);

test("alb-ingress: an IngressGroup is evaluated by group.order, so a rule after a catch-all is shadowed and reported", () => {
  // ALBC sorts a group's Ingresses by ascending group.order, ties by namespace/name
  // (kubernetes-sigs/aws-load-balancer-controller pkg/ingress/group_loader.go, sortGroupMembers),
  // and within an Ingress puts exact paths first, then prefixes longest first (PR #2409).
  // A Prefix `/` becomes the ALB pattern `/*`, which takes every later rule of its host.
  // The legacy `kubernetes.io/ingress.class: alb` annotation selects the controller as
  // spec.ingressClassName does; without a scheme annotation the ALB is internal
  // (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#scheme).
  // A named backend port (`port.name: http`) is the Service's port of that name, not its targetPort.
  const reading = read("alb-ingress");
  assert.deepEqual(paths(reading), [
    "reports.internal.example.com / | alb backoffice/reports internal | alb backoffice/reports | backoffice/reports:80",
    "shop.example.com / | alb shop internet-facing | alb shop | shop/storefront:80 | tls",
    "shop.example.com /api | alb shop internet-facing | alb shop | shop/api-v2:8080 | tls",
    "shop.example.com /api/v1/orders exact | alb shop internet-facing | alb shop | shop/api-v1:8080 | tls",
  ]);
  assert.deepEqual(findings(reading), [
    "warning shop.yaml:93:1: not exposed: shop.example.com /docs (Ingress shop/docs) is shadowed on ALB 'shop' by shop.example.com / (Ingress shop/storefront), which the ALB evaluates first (group.order 10, then 20)",
  ]);
});

test("nlb-service: the in-tree provider and the AWS Load Balancer Controller each decide the scheme their own way", () => {
  // In-tree (kubernetes/cloud-provider-aws pkg/providers/v1/aws.go, EnsureLoadBalancer): an NLB
  // for `aws-load-balancer-type: nlb`, internal for any `aws-load-balancer-internal` but "false".
  // ALBC (pkg/service/service_utils.go, IsServiceSupported) takes `loadBalancerClass:
  // service.k8s.aws/nlb`, or `external` with `nlb-target-type: ip|instance`; its scheme is
  // `aws-load-balancer-scheme`, else the deprecated `aws-load-balancer-internal`, else internal
  // (pkg/service/model_build_load_balancer.go). A Service's port, not its named targetPort, is the path.
  const reading = read("nlb-service");
  assert.deepEqual(paths(reading), [
    "data/pgbouncer:5432 | nlb data/pgbouncer internal | none none | data/pgbouncer:5432",
    "iot/mosquitto:1883 | nlb iot/mosquitto internet-facing | none none | iot/mosquitto:1883",
    "iot/mosquitto:8883 | nlb iot/mosquitto internet-facing | none none | iot/mosquitto:8883 | tls",
    "payments/ledger-grpc:443 | nlb payments/ledger-grpc internal | none none | payments/ledger-grpc:443",
  ]);
  assert.deepEqual(findings(reading), []);
});

test("cilium-gateway: allowedRoutes and ReferenceGrants decide what the Gateway admits; the rest is not exposed, with the reason", () => {
  // kubernetes-sigs/gateway-api apis/v1/gateway_types.go AllowedRoutes: namespaces `from` is Same
  // unless set, Selector matches the route's Namespace labels; kinds default by the listener's
  // protocol (an HTTPS listener takes no TLSRoute). A backend in another namespace needs a
  // ReferenceGrant there (apis/v1beta1/referencegrant_types.go), else that rule serves nothing.
  // Each route is served on the listener that admits it, with that listener's TLS. A TCPRoute
  // forwards its TCP listener's port as it is: a port of the Gateway's NLB, no host, no path
  // (https://gateway-api.sigs.k8s.io/guides/tcp/); a UDPRoute no UDP listener admits serves nothing.
  const reading = read("cilium-gateway");
  assert.deepEqual(paths(reading), [
    "infra-ns/shared-gateway:5432 | nlb infra-ns/shared-gateway internet-facing | cilium shared-gateway | data-ns/pgbouncer:6432",
    "status.example.com /healthz exact | nlb infra-ns/shared-gateway internet-facing | cilium shared-gateway | infra-ns/statuspage:80",
    "store.example.com / | nlb infra-ns/shared-gateway internet-facing | cilium shared-gateway | store-ns/store:8080 | tls",
    "store.example.com /search | nlb infra-ns/shared-gateway internet-facing | cilium shared-gateway | search-ns/search:8080 | tls",
  ]);
  assert.deepEqual(findings(reading), [
    "warning routes.yaml:46:5: not exposed: HTTPRoute sandbox/experiments: the Gateway infra-ns/shared-gateway does not admit it: listener 'https' admits namespaces labelled shared-gateway-access=true, and sandbox is not; listener 'http' admits routes from its own namespace (infra-ns) only; listener 'postgres' (TCP) admits TCPRoute, not HTTPRoute",
    "warning routes.yaml:31:11: not exposed: HTTPRoute store-ns/store: the rule for /recommendations sends to Service ml-ns/recommender, and no ReferenceGrant in ml-ns lets HTTPRoutes of store-ns refer to it",
    "warning routes.yaml:83:5: not exposed: TLSRoute store-ns/vault: the Gateway infra-ns/shared-gateway does not admit it: listener 'https' (HTTPS) admits HTTPRoute, GRPCRoute, not TLSRoute",
    "warning tcp.yaml:27:5: not exposed: UDPRoute data-ns/dns: the Gateway infra-ns/shared-gateway does not admit it: listener 'https' (HTTPS) admits HTTPRoute, GRPCRoute, not UDPRoute; listener 'http' (HTTP) admits HTTPRoute, GRPCRoute, not UDPRoute; listener 'postgres' (TCP) admits TCPRoute, not UDPRoute",
  ]);
});

test("cilium-gateway-binding: a TargetGroupBinding puts Cilium's gateway Service behind a load balancer made elsewhere", () => {
  // Cilium names a Gateway's Service `cilium-gateway-<name>` (cilium/cilium
  // operator/pkg/model/translation/gateway-api/translator.go); a TargetGroupBinding's
  // serviceRef registers it in the target group named by the ARN
  // (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/targetgroupbinding/targetgroupbinding/).
  // A GRPCRoute method match is the HTTP/2 path `/<service>/<method>` (https://gateway-api.sigs.k8s.io/api-types/grpcroute/).
  const reading = read("cilium-gateway-binding");
  assert.deepEqual(paths(reading), [
    "billing.example.com / | nlb edge-web internal external | cilium edge | billing/billing:80",
    "ledger.example.com /ledger.v1.Ledger/ | nlb edge-web internal external | cilium edge | billing/ledger:9090",
  ]);
  assert.deepEqual(findings(reading), []);
});

test("alb-istio: the ALB reaches the VirtualServices through the gateway's pods and the Gateway that selects them", () => {
  // Service selector → the Deployment's pod labels → the Istio Gateway whose selector they match
  // (istio/api networking/v1alpha3/gateway.proto, `selector`) → the VirtualServices naming it as
  // `<namespace>/<name>` or, bare, in their own namespace; `mesh` alone is the sidecars
  // (virtual_service.proto, `gateways`). The ALB's named port `http2` is the Service's port 80.
  const reading = read("alb-istio");
  assert.deepEqual(paths(reading), [
    "api.example.com /api/v1/service-A | alb istio-ingress/istio-alb internet-facing | istio sample-gateway | service-a/service-a:8080 | tls",
    "api.example.com /api/v1/service-B/status exact | alb istio-ingress/istio-alb internet-facing | istio sample-gateway | service-b/service-b:80 | tls",
  ]);
  assert.deepEqual(findings(reading), [
    "info virtualservices.yaml:45:1: not exposed: VirtualService service-a/service-a-retries is bound to the mesh only (sidecars), not to a Gateway",
  ]);
});

test("alb-kong: each Kong Ingress is behind the proxy of the controller that serves its class, and no other", () => {
  // Kong's controller serves the IngressClass of `--ingress-class` (CONTROLLER_INGRESS_CLASS)
  // and publishes the proxy of `--publish-service` (CONTROLLER_PUBLISH_SERVICE)
  // (https://docs.konghq.com/kubernetes-ingress-controller/latest/reference/cli-arguments/); an
  // IngressClass is Kong's by `controller: ingress-controllers.konghq.com/kong`. An ALB
  // Ingress's defaultBackend is what the ALB sends every request no rule takes.
  const reading = read("alb-kong");
  assert.deepEqual(paths(reading), [
    "admin.internal.example.com / | alb kong-internal/kong-internal-alb internal | kong kong-internal | backoffice/admin-tools:3000",
    "orders.example.com /v1 | alb kong/kong-alb internet-facing | kong kong | orders/orders:8080 | tls",
  ]);
  assert.deepEqual(findings(reading), []);
});

test("alb-istio-gateway-api: the ALB reaches the HTTPRoutes through the Service a Gateway of class istio names", () => {
  // One Hostname address naming a Service is Istio's manual deployment: istiod programs the pods
  // of that Service (istio/istio pilot/pkg/config/kube/gatewaycommon/gateway_utils.go IsManaged,
  // conversion.go extractGatewayServices); the HTTPRoutes attached to it are the routes behind it.
  const reading = read("alb-istio-gateway-api");
  assert.deepEqual(paths(reading), [
    "api.example.com /a | alb istio-ingress/istio-alb internet-facing | istio sample-gateway | service-a/service-a:8080 | tls",
    "api.example.com /b/ledger exact | alb istio-ingress/istio-alb internet-facing | istio sample-gateway | finance/ledger:80 | tls",
  ]);
  assert.deepEqual(findings(reading), []);
});

test("alb-kong-gateway-api: the ALB reaches the HTTPRoutes of Kong's Gateway through the proxy its controller publishes", () => {
  // A GatewayClass naming konghq.com/kic-gateway-controller, annotated unmanaged, is served by the
  // Kong controller with the proxy of its --publish-service (Kong docs, kubernetes-ingress-controller
  // concepts/gateway-api); the Gateway admits the two namespaces, the catalog is granted.
  const reading = read("alb-kong-gateway-api");
  assert.deepEqual(paths(reading), [
    "orders.example.com /v1 | alb kong/kong-alb internet-facing | kong kong | orders/orders:8080 | tls",
    "shop.example.com /catalog | alb kong/kong-alb internet-facing | kong kong | catalog/catalog:80 | tls",
  ]);
  assert.deepEqual(findings(reading), []);
});

test("kubectl-list: a `kubectl get -o yaml` dump is read as its items, whatever the server added to them", () => {
  // kubectl prints several objects as `apiVersion: v1, kind: List, items: [...]`
  // (https://kubernetes.io/docs/reference/kubectl/generated/kubectl_get/); status,
  // managedFields and resourceVersion change nothing.
  const reading = read("kubectl-list");
  assert.deepEqual(paths(reading), [
    "api.example.com /api/v1/service-A | alb istio-system/gateway-alb internet-facing | istio sample-gateway | service-a/service-a:8080 | tls",
    "api.example.com /debug | alb istio-system/gateway-alb internet-facing | istio sample-gateway | service-a/service-a:8080 | tls",
  ]);
  assert.deepEqual(findings(reading), []);
});

test("kubectl-list as `kubectl get -o json` prints it reads the same: JSON is YAML", () => {
  const yaml = read("kubectl-list");
  const json = extractTopology([
    { file: "cluster.json", content: JSON.stringify(loadAll(readFileSync(join(ROOT, "kubectl-list", "cluster.yaml"), "utf8"))[0]) },
  ]);
  assert.deepEqual(paths(json), paths(yaml));
});

test("aws-gateway-alb and aws-gateway-nlb: ALBC's Gateway is the load balancer its LoadBalancerConfiguration names", () => {
  // A Gateway whose GatewayClass names controller gateway.k8s.aws/alb or gateway.k8s.aws/nlb is
  // made into that load balancer by ALBC, configured by the LoadBalancerConfiguration its
  // infrastructure.parametersRef names in its namespace (kubernetes-sigs/aws-load-balancer-controller
  // docs/guide/gateway/customization.md, loadbalancerconfig.md: scheme, default internal).
  // A GRPCRoute on the ALB is its method's HTTP/2 path; each NLB listener port is a way in,
  // a TLSRoute's SNI host on it (https://gateway-api.sigs.k8s.io/api-types/grpcroute/).
  assert.deepEqual(paths(read("aws-gateway-alb")), [
    "grpc.example.com /shop.checkout.v1.Checkout/ | alb shop-alb internet-facing | aws shop-gateway | cart/checkout:50051 | tls",
    "shop.example.com / | alb shop-alb internet-facing | aws shop-gateway | storefront/storefront:80 | tls",
    "shop.example.com /api/cart | alb shop-alb internet-facing | aws shop-gateway | shared-services/cart:8080 | tls",
  ]);
  assert.deepEqual(paths(read("aws-gateway-nlb")), [
    "broker.example.com / | nlb data-nlb internal | aws data-gateway | mqtt/mosquitto:8883 | tls",
    "data-nlb:53 | nlb data-nlb internal | aws data-gateway | dns/coredns:53",
    "data-nlb:5432 | nlb data-nlb internal | aws data-gateway | db/postgres:5432",
  ]);
  assert.deepEqual([findings(read("aws-gateway-alb")), findings(read("aws-gateway-nlb"))], [[], []]);
});
