// Every fixture's Applications walked the way Argo CD orders them, against the rules that make a
// sync converge and keep it from deleting what the cluster shares. Each assertion names its rule.
import assert from "node:assert/strict";
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { renderCases } from "../../scripts/update-render-goldens.ts";
import { buildModel } from "../../src/model/build.ts";
import type { Model } from "../../src/model/types.ts";
import { renderModel } from "../../src/render/render.ts";
import { loadTemplates } from "../../src/render/templates.ts";
import { validateSpecBytes } from "../../src/validate/validate.ts";
import { installedApplications } from "../../src/topology/applications.ts";
import { readDocuments } from "../../src/topology/documents.ts";
import type { Manifest } from "../support/manifest.ts";

type Automated = { prune?: boolean; selfHeal?: boolean };
type AppSpec = {
  destination: { server?: string; name?: string; namespace?: string };
  source?: { path?: string };
  syncPolicy?: { automated?: Automated; syncOptions?: string[] };
};

/** One Application as Argo CD runs it: where it sits in the order, and what it carries. */
interface Walked {
  readonly name: string;
  readonly file: string;
  /** [root sync wave, RollingSync step]: the root applies waves in order, a RollingSync its steps. */
  readonly order: readonly [number, number];
  readonly labels: Record<string, string>;
  readonly finalizers: readonly string[];
  /** Its automated sync policy, which RollingSync also takes its prune from. */
  readonly automated: Automated | undefined;
  readonly syncOptions: readonly string[];
  readonly chart: string | undefined;
  /** The manifests it syncs from the GitOps folder. */
  readonly objects: readonly Manifest[];
}

const RESOURCES_FINALIZER = "resources-finalizer.argocd.argoproj.io";
/** What puts an object in a wave or phase of its own, so that its sync waits for the ones before. */
const WAVE_ANNOTATIONS = ["argocd.argoproj.io/sync-wave", "argocd.argoproj.io/hook", "helm.sh/hook"];
const ARGOCD_CLUSTER = "https://kubernetes.default.svc";

// Kubernetes' own rules (k8s.io/apimachinery/pkg/util/validation/validation.go: qualifiedNameFmt,
// labelValueFmt, DNS1123SubdomainMaxLength; pkg/api/validation/objectmeta.go: TotalAnnotationSizeLimitB).
const NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const TOTAL_ANNOTATION_SIZE = 256 * 1024;

function keyProblem(key: string): string | undefined {
  const [prefix, name] = key.includes("/") ? [key.slice(0, key.indexOf("/")), key.slice(key.indexOf("/") + 1)] : [undefined, key];
  if (prefix !== undefined && (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)))
    return `prefix of ${key} is not a DNS-1123 subdomain`;
  if (name.length > 63 || !NAME_PART.test(name)) return `name part of ${key} is not a qualified name`;
  return undefined;
}

function labelProblems(labels: Record<string, string>): string[] {
  return Object.entries(labels).flatMap(([k, v]) =>
    [keyProblem(k) ?? [], v.length <= 63 && LABEL_VALUE.test(v) ? [] : `label ${k}: "${v}" is not a valid label value`].flat(),
  );
}

function annotationProblems(annotations: Record<string, string>): string[] {
  const size = Object.entries(annotations).reduce((n, [k, v]) => n + k.length + v.length, 0);
  return [
    ...Object.keys(annotations).flatMap((k) => keyProblem(k) ?? []),
    ...(size > TOTAL_ANNOTATION_SIZE ? [`annotations total ${size} bytes`] : []),
  ];
}

/** Which Application installs the CRD of an API group; undefined for Kubernetes' own kinds. */
function crdOwner(group: string, apps: readonly Walked[]): Walked | undefined | "built-in" {
  if (group === "" || group === "networking.k8s.io") return "built-in";
  if (group === "gateway.networking.k8s.io") return apps.find((a) => a.name.endsWith("-gateway-api-crds"));
  // Kong's come once, from the kong chart's crds/ folder (the ingress chart skips its two copies).
  if (group === "configuration.konghq.com") return apps.find((a) => a.name.endsWith("-kong-crds"));
  // ALBC's Gateway API CRDs are not in its chart: they come from its repository's config/crd/gateway.
  if (group === "gateway.k8s.aws") return apps.find((a) => a.name.endsWith("-aws-gateway-crds"));
  // ALBC's chart ships its CRDs in crds/, Istio's base chart in its templates.
  const chart = ({ "elbv2.k8s.aws": "aws-load-balancer-controller", "networking.istio.io": "base" } as Record<string, string>)[group];
  return chart === undefined ? undefined : apps.find((a) => a.chart === chart);
}

