// An istio gateway with routeFormat gatewayAPI: a Gateway API Gateway that Istio programs on the
// gateway chart's pods (its manual deployment), HTTPRoutes, and the CRDs before istiod.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { renderedObjects } from "../support/render-spec.ts";
import { istioManualService } from "../../src/controllers/istio.ts";
import { validateSpecBytes } from "../../src/validate/validate.ts";

const SPEC = "examples/alb-istio-gateway-api.yaml";
const example = readFileSync(SPEC, "utf8");
const ROOT = "clusters/mesh-gwapi-eks/ingress";

const rendered = (text: string) => renderedObjects(SPEC, text, ROOT);

// istio/istio 1.30.3 pilot/pkg/config/kube/gatewaycommon/gateway_utils.go IsManaged: a Gateway
// with no address, or one IP address, is deployed by Istio (a Deployment and a Service of type
// LoadBalancer, which behind the ALB would be a second load balancer); exactly one Hostname
// address is a manual deployment, and conversion.go extractGatewayServices reads a short name as
// a Service in the Gateway's namespace.
test("the Gateway is of class istio with one Hostname address, the gateway chart's Service", () => {
  const files = rendered(example);
  const spec = files.get("manifests/routes-mesh/istio-ingress/gateway-mesh.yaml")?.["spec"] as Record<string, unknown>;
  assert.equal(spec["gatewayClassName"], "istio");
  assert.deepEqual(spec["addresses"], [{ type: "Hostname", value: "istio-mesh" }]);
  const values = files.get("values/istio-mesh.yaml") as { service: { type: string } };
  assert.equal(values.service.type, "ClusterIP");
  assert.deepEqual(istioManualService([{ type: "Hostname", value: "istio-mesh" }], "istio-ingress"), {
    namespace: "istio-ingress",
    name: "istio-mesh",
  });
  assert.deepEqual(istioManualService([{ type: "Hostname", value: "istio-mesh.other.svc.cluster.local" }], "istio-ingress"), {
    namespace: "other",
    name: "istio-mesh",
  });
  assert.equal(istioManualService([], "istio-ingress"), undefined);
  assert.equal(istioManualService([{ type: "IPAddress", value: "10.0.0.1" }], "istio-ingress"), undefined);
  // No Istio Gateway or VirtualService: the routes are HTTPRoutes, a ReferenceGrant for finance.
  const kinds = [...files.values()].map((o) => o["kind"]);
  assert.ok(!kinds.includes("VirtualService"));
  assert.deepEqual([...files.keys()].filter((f) => f.startsWith("manifests/")).sort(), [
    "manifests/routes-mesh/finance/referencegrant-mesh-from-payments.yaml",
    "manifests/routes-mesh/istio-ingress/gateway-mesh.yaml",
    "manifests/routes-mesh/istio-ingress/ingress-istio-mesh.yaml",
    "manifests/routes-mesh/orders/httproute-orders.yaml",
    "manifests/routes-mesh/payments/httproute-payments.yaml",
  ]);
});

// istio/istio 1.30.3 pilot/pkg/bootstrap/configcontroller.go: the Gateway API controller starts
// with `s.kubeClient.CrdWatcher().WaitForCRD` and delayed informers (pilot/pkg/config/kube/
// gateway/controller.go NewDelayedInformer), so istiod watches for the CRDs rather than needing
// them at start; they still come first (wave -40, istiod -10), so nothing waits on them.
test("the Gateway API CRDs come in a wave before istiod", () => {
  const files = rendered(example);
  const wave = (app: string) =>
    Number(
      (files.get(`apps/${app}.yaml`)?.["metadata"] as { annotations: Record<string, string> }).annotations["argocd.argoproj.io/sync-wave"],
    );
  assert.ok(wave("gateway-api-crds") < wave("istiod"));
  assert.ok(wave("istiod") < wave("routes-mesh"));
});

// istio/istio 1.30.3 pilot/pkg/config/kube/gatewaycommon/context.go ResolveGatewayInstances: a
// listener port the Service lacks ("port %d not found for hostname") makes Programmed False, and
// Argo CD (v3.1+, resource_customizations/gateway.networking.k8s.io/Gateway/health.lua) holds a
// Gateway Healthy only when Programmed. The chart's Service has 15021, 80 and 443
// (manifests/charts/gateway/values.yaml service.ports).
test("a listener on a port the gateway chart's Service lacks is refused", () => {
  const bad = example.replace("port: 80, hostname", "port: 8080, hostname");
  const { valid, problems } = validateSpecBytes(SPEC, Buffer.from(bad));
  assert.equal(valid, undefined);
  assert.ok(problems.some((p) => p.message.includes("has no port 8080 (it has 80 and 443, and 15021 for health)")));
});
