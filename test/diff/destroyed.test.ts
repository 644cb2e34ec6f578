// Removals that destroy what the cluster depends on are error findings naming it, so that
// `fail-on: error` stops them; what Argo CD would do follows the removed Application's finalizer.
import assert from "node:assert/strict";
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { parse, stringify } from "yaml";
import { buildModel } from "../../src/model/build.ts";
import { renderModel } from "../../src/render/render.ts";
import { loadTemplates } from "../../src/render/templates.ts";
import { validateSpecBytes } from "../../src/validate/validate.ts";
import { diffFindings, diffTopology } from "../../src/diff/topology-diff.ts";
import { extractTopology } from "../../src/topology/extract.ts";
import type { ManifestFile } from "../../src/topology/types.ts";
import { headline } from "../../src/diff/body/headline.ts";
import { renderGfm, visibleText } from "../support/gfm.ts";

type Spec = { gateways: { name: string }[]; routes: { gateway: string }[]; loadBalancers: { name: string }[] } & Record<string, unknown>;

const templates = loadTemplates();

function render(spec: Spec): ManifestFile[] {
  const { valid, problems } = validateSpecBytes("spec.yaml", new TextEncoder().encode(stringify(spec)));
  assert.ok(valid, JSON.stringify(problems));
  return renderModel(buildModel(valid), templates).files.map((f) => ({ file: f.path, content: f.content }));
}

/** The combined example without Kong and Cilium: their controllers, gateways, routes and load balancers. */
function withoutKongAndCilium(spec: Spec): Spec {
  const dropped = new Set(["api", "edge"]);
  const controllers = Object.fromEntries(
    Object.entries(spec["controllers"] as Record<string, unknown>).filter(([name]) => name !== "cilium" && name !== "kong"),
  );
  return {
    ...spec,
    controllers,
    gateways: spec.gateways.filter((g) => !dropped.has(g.name)),
    routes: spec.routes.filter((r) => !dropped.has(r.gateway)),
    loadBalancers: spec.loadBalancers.filter((l) => l.name !== "api-alb" && l.name !== "gateway-nlb"),
  };
}

function findings(before: ManifestFile[], after: ManifestFile[]) {
  const b = extractTopology(before);
  const a = extractTopology(after);
  return diffFindings(b, a, diffTopology(b.exposures, a.exposures));
}

const combined = parse(readFileSync("examples/combined.yaml", "utf8")) as Spec;