/** Kinds with a CRD that a chart's own templates render (Cilium's gatewayClass.create: "true" renders a GatewayClass). */
const CHART_USES: Readonly<Record<string, readonly string[]>> = { cilium: ["gateway.networking.k8s.io"] };

const apiGroup = (o: Manifest) => (o.apiVersion.includes("/") ? (o.apiVersion.split("/")[0] ?? "") : "");
const templates = loadTemplates();

function render(spec: string, text: Uint8Array = readFileSync(spec)): { files: Map<string, Manifest>; model: Model } {
  const { valid, problems } = validateSpecBytes(spec, text);
  assert.ok(valid, `${spec}: ${JSON.stringify(problems)}`);
  const topology = buildModel(valid);
  // Kubernetes objects only: values files are Helm's input, not objects.
  const objects = renderModel(topology, templates).files.filter((f) => !f.path.startsWith("values/"));
  return { files: new Map(objects.map((f) => [f.path, parse(f.content) as Manifest])), model: topology };
}

function walk(files: Map<string, Manifest>, gitopsPath: (p: string) => string): Walked[] {
  const inFolder = (dir: string) => [...files].filter(([p]) => p.startsWith(`${gitopsPath(dir)}/`)).map(([, o]) => o);
  return [...files].flatMap(([file, o]): Walked[] => {
    if (!file.startsWith("apps/")) return [];
    const wave = Number(o.metadata.annotations?.["argocd.argoproj.io/sync-wave"] ?? 0);
    if (o.kind === "Application") {
      const spec = o.spec as AppSpec & { sources?: { chart?: string }[] };
      return [
        {
          name: o.metadata.name,
          file,
          order: [wave, 0],
          labels: o.metadata.labels ?? {},
          finalizers: o.metadata.finalizers ?? [],
          automated: spec.syncPolicy?.automated,
          syncOptions: spec.syncPolicy?.syncOptions ?? [],
          chart: spec.sources?.find((s) => s.chart !== undefined)?.chart,
          objects: spec.source?.path === undefined ? [] : inFolder(spec.source.path),
        },
      ];
    }
    // An ApplicationSet: each element is an Application in the RollingSync step its label selects.
    const set = o.spec as {
      generators: { list: { elements: Record<string, unknown>[] } }[];
      strategy: { rollingSync: { steps: { matchExpressions: { key: string; values: string[] }[] }[] } };
      syncPolicy?: { preserveResourcesOnDeletion?: boolean };
      template: { metadata: { name: string; labels: Record<string, string>; finalizers?: string[] } };
      templatePatch: string;
    };
    // Argo CD gives a generated Application the resources finalizer when its template has none,
    // unless the ApplicationSet preserves resources on deletion, and then applies the templatePatch
    // (argo-cd v3.5.1 applicationset/utils/utils.go RenderTemplateParams, then
    // applicationset/controllers/template/template.go), which can add finalizers but not remove them.
    const templateFinalizers = set.template.metadata.finalizers ?? [];
    const given =
      templateFinalizers.length === 0 && set.syncPolicy?.preserveResourcesOnDeletion !== true ? [RESOURCES_FINALIZER] : templateFinalizers;
    const steps = set.strategy.rollingSync.steps;
    return (set.generators[0]?.list.elements ?? []).map((e) => {
      const fill = (s: string) =>
        s.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, key: string) => (typeof e[key] === "string" ? e[key] : JSON.stringify(e[key])));
      const labels = Object.fromEntries(Object.entries(set.template.metadata.labels).map(([k, v]) => [k, fill(v)]));
      const step = steps.findIndex((s) => s.matchExpressions.every((m) => m.values.includes(labels[m.key] ?? "")));
      assert.ok(step >= 0, `${file}: element ${String(e["name"])} is in no RollingSync step, so RollingSync never syncs it`);
      // Each `{{- if .key }} … {{- end }}` block kept only where the element's value is true as Go templates judge it.
      const kept = set.templatePatch.replace(/\{\{- if \.(\w+) \}\}([\s\S]*?)\{\{- end \}\}/g, (_, key: string, body: string) =>
        goTruthy(e[key]) ? body : "",
      );
      const patch = parse(fill(kept.replace(/toJson /g, ""))) as {
        metadata?: { finalizers?: string[] };
        spec: { syncPolicy: AppSpec["syncPolicy"] };
      };
      return {
        name: fill(set.template.metadata.name),
        file,
        order: [wave, step + 1] as const,
        labels,
        finalizers: [...new Set([...given, ...(patch.metadata?.finalizers ?? [])])],
        automated: patch.spec.syncPolicy?.automated,
        syncOptions: e["syncOptions"] as string[],
        chart: e["chart"] as string,
        objects: [],
      };
    });
  });
}

