// What makes the rendered providers work on a real EKS cluster, each test stating the upstream
// fact it defends (facts and sources: shared research behaviour-eks-argocd.md).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { parse } from "yaml";
import { buildModel } from "../../src/model/build.ts";
import { renderModel, type Rendered } from "../../src/render/render.ts";
import { loadTemplates } from "../../src/render/templates.ts";
import { validateSpecBytes } from "../../src/validate/validate.ts";
import { CHART_VERSIONS } from "../../src/verify/catalog.ts";
import { validateHelmValues } from "../../src/verify/helm-values.ts";
import { isRecord } from "../../src/is-record.ts";
import { specText } from "../support/spec-text.ts";
import { verifyRendered } from "../../src/verify/verified.ts";

const ENDPOINT = "0123456789ABCDEF0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com";

/** The render of a spec, with the warnings and notes its validation gives (what the cluster must do besides). */
function render(controllers: string, rest: string): Rendered & { readonly warnings: readonly string[] } {
  const { valid, problems } = validateSpecBytes("t.yaml", new TextEncoder().encode(specText("t", `controllers: ${controllers}\n${rest}`)));
  assert.ok(valid, JSON.stringify(problems));
  const rendered = renderModel(buildModel(valid), loadTemplates());
  verifyRendered(rendered);
  return { ...rendered, warnings: problems.filter((p) => p.severity !== "error").map((p) => p.message) };
}

function file(rendered: Rendered, path: string): Record<string, unknown> {
  const found = rendered.files.find((f) => f.path === path);
  assert.ok(found, `${path} is rendered (have: ${rendered.files.map((f) => f.path).join(", ")})`);
  return parse(found.content) as Record<string, unknown>;
}

function at(value: unknown, ...path: string[]): unknown {
  return path.reduce((node, key) => (isRecord(node) ? node[key] : undefined), value);
}

const CILIUM_GATEWAY = `loadBalancers: [{name: nlb, type: nlb, scheme: internet-facing}]
gateways: [{name: edge, type: cilium, loadBalancer: nlb}]
routes: [{name: a, namespace: n, gateway: edge, rules: [{path: /, backend: {service: s, port: 80}}]}]`;

const WITH_ISTIO = `loadBalancers: [{name: nlb, type: nlb}, {name: alb, type: alb}]
gateways: [{name: edge, type: cilium, loadBalancer: nlb}, {name: mesh, type: istio, loadBalancer: alb}]
routes:
  - {name: a, namespace: n, gateway: edge, rules: [{path: /, backend: {service: s, port: 80}}]}
  - {name: b, namespace: n, gateway: mesh, rules: [{path: /, backend: {service: s, port: 80}}]}`;

function ciliumValues(install: "chaining" | "eni", version: string, topology: string): Record<string, unknown> {
  return file(
    render(`{cilium: {install: ${install}, chartVersion: ${version}, apiServer: {host: ${ENDPOINT}}}}`, topology),
    "values/cilium.yaml",
  );
}

/** Every leaf key path of a values tree. */
function leafPaths(values: Record<string, unknown>, prefix: readonly string[] = []): string[][] {
  return Object.entries(values).flatMap(([key, value]) => (isRecord(value) ? leafPaths(value, [...prefix, key]) : [[...prefix, key]]));
}

/** Whether the chart's values.schema.json declares this key path (properties all the way down). */
function schemaDeclares(schema: unknown, path: readonly string[]): boolean {
  let node = schema;
  for (const key of path) {
    const properties = at(node, "properties");
    if (!isRecord(properties) || !Object.hasOwn(properties, key)) return false;
    node = properties[key];
  }
  return true;
}

const CILIUM_RELEASES = CHART_VERSIONS.filter((c) => c.chart === "cilium");

test("the supported Cilium chart versions are the vendored ones", () => {
  assert.deepEqual(
    CILIUM_RELEASES.map((c) => c.version),
    ["1.18.12", "1.19.6", "1.20.0"],
  );
});

for (const release of CILIUM_RELEASES) {
  for (const install of ["chaining", "eni"] as const) {
    test(`cilium ${release.version}, ${install}: every rendered key is declared by that chart (values.schema.json, or a values.yaml comment the catalog lists)`, () => {
      if (release.check.by !== "schema") throw new Error("cilium ships a values.schema.json");
      const schema: unknown = JSON.parse(readFileSync(`schema/upstream/${release.check.vendored}`, "utf8"));
      const commented = (release.check.commentedKeys ?? []).map((p) => p.join("."));
      for (const topology of [CILIUM_GATEWAY, WITH_ISTIO]) {
        const values = ciliumValues(install, release.version, topology);
        for (const path of leafPaths(values)) {
          assert.ok(
            schemaDeclares(schema, path) || commented.includes(path.join(".")),
            `cilium ${release.version} declares ${path.join(".")}`,
          );
        }
        assert.deepEqual(validateHelmValues("cilium", release.version, values), []);
      }
    });
  }
}