test("dropping Kong, Cilium and their load balancers is an error for each, naming what goes", () => {
  const errors = findings(render(combined), render(withoutKongAndCilium(combined))).filter((f) => f.severity === "error");
  const about = (needle: string) => errors.filter((f) => f.message.includes(needle));
  // Rendered now, CRD and CNI Applications have no finalizer: Argo CD orphans what they installed.
  assert.match(
    about("'platform-apne1-cilium'")[0]?.message ?? "",
    /stops managing Cilium, the cluster's CNI.*stays in the cluster, unmanaged/,
  );
  assert.match(about("'platform-apne1-kong-api'")[0]?.message ?? "", /the Kong controller and proxy$/);
  assert.match(about("'platform-apne1-kong-crds'")[0]?.message ?? "", /stops managing Kong's CRDs/);
  assert.equal(about("'platform-apne1-cilium'")[0]?.path, "apps/cilium.yaml");
  // A load balancer nothing defines any more is deleted by ALBC: an error too.
  assert.equal(about("alb 'api-alb' is deleted").length, 1);
  assert.equal(about("nlb 'gateway-nlb' is deleted").length, 1);
  // Nothing needs Gateway API any more, so its CRD Application goes too.
  assert.match(about("'platform-apne1-gateway-api-crds'")[0]?.message ?? "", /the Gateway API CRDs, and with them every Gateway and route/);
  assert.equal(errors.length, 6, errors.map((f) => f.message).join("\n"));
});

test("an Application removed while it carries the resources finalizer is said to delete what it installed (argo-cd docs/user-guide/app_deletion.md)", () => {
  // A folder written before CRD Applications lost their finalizer: Argo CD acts on the live object's.
  const before = render(combined).map((f) =>
    f.file === "apps/cilium.yaml"
      ? {
          ...f,
          content: f.content.replace(
            /^ {2}name: platform-apne1-cilium$/m,
            "  finalizers: [resources-finalizer.argocd.argoproj.io]\n  name: platform-apne1-cilium",
          ),
        }
      : f,
  );
  const all = findings(before, render(withoutKongAndCilium(combined)));
  const cilium = all.find((f) => f.message.includes("'platform-apne1-cilium'"));
  assert.ok(cilium);
  assert.equal(cilium.severity, "error");
  assert.match(cilium.message, /through its resources finalizer, deletes what it installed: Cilium, the cluster's CNI/);
  // What is destroyed is the PR's first sentence, not only "other errors below"; an orphaning removal destroys nothing.
  const folder = {
    spec: "platform-apne1",
    folder: "f",
    before: [],
    after: [],
    topology: { added: [], removed: [], changed: [] },
    files: [],
  };
  const risk = visibleText(renderGfm(headline([{ ...folder, findings: all }])));
  assert.match(
    risk,
    /deletes 2 Argo CD Applications and what they installed \(platform-apne1-cilium \(Cilium, the cluster's CNI[^)]*\), platform-apne1-kong-api \(the Kong controller and proxy\)\)/,
  );
  assert.doesNotMatch(risk, /kong-crds|gateway-api-crds/);
});

test("the chart Applications of an ApplicationSet are read back from its elements", () => {
  const appset = { ...combined, argocd: { applicationSet: true } };
  const errors = findings(render(appset), render(withoutKongAndCilium(appset))).filter((f) => f.message.includes("Argo CD Application"));
  assert.deepEqual(errors.map((f) => [f.message.match(/'([^']+)'/)?.[1], f.path]).sort(), [
    ["platform-apne1-cilium", "apps/charts.yaml"],
    ["platform-apne1-gateway-api-crds", "apps/gateway-api-crds.yaml"],
    ["platform-apne1-kong-api", "apps/charts.yaml"],
    ["platform-apne1-kong-crds", "apps/kong-crds.yaml"],
  ]);
});

test("an ApplicationSet that does not preserve resources gives every generated Application the finalizer (argo-cd applicationset/utils/utils.go, RenderTemplateParams)", () => {
  const appset = { ...combined, argocd: { applicationSet: true } };
  const cilium = (before: ManifestFile[]) =>
    findings(before, render(withoutKongAndCilium(appset))).find((f) => f.message.includes("'platform-apne1-cilium'"))?.message ?? "";
  // As rendered: the element carries no finalizer, and the ApplicationSet keeps Argo CD from adding one.
  assert.match(cilium(render(appset)), /stays in the cluster, unmanaged/);
  // Written without preserveResourcesOnDeletion, Argo CD adds it, and a template patch cannot take it away.
  const unpreserved = render(appset).map((f) =>
    f.file === "apps/charts.yaml"
      ? { ...f, content: f.content.replace(/^ {2}syncPolicy:\n {4}preserveResourcesOnDeletion: true\n/m, "") }
      : f,
  );
  assert.notDeepEqual(unpreserved, render(appset));
  assert.match(cilium(unpreserved), /through its resources finalizer, deletes what it installed: Cilium, the cluster's CNI/);
});

test("a spec change that keeps every controller raises no such error", () => {
  const renamed = { ...combined, routes: combined.routes.map((r, i) => (i === 0 ? { ...r, name: "www2" } : r)) };
  assert.deepEqual(
    findings(render(combined), render(renamed)).filter((f) => f.message.includes("Argo CD Application")),
    [],
  );
});