/** Go templates' truth: false, 0, nil and empty strings, lists and maps are false (text/template, "if"). */
function goTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  return typeof value !== "object" || Object.keys(value).length > 0;
}

/** The Applications that install CRDs or the CNI, as the topology reader tells them from their sources. */
function clusterWideApplications(files: Map<string, Manifest>): Set<string> {
  const docs = readDocuments([...files].map(([file, o]) => ({ file, content: "", documents: [o] }))).docs;
  return new Set(
    installedApplications(docs)
      .filter((a) => a.clusterWide)
      .map((a) => a.name),
  );
}

const before = (a: Walked, b: Walked) => a.order[0] < b.order[0] || (a.order[0] === b.order[0] && a.order[1] < b.order[1]);

for (const c of renderCases()) {
  test(`${c.name}: Argo CD would converge, in order, and could delete nothing cluster-wide`, () => {
    const { files, model } = render(c.spec);
    const namespace = model.argocd.namespace;
    const root = files.get("root.yaml");
    assert.ok(root);
    const rootPath = (root.spec as AppSpec).source?.path ?? "";
    const folder = rootPath.replace(/\/apps$/, "");
    const apps = walk(files, (p) => p.slice(folder.length + 1));

    // Kubernetes: every label key and value, and every annotation key and their total size, of
    // every object (the generated Applications' labels as the ApplicationSet fills them in).
    for (const [file, o] of files) {
      assert.deepEqual([...labelProblems(o.metadata.labels ?? {}), ...annotationProblems(o.metadata.annotations ?? {})], [], file);
    }
    for (const app of apps) assert.deepEqual(labelProblems(app.labels), [], `${app.file}: ${app.name}`);

    // Argo CD watches Application objects only in its own namespace on its own cluster
    // (declarative-setup.md): the root deploys them there, and they all live in that namespace.
    assert.deepEqual((root.spec as AppSpec).destination, { server: ARGOCD_CLUSTER, namespace });
    for (const [file, o] of files) if (o.apiVersion.startsWith("argoproj.io/")) assert.equal(o.metadata.namespace, namespace, file);

    // Argo CD applies a resource only once its CRD exists: from an Application earlier in the
    // order (root sync waves, then RollingSync steps), or its own chart. Until then the dry-run
    // fails the whole sync unless SkipDryRunOnMissingResource=true.
    for (const app of apps) {
      const needs = [...new Set([...app.objects.map(apiGroup), ...(CHART_USES[app.chart ?? ""] ?? [])])];
      for (const group of needs) {
        const owner = crdOwner(group, apps);
        if (owner === "built-in") continue;
        assert.ok(owner, `${app.name} needs ${group}, which no Application installs`);
        assert.ok(
          before(owner, app),
          `${app.name} (${app.order.join("/")}) needs ${group} from ${owner.name} (${owner.order.join("/")}), which comes no earlier`,
        );
        assert.ok(
          app.syncOptions.includes("SkipDryRunOnMissingResource=true"),
          `${app.name} uses ${group} from ${owner.name} without SkipDryRunOnMissingResource`,
        );
      }
    }

    // A sync waits for a wave to turn healthy only when another wave follows it, and succeeds
    // once its last wave is applied, healthy or not (gitops-engine/pkg/sync/sync_context.go in
    // argo-cd v3.5.1: "successfully synced (all tasks run)", "EVEN if those objects subsequently
    // degrades"). From Argo CD 3.1 a Gateway is Healthy only once Programmed
    // (resource_customizations/gateway.networking.k8s.io/Gateway/health.lua), and Cilium leaves it
    // "Gateway waiting for address" until its Service has a load-balancer address
    // (cilium operator/pkg/gateway-api/gateway_reconcile.go), which nothing writes behind an
    // external NLB. So every Application of manifests syncs in one wave, sits in the root's last
    // wave, and holds one gateway's objects: such a Gateway, a stuck Ingress or a Degraded route
    // holds back no other gateway, no later wave, and no sync of the next commit.
    const lastWave = Math.max(...apps.map((a) => a.order[0]));
    const gatewayOf = new Map(
      model.gateways.flatMap((g) => [[g.source, g.name] as const, ...g.routes.map((r) => [r.source, g.name] as const)]),
    );
    for (const app of apps.filter((a) => a.objects.length > 0)) {
      assert.deepEqual(app.order, [lastWave, 0], `${app.name} is not in the root's last wave`);
      const waved = app.objects.filter((o) => WAVE_ANNOTATIONS.some((a) => o.metadata.annotations?.[a] !== undefined));
      assert.deepEqual(
        waved.map((o) => `${o.kind}/${o.metadata.name}`),
        [],
        `${app.name} syncs in more than one wave`,
      );
      const gateways = new Set(app.objects.flatMap((o) => gatewayOf.get(o.metadata.annotations?.["ingress-gitops.io/source"] ?? "") ?? []));
      assert.ok(gateways.size <= 1, `${app.name} holds the objects of gateways ${[...gateways].join(", ")}`);
    }

    // Argo CD deletes what an Application installed only through the resources finalizer
    // (docs/user-guide/app_deletion.md), and prunes only with automated.prune: neither may reach
    // CRDs or the CNI. Which Applications install those is read back by the topology reader.
    const clusterWide = clusterWideApplications(files);
    for (const app of apps.filter((a) => clusterWide.has(a.name))) {
      assert.deepEqual([app.finalizers, app.automated?.prune ?? false], [[], false], `${app.name} installs CRDs or the CNI`);
    }

    // Argo CD names Applications uniquely in its namespace: two of one run would overwrite each other.
    const names = [
      root.metadata.name,
      ...apps.map((a) => a.name),
      ...[...files.values()].filter((o) => o.kind === "ApplicationSet").map((o) => o.metadata.name),
    ];
    assert.deepEqual(
      names.filter((n, i) => names.indexOf(n) !== i),
      [],
    );
  });
}

