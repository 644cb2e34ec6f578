// A kong gateway with routeFormat gatewayAPI: a Gateway of the unmanaged GatewayClass kong that
// Kong's controller serves with the chart's proxy, HTTPRoutes with plugins as ExtensionRef
// filters, ReferenceGrants; and the same paths read back as with Ingresses.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { renderedObjects, verifiedRender } from "../support/render-spec.ts";
import { KONG_PROXY_HTTP_PORT } from "../../src/controllers/kong.ts";
import { readDocuments } from "../../src/topology/documents.ts";
import { extractTopology } from "../../src/topology/extract.ts";
import { kongReader } from "../../src/topology/kong.ts";
import { exposureLabel } from "../../src/topology/types.ts";
import { validateSpecBytes } from "../../src/validate/validate.ts";

const SPEC = "examples/alb-kong-gateway-api.yaml";
const example = readFileSync(SPEC, "utf8");
const ROOT = "clusters/api-eks/ingress-gateway-api";

const render = (text: string) => verifiedRender(SPEC, text).files;
const rendered = (text: string) => renderedObjects(SPEC, text, ROOT);

function problemsOf(text: string): string[] {
  const { valid, problems } = validateSpecBytes(SPEC, Buffer.from(text));
  assert.equal(valid, undefined);
  return problems.map((p) => `${p.line}:${p.col} ${p.message}`);
}

const spec = (o: Record<string, unknown> | undefined) => o?.["spec"] as Record<string, unknown>;

// Kong's controller serves GatewayClasses naming `konghq.com/kic-gateway-controller` unless
// `--gateway-api-controller-name` says otherwise (Kong docs, kubernetes-ingress-controller
// concepts/gateway-api), and serves a Gateway only when its class is annotated
// `konghq.com/gatewayclass-unmanaged` (internal/annotations/annotations.go; gateway_utils.go
// isGatewayClassUnmanaged), with the proxy the chart publishes rather than one of its own.
test("the GatewayClass is kong's, unmanaged, and the Gateway listens where the ALB sends", () => {
  const files = rendered(example);
  const gatewayClass = files.get("manifests/routes-api/_cluster/gatewayclass-kong.yaml");
  assert.equal(spec(gatewayClass)["controllerName"], "konghq.com/kic-gateway-controller");
  assert.equal(
    (gatewayClass?.["metadata"] as { annotations: Record<string, string> }).annotations["konghq.com/gatewayclass-unmanaged"],
    "true",
  );
  const gateway = spec(files.get("manifests/routes-api/kong/gateway-api.yaml"));
  assert.equal(gateway["gatewayClassName"], "kong");
  assert.equal(gateway["addresses"], undefined);
  const listeners = gateway["listeners"] as { name: string; protocol: string; port: number }[];
  assert.deepEqual(
    listeners.map((l) => [l.name, l.protocol, l.port]),
    [["http", "HTTP", KONG_PROXY_HTTP_PORT]],
  );
  // The listener's port is the proxy Service port the ALB's Ingress sends to: KIC marks a
  // listener on a port its proxy does not serve Accepted False (gateway_utils.go, PortUnavailable).
  const front = spec(files.get("manifests/routes-api/kong/ingress-kong-api.yaml"));
  const backend = JSON.stringify(front["rules"]);
  assert.match(backend, /"name":"kong-api-gateway-proxy","port":\{"number":80\}/);
  // The routes are HTTPRoutes, none an Ingress of class kong.
  const kongIngresses = [...files.values()].filter((o) => o["kind"] === "Ingress" && spec(o)["ingressClassName"] === "kong");
  assert.deepEqual(kongIngresses, []);
  assert.deepEqual([...files.keys()].filter((f) => f.startsWith("manifests/")).sort(), [
    "manifests/routes-api/_cluster/gatewayclass-kong.yaml",
    "manifests/routes-api/kong/gateway-api.yaml",
    "manifests/routes-api/kong/ingress-kong-api.yaml",
    "manifests/routes-api/partners/httproute-partners.yaml",
    "manifests/routes-api/public-api/httproute-public-api.yaml",
    "manifests/routes-api/public-api/kongplugin-public-api-rate-limiting.yaml",
    "manifests/routes-api/public-api/referencegrant-api-from-partners.yaml",
  ]);
});

// kubernetes-ingress-controller internal/dataplane/translator/subtranslator/httproute.go
// generateExtensionRefKongPlugin: an ExtensionRef filter attaches a KongPlugin of the route's
// namespace when its group is configuration.konghq.com and its kind KongPlugin; any other is
// "unsupported" and the rule fails to translate.
test("a plugin is an ExtensionRef filter naming the KongPlugin beside the route", () => {
  const files = rendered(example);
  const route = spec(files.get("manifests/routes-api/public-api/httproute-public-api.yaml"));
  const [rule] = route["rules"] as { filters: unknown[] }[];
  assert.deepEqual(rule?.filters, [
    { type: "ExtensionRef", extensionRef: { group: "configuration.konghq.com", kind: "KongPlugin", name: "public-api-rate-limiting" } },
  ]);
  const plugin = files.get("manifests/routes-api/public-api/kongplugin-public-api-rate-limiting.yaml");
  assert.equal((plugin?.["metadata"] as { namespace: string }).namespace, "public-api");
  assert.equal(plugin?.["plugin"], "rate-limiting");
  const partners = spec(files.get("manifests/routes-api/partners/httproute-partners.yaml"));
  assert.equal((partners["rules"] as Record<string, unknown>[])[0]?.["filters"], undefined);
});

