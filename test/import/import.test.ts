// import: hand-written manifests → a spec that passes validate, with each choice and each object
// or field it could not express said, in the spec's header and as a warning.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parse } from "yaml";
import catalogue from "../../schema/albc/annotations-v3.5.0.json" with { type: "json" };
import { importSpec } from "../../src/import/import.ts";
import { noteLine, type Note } from "../../src/import/notes.ts";
import { importFixture, roundTrip } from "./support.ts";

function notesOf(topology: string): Note[] {
  const { result } = importFixture(topology);
  assert.ok(result.ok);
  return [...result.notes];
}
/** Import options of a spec named prod owning clusters/prod/ingress, for manifests made up in a test. */
const PROD = { name: "prod", gitopsPath: "clusters/prod/ingress", schema: "ingress-spec.schema.json", inputs: ["x"] };
const lines = (notes: readonly Note[], kind: Note["kind"]) => notes.filter((n) => n.kind === kind).map(noteLine);

test("the imported spec starts with the schema modeline and lists every leftover in its header", () => {
  const { result } = importFixture("cilium-gateway");
  assert.ok(result.ok);
  const [modeline] = result.text.split("\n");
  assert.equal(modeline, "# yaml-language-server: $schema=ingress-spec.schema.json");
  for (const line of lines(result.notes, "unexpressed")) assert.ok(result.text.includes(`#   - ${line}`), line);
});

for (const topology of ["alb-ingress", "nlb-service", "cilium-gateway", "cilium-gateway-binding", "alb-kong"])
  test(`${topology}: the imported spec passes validate`, async () => {
    assert.deepEqual((await roundTrip(topology)).problems, []);
  });

test("what a spec cannot express is listed, never dropped: a TLSRoute, allowedRoutes, an IngressGroup's order", () => {
  const cilium = lines(notesOf("cilium-gateway"), "unexpressed");
  assert.ok(
    cilium.includes(
      "routes.yaml:76:1: TLSRoute store-ns/vault: not expressed by the spec: it stays as it is, outside what ingress-gitops renders",
    ),
  );
  assert.ok(
    cilium.includes(
      "gateway.yaml:28:9: Gateway infra-ns/shared-gateway: listener https: allowedRoutes is not expressed (not the same on every listener); the render's Gateway admits routes from every namespace (from: All), so a route this one refuses would attach",
    ),
  );
  assert.ok(
    lines(notesOf("alb-ingress"), "unexpressed").includes(
      "shop.yaml:39:44: Ingress shop/storefront: alb.ingress.kubernetes.io/group.order: 10: not expressed (the order within the IngressGroup: ingress-gitops orders the Ingresses of a group itself (a proxy's catch-all last))",
    ),
  );
});

test("a Cilium gateway's NLB is imported with instance targets, and the change from ip is said (aws-load-balancer-controller#3754)", () => {
  const { result } = importFixture("cilium-gateway");
  assert.ok(result.ok);
  assert.match(result.text, /targetType: instance/);
  assert.ok(lines(result.notes, "chose").some((l) => l.includes("nlb-target-type ip in front of Cilium: instance instead")));
});

// kubernetes-sigs/aws-load-balancer-controller docs/guide/ingress/annotations.md, vendored in
// schema/albc/annotations-v3.5.0.json: an Ingress without target-type gets instance targets,
// without listen-ports HTTP 80 (HTTPS 443 with a certificate), without scheme internal.
test("what the controller decides by default is written explicitly, and said", () => {
  const defaults = Object.fromEntries(catalogue.ingress.annotations.map((a) => [a.key, a.default]));
  assert.equal(defaults["alb.ingress.kubernetes.io/target-type"], "instance");
  assert.equal(defaults["alb.ingress.kubernetes.io/scheme"], "internal");
  const { result } = importFixture("alb-ingress");
  assert.ok(result.ok);
  assert.match(
    result.text,
    /- name: reports\n {4}knownAs: backoffice\/reports\n {4}type: alb\n {4}scheme: internal\n {4}targetType: instance\n {4}listen:\n {6}- protocol: HTTP\n {8}port: 80\n/,
  );
  assert.ok(
    lines(result.notes, "chose").includes(
      "reports.yaml:4:1: Ingress backoffice/reports: no scheme annotation: internal, as the AWS Load Balancer Controller decides",
    ),
  );
});

test("an NLB made by the in-tree cloud provider is imported for the AWS Load Balancer Controller, and the new NLB said", () => {
  assert.ok(
    lines(notesOf("nlb-service"), "chose").some((l) =>
      l.startsWith("postgres-proxy.yaml:10:56: Service data/pgbouncer: made by the in-tree cloud provider (aws-load-balancer-type: nlb)"),
    ),
  );
});