test("the label rules the walk checks refuse what the API server refuses", () => {
  assert.deepEqual(labelProblems({ "ingress-gitops.io/wave": "-30" }), ['label ingress-gitops.io/wave: "-30" is not a valid label value']);
  assert.deepEqual(labelProblems({ "ingress-gitops.io/wave": "wave-30", "app.kubernetes.io/managed-by": "ingress-gitops" }), []);
  assert.equal(labelProblems({ "Bad_Prefix/x": "v" }).length, 1);
  assert.equal(labelProblems({ x: "v".repeat(64) }).length, 1);
  assert.equal(annotationProblems({ a: "x".repeat(TOTAL_ANNOTATION_SIZE) }).length, 1);
});

test("the walk orders RollingSync steps after the ApplicationSet's wave and before later waves", () => {
  const { files } = render("test/fixtures/render/applicationset/spec.yaml");
  const apps = walk(files, (p) => p.slice("clusters/platform-appset/ingress/".length));
  const order = (suffix: string) => apps.find((a) => a.name.endsWith(suffix))?.order;
  assert.deepEqual(
    [order("-gateway-api-crds"), order("-aws-load-balancer-controller"), order("-istio-base"), order("-istiod"), order("-routes-edge")],
    [
      [-40, 0],
      [-30, 1],
      [-30, 2],
      [-30, 3],
      [10, 0],
    ],
  );
});

test("the generated Applications prune and self-heal as argocd.syncPolicy says, the CRD and CNI ones never pruning", () => {
  // RollingSync turns automated sync of the generated Applications off and syncs each with the
  // prune of its own automated policy, as the ApplicationSet made it (templatePatch included):
  // argo-cd v3.5.1 applicationset/progressivesync/progressive_sync.go, SyncDesiredApplications.
  // Without progressive syncs that policy is what syncs them.
  const spec = readFileSync("test/fixtures/render/applicationset/spec.yaml", "utf8");
  const variants: [string, Automated | undefined][] = [
    ["{}", { prune: true, selfHeal: true }],
    ["{prune: false, selfHeal: false}", { prune: false, selfHeal: false }],
    ["{automated: false}", undefined],
  ];
  for (const [syncPolicy, expected] of variants) {
    const text = spec.replace("  applicationSet: true\n", `  applicationSet: true\n  syncPolicy: ${syncPolicy}\n`);
    const { files } = render("applicationset.yaml", new TextEncoder().encode(text));
    const generated = walk(files, (p) => p).filter((a) => a.file === "apps/charts.yaml");
    assert.ok(generated.length > 0);
    const clusterWide = clusterWideApplications(files);
    assert.ok(generated.some((a) => clusterWide.has(a.name)) && generated.some((a) => !clusterWide.has(a.name)));
    for (const app of generated) {
      const kept = clusterWide.has(app.name) && expected !== undefined ? { ...expected, prune: false } : expected;
      assert.deepEqual(app.automated, kept, `${syncPolicy}: ${app.name}`);
    }
  }
});