test("socketLB.hostNamespaceOnly is documented in each supported chart's values.yaml, which is why the catalog lets it through", () => {
  // cilium values.yaml 1.18.12:1172, 1.19.6:1339, 1.20.0:1386 under socketLB: "# hostNamespaceOnly: false",
  // "Disable socket lb for non-root ns. This is used to enable Istio routing rules".
  for (const release of CILIUM_RELEASES) {
    assert.equal(
      release.check.by === "schema" && release.check.commentedKeys?.map((p) => p.join(".")).join(),
      "socketLB.hostNamespaceOnly",
      release.version,
    );
  }
});

test("chaining (the default) keeps the AWS VPC CNI's VPC addresses: the keys of docs.cilium.io cni-chaining-aws-cni", () => {
  const values = file(render(`{cilium: {apiServer: {host: ${ENDPOINT}}}}`, CILIUM_GATEWAY), "values/cilium.yaml");
  assert.equal(at(values, "cni", "chainingMode"), "aws-cni");
  // cni.exclusive defaults to true (values.yaml 1.19.6:796) and would rename aws-node's CNI config away.
  assert.equal(at(values, "cni", "exclusive"), false);
  assert.equal(values["enableIPv4Masquerade"], false);
  assert.equal(values["routingMode"], "native");
  // cilium#38381 removed endpointRoutes from that guide: the pod routes belong to aws-node.
  assert.equal(values["endpointRoutes"], undefined);
  assert.equal(at(values, "ipam", "mode"), undefined, "IPAM stays with aws-node, not the chart's cluster-pool on 10.0.0.0/8");
});

test("ENI mode gives pods ENI addresses from Cilium: the keys of docs.cilium.io k8s-install-helm (EKS tab), and says aws-node must go", () => {
  const rendered = render(`{cilium: {install: eni, apiServer: {host: ${ENDPOINT}}}}`, CILIUM_GATEWAY);
  const values = file(rendered, "values/cilium.yaml");
  assert.equal(at(values, "eni", "enabled"), true);
  assert.equal(at(values, "ipam", "mode"), "eni");
  assert.equal(values["routingMode"], "native");
  assert.equal(at(values, "cni", "chainingMode"), undefined);
  assert.ok(
    rendered.warnings.some((w) => /ENI mode: .*aws-node/.test(w)),
    rendered.warnings.join("\n"),
  );
});

test("kube-proxy replacement reaches the API server at apiServer (cilium-agent daemonset sets KUBERNETES_SERVICE_HOST only from k8sServiceHost)", () => {
  const values = file(render(`{cilium: {apiServer: {host: ${ENDPOINT}, port: 6443}}}`, CILIUM_GATEWAY), "values/cilium.yaml");
  assert.equal(values["kubeProxyReplacement"], true);
  assert.equal(values["k8sServiceHost"], ENDPOINT);
  assert.equal(values["k8sServicePort"], 6443);
});

test("Istio sidecars with Cilium kube-proxy replacement get socketLB.hostNamespaceOnly (values.yaml: 'used to enable Istio routing rules')", () => {
  assert.equal(
    at(file(render(`{cilium: {apiServer: {host: ${ENDPOINT}}}}`, WITH_ISTIO), "values/cilium.yaml"), "socketLB", "hostNamespaceOnly"),
    true,
  );
  assert.equal(
    at(file(render(`{cilium: {apiServer: {host: ${ENDPOINT}}}}`, CILIUM_GATEWAY), "values/cilium.yaml"), "socketLB"),
    undefined,
    "no mesh, socket LB stays on everywhere",
  );
});

test("preinstalled Cilium: no Cilium Application, still the Gateway API CRDs, Gateway and routes, and the values the install needs", () => {
  const rendered = render("{cilium: {install: preinstalled}}", WITH_ISTIO);
  const paths = rendered.files.map((f) => f.path);
  assert.ok(!paths.some((p) => p.includes("cilium")), paths.join(", "));
  assert.ok(paths.includes("apps/gateway-api-crds.yaml"));
  assert.equal(file(rendered, "manifests/routes-edge/kube-system/gateway-edge.yaml")["kind"], "Gateway");
  assert.equal(file(rendered, "manifests/routes-edge/n/httproute-a.yaml")["kind"], "HTTPRoute");
  const statement = rendered.warnings.find((w) => w.includes("Cilium is preinstalled")) ?? "";
  for (const needed of [
    "kubeProxyReplacement=true",
    "k8sServicePort=443",
    "gatewayAPI.enabled=true",
    'gatewayAPI.gatewayClass.create="true"',
    "socketLB.hostNamespaceOnly=true",
    "restart",
  ]) {
    assert.ok(statement.includes(needed), `${needed} in: ${statement}`);
  }
});

test("an NLB in front of Cilium targets instances: the Gateway Service's only endpoint is a dummy 192.192.192.192:9999 (aws-load-balancer-controller#3754)", () => {
  const gateway = file(
    render(`{cilium: {apiServer: {host: ${ENDPOINT}}}}`, CILIUM_GATEWAY),
    "manifests/routes-edge/kube-system/gateway-edge.yaml",
  );
  assert.equal(
    at(gateway, "spec", "infrastructure", "annotations", "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type"),
    "instance",
  );
});