test("a named targetPort becomes the container port of the pods the Service selects", () => {
  const { result } = importFixture("nlb-service");
  assert.ok(result.ok);
  assert.match(result.text, /- name: mqtts\n {10}port: 8883\n {10}targetPort: 1883\n/);
});

test("manifests that expose nothing are refused with a clear message", () => {
  const result = importSpec([{ file: "cm.yaml", content: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n" }], {
    schema: "s.json",
    inputs: ["here"],
  });
  assert.deepEqual(result, { ok: false, message: "no path is exposed by the Kubernetes YAML in here: nothing to import" });
});

test("a kubectl get -o yaml dump (kind: List) imports; an Istio gateway in istio-system moves out, and its ALB is said replaced", async () => {
  assert.deepEqual((await roundTrip("kubectl-list")).problems, []);
  const { result } = importFixture("kubectl-list");
  assert.ok(result.ok);
  assert.match(result.text, /\n {4}type: istio\n {4}namespace: istio-ingress\n/);
  assert.doesNotMatch(result.text, /knownAs: istio-system\//, "another ALB, so not known as the old one");
  assert.ok(
    lines(result.notes, "chose").some((l) =>
      l.startsWith("loadBalancers gateway-alb: the ALB of Ingress istio-system/gateway-alb is replaced"),
    ),
  );
});

test("the charts' Argo CD Applications and values give the controller's version, the cluster and the repository", () => {
  const { result } = importFixture("argocd-charts");
  assert.ok(result.ok);
  assert.match(result.text, /\ncluster:\n {2}name: prod-eks\n {2}region: eu-central-1\n {2}vpcId: vpc-0a1b2c3d4e5f60718\n/);
  assert.match(result.text, /\n {2}repoURL: https:\/\/github\.com\/acme\/platform-gitops\.git\n/);
  assert.match(
    result.text,
    /\n {2}awsLoadBalancerController:\n {4}chartVersion: 1\.17\.1\n {4}serviceAccount:\n {6}roleArn: arn:aws:iam::123456789012:role\/prod-eks-albc\n/,
  );
  assert.ok(
    lines(result.notes, "unexpressed").some((l) =>
      l.startsWith("albc.yaml:4:1: Application aws-load-balancer-controller: installs awsLoadBalancerController; the render installs it"),
    ),
    "the hand-written Application would install the chart a second time: said",
  );
});

// Import's own notes point at their object, or the field they are about, as the reader's findings
// do (src/topology/positions.ts): inside a kubectl List too. What no object here makes (a spec
// field it chose) keeps no position.
test("import's notes give file:line:col of the object or field they are about, in a List too", () => {
  const dump = [
    "apiVersion: v1",
    "kind: List",
    "items:",
    "  - apiVersion: v1",
    "    kind: Service",
    "    metadata:",
    "      name: broker",
    "      namespace: iot",
    "      annotations:",
    "        service.beta.kubernetes.io/aws-load-balancer-type: external",
    "        service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip",
    "        service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing",
    "    spec:",
    "      type: LoadBalancer",
    "      selector: {app: broker}",
    "      ports:",
    "        - {name: mqtt, port: 1883, targetPort: mqtt}",
    "",
  ].join("\n");
  const result = importSpec([{ file: "dump.yaml", content: dump }], { schema: "s.json", inputs: ["dump.yaml"] });
  assert.ok(result.ok);
  const said = (start: string) => result.notes.map(noteLine).find((l) => l.includes(start));
  assert.match(said("names a container port") ?? "", /^dump\.yaml:17:48: Service iot\/broker: targetPort 'mqtt' names a container port/);
  assert.match(said("no loadBalancerClass") ?? "", /^dump\.yaml:10:60: Service iot\/broker: no loadBalancerClass/);
  assert.match(said("no AWS Load Balancer Controller values") ?? "", /^cluster\.name: /);
  assert.ok(result.text.includes("#   - dump.yaml:17:48: Service iot/broker: targetPort 'mqtt'"), "the spec's header says it so too");
});

// Each chart's version is read from the Application that installs it: another chart's
// Application earlier in the same file pins another version.
test("a chart's version comes from its own Application, not another one in the same file", () => {
  const files = importFixture("argocd-charts").files;
  const albc = files.get("albc.yaml") ?? "";
  const istioFirst = [
    "apiVersion: argoproj.io/v1alpha1",
    "kind: Application",
    "metadata: {name: istio-base, namespace: argocd}",
    "spec:",
    "  project: default",
    "  destination: {server: https://kubernetes.default.svc, namespace: istio-system}",
    "  source: {repoURL: https://istio-release.storage.googleapis.com/charts, chart: base, targetRevision: 1.30.3}",
    "---",
    albc,
  ].join("\n");
  const manifests = [...files]
    .filter(([f]) => /\.ya?ml$/.test(f))
    .map(([file, content]) => ({ file, content: file === "albc.yaml" ? istioFirst : content }));
  const result = importSpec(manifests, { schema: "s.json", inputs: ["here"] });
  assert.ok(result.ok);
  assert.match(result.text, /\n {2}awsLoadBalancerController:\n {4}chartVersion: 1\.17\.1\n/);
  assert.ok(
    result.notes.some((n) => n.object === "Application aws-load-balancer-controller" && n.file === "albc.yaml:12:1"),
    "said at the controller's own Application",
  );
});

// A route's Kong plugins come with it: the KongPlugins an Ingress names in konghq.com/plugins
// (kubernetes-ingress-controller internal/annotations, PluginsKey) or an HTTPRoute rule attaches
// as ExtensionRef filters (internal/dataplane/translator/subtranslator/httproute.go,
// generateExtensionRefKongPlugin); the render names each `<route>-<plugin>`, which is said.
test("alb-kong-gateway-api: an HTTPRoute's KongPlugin filters become the route's plugins, and its Gateway routeFormat gatewayAPI", () => {
  const { result } = importFixture("alb-kong-gateway-api");
  assert.ok(result.ok);
  const spec = parse(result.text) as { gateways: Record<string, unknown>[]; routes: Record<string, unknown>[] };
  assert.deepEqual(spec.gateways[0], {
    name: "kong",
    type: "kong",
    namespace: "kong",
    loadBalancer: "kong-alb",
    routeFormat: "gatewayAPI",
    allowedRoutes: { namespaces: ["orders", "storefront"] },
  });
  assert.deepEqual(
    spec.routes.map((r) => [r["name"], r["plugins"]]),
    [
      ["orders", [{ name: "rate-limiting", config: { minute: 5, policy: "local" } }]],
      ["storefront", undefined],
    ],
  );
  assert.ok(
    lines(result.notes, "chose").includes(
      "routes.yaml:27:1: KongPlugin orders/rate-limit-5: the render names it orders/orders-rate-limiting, so it is a new KongPlugin: remove this one once the render is merged",
    ),
  );
  assert.deepEqual(lines(result.notes, "unexpressed"), []);
});

test("an Ingress's konghq.com/plugins become the route's plugins; one the spec cannot say is listed", () => {
  const { files } = importFixture("alb-kong");
  const manifests = [...files].filter(([f]) => f.endsWith(".yaml")).map(([file, content]) => ({ file, content }));
  const routes = manifests.find((m) => m.file === "routes.yaml");
  assert.ok(routes !== undefined);
  const annotated = routes.content.replace(
    'konghq.com/strip-path: "true"',
    'konghq.com/strip-path: "true"\n    konghq.com/plugins: "limit, cors"',
  );
  const plugins = `
---
apiVersion: configuration.konghq.com/v1
kind: KongPlugin
metadata: {name: limit, namespace: orders}
plugin: rate-limiting
config: {minute: 10}
---
apiVersion: configuration.konghq.com/v1
kind: KongPlugin
metadata: {name: cors, namespace: orders}
plugin: cors
configFrom: {secretKeyRef: {name: cors, key: config}}
`;
  const result = importSpec([...manifests.filter((m) => m !== routes), { file: "routes.yaml", content: annotated + plugins }], PROD);
  assert.ok(result.ok);
  const spec = parse(result.text) as { routes: Record<string, unknown>[] };
  assert.deepEqual(spec.routes.find((r) => r["name"] === "orders")?.["plugins"], [{ name: "rate-limiting", config: { minute: 10 } }]);
  assert.ok(
    lines(result.notes, "unexpressed").some((l) =>
      l.endsWith("KongPlugin orders/cors: sets configFrom, which a spec's plugin cannot say; the spec's route runs without it"),
    ),
    lines(result.notes, "unexpressed").join("\n"),
  );
});

test("an istio gateway routed by VirtualServices and HTTPRoutes keeps its own kind, and says so", () => {
  const vs = importFixture("alb-istio").files;
  const api = importFixture("alb-istio-gateway-api").files;
  const manifests = [
    ...[...vs].map(([file, content]) => ({ file, content })),
    ...["gateway.yaml", "httproutes.yaml"].map((f) => ({
      file: `api-${f}`,
      content: (api.get(f) ?? "").replaceAll("metadata:\n  name: service-", "metadata:\n  name: api-"),
    })),
  ];
  const result = importSpec(manifests, PROD);
  assert.ok(result.ok);
  const spec = parse(result.text) as { gateways: Record<string, unknown>[]; routes: Record<string, unknown>[] };
  assert.equal(spec.gateways[0]?.["routeFormat"], undefined);
  assert.deepEqual(spec.routes.map((r) => r["name"]).sort(), ["api-a", "api-b", "service-a", "service-b"]);
  assert.ok(
    lines(result.notes, "chose").some((l) =>
      l.endsWith(
        "istio gateway 'sample-gateway': routed by HTTPRoutes and by VirtualServices: a spec's gateway renders one kind, so every route of it renders as VirtualService (with routeFormat gatewayAPI, every one as HTTPRoute)",
      ),
    ),
    lines(result.notes, "chose").join("\n"),
  );
});

test("a Gateway API listener the spec's istio or kong gateway cannot have is listed at its line", () => {
  const withListener = (topology: string, file: string, listener: string) => {
    const { files } = importFixture(topology);
    const manifests = [...files]
      .filter(([f]) => f.endsWith(".yaml"))
      .map(([f, content]) => ({ file: f, content: f === file ? content.replace("  listeners:\n", `  listeners:\n${listener}`) : content }));
    const result = importSpec(manifests, PROD);
    assert.ok(result.ok);
    return { spec: parse(result.text) as { gateways: Record<string, unknown>[] }, unexpressed: lines(result.notes, "unexpressed") };
  };
  const istio = withListener("alb-istio-gateway-api", "gateway.yaml", "    - {name: alt, port: 8080, protocol: HTTP}\n");
  assert.deepEqual(istio.spec.gateways[0]?.["listeners"], [{ name: "http", protocol: "HTTP", port: 80 }]);
  assert.ok(
    istio.unexpressed.includes(
      "gateway.yaml:15:7: Gateway istio-ingress/sample-gateway: listener alt on port 8080: the istio/gateway chart's Service has ports 80 and 443 only",
    ),
    istio.unexpressed.join("\n"),
  );
  const kong = withListener("alb-kong-gateway-api", "gateway.yaml", "    - {name: tls, port: 443, protocol: HTTPS}\n");
  assert.equal(kong.spec.gateways[0]?.["listeners"], undefined);
  // What the spec's one listener admits is the hand-written HTTP listener's, whatever the dropped one's.
  assert.deepEqual(kong.spec.gateways[0]?.["allowedRoutes"], { namespaces: ["orders", "storefront"] });
  assert.deepEqual(
    kong.unexpressed.filter((l) => l.includes("allowedRoutes")),
    [],
  );
  assert.ok(
    kong.unexpressed.includes(
      "gateway.yaml:22:7: Gateway kong/kong: listener tls (HTTPS 443): a kong gateway's Gateway listens for HTTP on 80, the proxy port its ALB sends to",
    ),
    kong.unexpressed.join("\n"),
  );
});

test("a route object that becomes two spec routes says what of its plugins it cannot keep once, each rename for each", () => {
  const { files } = importFixture("alb-kong");
  const manifests = [...files].filter(([f]) => f.endsWith(".yaml")).map(([file, content]) => ({ file, content }));
  const routes = manifests.find((m) => m.file === "routes.yaml");
  assert.ok(routes !== undefined);
  const twoHosts = routes.content
    .replace('konghq.com/strip-path: "true"', 'konghq.com/strip-path: "true"\n    konghq.com/plugins: "limit, nope"')
    .replace(
      "  rules:\n    - host: orders.example.com\n",
      "  rules:\n    - host: api.example.com\n      http:\n        paths:\n          - path: /orders\n            pathType: Prefix\n            backend:\n              service:\n                name: orders\n                port:\n                  name: http\n    - host: orders.example.com\n",
    );
  assert.notEqual(twoHosts, routes.content);
  const plugin =
    "\n---\napiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata: {name: limit, namespace: orders}\nplugin: rate-limiting\n";
  const result = importSpec([...manifests.filter((m) => m !== routes), { file: "routes.yaml", content: twoHosts + plugin }], PROD);
  assert.ok(result.ok);
  const spec = parse(result.text) as { routes: Record<string, unknown>[] };
  assert.deepEqual(
    spec.routes.filter((r) => r["namespace"] === "orders").map((r) => [r["name"], r["plugins"]]),
    [
      ["orders", [{ name: "rate-limiting" }]],
      ["orders-2", [{ name: "rate-limiting" }]],
    ],
  );
  assert.equal(lines(result.notes, "unexpressed").filter((l) => l.includes("plugin 'nope'")).length, 1);
  assert.deepEqual(
    lines(result.notes, "chose")
      .filter((l) => l.includes("KongPlugin orders/limit"))
      .map((l) => l.slice(l.indexOf("the render names it"))),
    [
      "the render names it orders/orders-rate-limiting, so it is a new KongPlugin: remove this one once the render is merged",
      "the render names it orders/orders-2-rate-limiting, so it is a new KongPlugin: remove this one once the render is merged",
    ],
  );
});