// kubernetes-ingress-controller internal/dataplane/translator/subtranslator/backendref.go:
// a backendRef to another namespace is skipped unless a ReferenceGrant there permits it
// (IsRefAllowedByGrant); an Ingress names Services of its own namespace only.
test("a backend in another namespace gets a ReferenceGrant, and needs Gateway API on kong", () => {
  const files = rendered(example);
  const grant = spec(files.get("manifests/routes-api/public-api/referencegrant-api-from-partners.yaml"));
  assert.deepEqual(grant["from"], [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute", namespace: "partners" }]);
  assert.deepEqual(grant["to"], [{ group: "", kind: "Service", name: "public-api" }]);
  const asIngress = example.replace("    routeFormat: gatewayAPI\n    allowedRoutes:\n      namespaces: [public-api, partners]\n", "");
  assert.deepEqual(problemsOf(asIngress), [
    "51:40 routes[1].rules[0].backend.namespace: an Ingress reaches only Services in its own namespace, and gateway 'api' is kong with Ingress routes: put the route in namespace 'public-api', or set the gateway's routeFormat: gatewayAPI (an HTTPRoute reaches it through a ReferenceGrant)",
  ]);
});

test("allowedRoutes and the route format are checked against the gateway's type", () => {
  const withoutFormat = example.replace("    routeFormat: gatewayAPI\n", "");
  assert.ok(
    problemsOf(withoutFormat).includes(
      "33:5 gateways[0].allowedRoutes: a kong gateway admits routes by namespace only as Gateway API: set routeFormat: gatewayAPI, or remove allowedRoutes (an Ingress of class kong is served from any namespace)",
    ),
  );
  assert.ok(
    problemsOf(example.replace("routeFormat: gatewayAPI", "routeFormat: virtualService")).includes(
      "33:18 gateways[0].routeFormat: a kong gateway's routes render as ingress or gatewayAPI, not virtualService",
    ),
  );
  const istio = example.replace("type: kong", "type: istio").replace("routeFormat: gatewayAPI", "routeFormat: ingress");
  assert.ok(
    problemsOf(istio).includes(
      "33:18 gateways[0].routeFormat: an istio gateway's routes render as virtualService or gatewayAPI, not ingress",
    ),
  );
  const admitted = example.replace("namespaces: [public-api, partners]", "namespaces: [public-api]");
  assert.deepEqual(problemsOf(admitted), [
    "49:16 routes[1].namespace: gateway 'api' admits routes only from public-api (gateways[0].allowedRoutes.namespaces), so this route would not be accepted; add 'partners' there or move the route",
  ]);
});

test("the rendered files read back as the same paths through the kong gateway, as HTTPRoutes", () => {
  const { exposures } = extractTopology(render(example).map((f) => ({ file: f.path, content: f.content })));
  assert.deepEqual(
    exposures.map((e) => [exposureLabel(e), e.gateway, e.routeKind, `${e.backend.namespace}/${e.backend.service}:${e.backend.port}`]),
    [
      ["api.example.com /v1", { name: "api", type: "kong" }, "HTTPRoute", "public-api/public-api:80"],
      ["partners.example.com /v1", { name: "api", type: "kong" }, "HTTPRoute", "public-api/public-api:80"],
    ],
  );
});

// Every Kong controller reconciles every Gateway of its controller name and configures its own
// proxy with their routes (Kong docs, kubernetes-ingress-controller concepts/gateway-api); one
// told another name (--gateway-api-controller-name, CONTROLLER_GATEWAY_API_CONTROLLER_NAME) serves
// none of them; and with no Kong controller in the files the Gateway's proxy is unresolved.
test("a kong Gateway is behind every Kong controller of its controller name, and said unresolved without one", () => {
  const files = render(example).map((f) => ({ file: f.path, content: f.content }));
  const controller = (name: string, env: string) => ({
    file: `${name}.yaml`,
    content: `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: edge}
spec:
  template:
    spec:
      containers:
        - name: ingress-controller
          image: kong/kubernetes-ingress-controller:3.5
          env:
            - {name: CONTROLLER_INGRESS_CLASS, value: ${name}}
            - {name: CONTROLLER_PUBLISH_SERVICE, value: edge/${name}-proxy}
${env}`,
  });
  const { docs, values } = readDocuments([
    ...files,
    controller("same", ""),
    controller("other", "            - {name: CONTROLLER_GATEWAY_API_CONTROLLER_NAME, value: example.com/other}\n"),
  ]);
  const { proxies } = kongReader({ docs, values });
  const paths = (service: string) =>
    proxies
      .find((p) => p.service === service)
      ?.routes()
      .map((h) => (h.kind === "route" ? `${h.hosts.join(",")} ${h.urlPath} via ${h.gateway.name}` : ""))
      .sort();
  assert.deepEqual(paths("kong-api-gateway-proxy"), ["api.example.com /v1 via api", "partners.example.com /v1 via api"]);
  assert.deepEqual(paths("same-proxy"), ["api.example.com /v1 via same", "partners.example.com /v1 via same"]);
  assert.deepEqual(paths("other-proxy"), []);

  const withoutKong = extractTopology(files.filter((f) => !f.file.endsWith("apps/kong-api.yaml")));
  assert.deepEqual(
    withoutKong.exposures.filter((e) => e.gateway.type === "kong"),
    [],
  );
  assert.ok(
    withoutKong.findings.some(
      (f) =>
        f.message ===
        "unresolved: Gateway kong/api is for Kong's controller, and no Kong controller in these files serves it, so which proxy it configures is unknown; its routes are not read as paths",
    ),
    JSON.stringify(withoutKong.findings.map((f) => f.message)),
  );
});