const READINESS_GATE = { "elbv2.k8s.aws/pod-readiness-gate-inject": "enabled" };

test("namespaces of ip-target gateways get ALBC's pod readiness gates through managedNamespaceMetadata; instance targets do not need them", () => {
  const kongAndIstio = render(
    "{}",
    `loadBalancers: [{name: alb, type: alb}, {name: alb2, type: alb, targetType: instance}, {name: alb3, type: alb}]
gateways: [{name: api, type: kong, loadBalancer: alb}, {name: mesh, type: istio, loadBalancer: alb2}, {name: edge, type: istio, namespace: edge, loadBalancer: alb3}]
routes:
  - {name: a, namespace: n, gateway: api, rules: [{path: /a, backend: {service: s, port: 80}}]}
  - {name: b, namespace: n, gateway: mesh, rules: [{path: /b, backend: {service: s, port: 80}}]}
  - {name: c, namespace: n, gateway: edge, rules: [{path: /c, backend: {service: s, port: 80}}]}`,
  );
  const labels = (app: string) => at(file(kongAndIstio, `apps/${app}.yaml`), "spec", "syncPolicy", "managedNamespaceMetadata", "labels");
  assert.deepEqual(labels("kong-api"), READINESS_GATE);
  assert.deepEqual(labels("istio-edge"), READINESS_GATE);
  assert.equal(labels("istio-mesh"), undefined);
  // Argo CD applies managedNamespaceMetadata only with CreateNamespace=true.
  assert.ok(
    (at(file(kongAndIstio, "apps/istio-edge.yaml"), "spec", "syncPolicy", "syncOptions") as string[]).includes("CreateNamespace=true"),
  );
});

test("Kong CRDs come once: the kong/ingress chart skips its two kong subcharts' crds/ (Kong/charts#1051), one Application applies kong 3.2.0's", () => {
  // kong/ingress 0.24.0 Chart.yaml: kong "=3.2.0" twice, aliases controller and gateway.
  const rendered = render(
    "{}",
    `loadBalancers: [{name: alb, type: alb}]
gateways: [{name: api, type: kong, loadBalancer: alb}]
routes: [{name: a, namespace: n, gateway: api, rules: [{path: /a, backend: {service: s, port: 80}}]}]`,
  );
  const sources = at(file(rendered, "apps/kong-api.yaml"), "spec", "sources") as unknown[];
  assert.equal(at(sources[1], "helm", "skipCrds"), true);
  const crds = file(rendered, "apps/kong-crds.yaml");
  assert.deepEqual(at(crds, "spec", "source"), {
    repoURL: "https://github.com/Kong/charts",
    targetRevision: "kong-3.2.0",
    path: "charts/kong/crds",
  });
  // Removing the Application must not delete every KongPlugin in the cluster.
  assert.equal(at(crds, "metadata", "finalizers"), undefined);
  assert.equal(at(crds, "spec", "syncPolicy", "automated", "prune"), false);
  const wave = (app: string) => Number(at(file(rendered, `apps/${app}.yaml`), "metadata", "annotations", "argocd.argoproj.io/sync-wave"));
  assert.ok(wave("kong-crds") < wave("kong-api"));
});

test("through an ApplicationSet too, the kong chart skips its CRDs and ip-target namespaces get readiness gates", () => {
  const text = readFileSync("test/fixtures/render/applicationset/spec.yaml");
  const { valid, problems } = validateSpecBytes("applicationset.yaml", text);
  assert.ok(valid, JSON.stringify(problems));
  const set = file(renderModel(buildModel(valid), loadTemplates()), "apps/charts.yaml");
  const elements = at(set, "spec", "generators") as {
    list: { elements: { name: string; skipCrds: boolean; namespaceLabels: Record<string, string> }[] };
  }[];
  const byName = new Map((elements[0]?.list.elements ?? []).map((e) => [e.name, e]));
  assert.equal(byName.get("kong-api")?.skipCrds, true);
  assert.equal(byName.get("aws-load-balancer-controller")?.skipCrds, false, "ALBC's own CRDs stay with its chart");
  assert.deepEqual(byName.get("kong-api")?.namespaceLabels, READINESS_GATE);
  // A templatePatch replaces lists whole, so the patch restates both sources with skipCrds set.
  const patch = String(at(set, "spec", "templatePatch"));
  assert.match(patch, /\{\{- if \.skipCrds \}\}\n {2}sources:\n(.*\n){4}.*skipCrds: true\}\n\{\{- end \}\}/);
});

test("a preinstalled Cilium that no gateway uses renders nothing and asks for nothing", () => {
  const rendered = render(
    "{cilium: {install: preinstalled}}",
    `loadBalancers: [{name: alb, type: alb}]
gateways: [{name: web, type: alb, loadBalancer: alb}]
routes: [{name: a, namespace: n, gateway: web, rules: [{path: /, backend: {service: s, port: 80}}]}]`,
  );
  assert.ok(!rendered.files.some((f) => f.path.includes("cilium")));
  assert.deepEqual(rendered.warnings, []);
});
