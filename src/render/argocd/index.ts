// Argo CD: one Application per intent the providers asked for (charts with a `$values` source
// from the GitOps repository, the CRD set), one per gateway for its manifests in the highest
// wave, and the root app-of-apps that owns them all so cross-Application sync waves take effect.
import type { SpecEntry, Model } from "../../model/types.ts";
import { groupBy } from "../../group-by.ts";
import { applicationName } from "../../controllers/names.ts";
import { APPS_DIR, manifestsDir, valuesFile } from "../layout.ts";
import { APP_WAVES, type AppIntent, type Manifest } from "../provider.ts";
import type { KubeObject, TemplateSet } from "../templates.ts";

export interface RenderedApplication {
  readonly name: string;
  readonly object: KubeObject;
  readonly source: SpecEntry;
}

/**
 * Application and ApplicationSet objects only work in Argo CD's own namespace on the cluster Argo
 * CD runs on (declarative-setup.md), so the root deploys its children there, whichever cluster
 * `argocd.destination` names for what they deploy.
 */
const ARGOCD_CLUSTER = "https://kubernetes.default.svc";

/** Kinds of these groups come with Kubernetes; every other group is a CRD some Application installs. */
const BUILT_IN_GROUPS: ReadonlySet<string> = new Set(["", "networking.k8s.io"]);

/** The label RollingSync steps select by. */
export const WAVE_LABEL = "ingress-gitops.io/wave";

/**
 * A wave as a label value: those must begin and end with a letter or digit (apimachinery
 * labelValueFmt), which "-30" does not.
 */
export function waveLabelValue(wave: number): string {
  return `wave${wave}`;
}

/** The Applications of a spec: every intent, an Application per group of manifests, and the root. */
export function renderApplications(
  model: Model,
  templates: TemplateSet,
  intents: readonly AppIntent[],
  manifests: readonly Manifest[],
): { root: RenderedApplication; children: RenderedApplication[] } {
  const { argocd, gitops } = model;
  // Grouped by name: each manifest carries its own copy of the ManifestApp.
  const manifestApps = [...groupBy(manifests, (m) => m.app.name).values()].flatMap((group): AppIntent[] => {
    const app = group[0]?.app;
    return app === undefined
      ? []
      : [
          {
            name: app.name,
            namespace: "default",
            wave: APP_WAVES.routes,
            source: {
              kind: "git",
              directory: {
                repoURL: gitops.repoURL,
                targetRevision: gitops.targetRevision,
                path: `${gitops.path}/${manifestsDir(app.name)}`,
                recurse: true,
              },
            },
            serverSideApply: true,
            clusterWide: [],
            usesOtherCrds: group.some((m) => !BUILT_IN_GROUPS.has(apiGroup(m.object))),
            ignoreDifferences: [],
            origin: app.origin,
          },
        ];
  });
  const charts = argocd.applicationSet ? intents.filter(isChart) : [];
  const destination = (namespace: string) => ({ ...argocd.destination, namespace });
  const children = [
    ...[...intents, ...manifestApps]
      .filter((i) => !charts.some((chart) => chart === i))
      .map((intent) => ({
        name: intent.name,
        object: application(model, templates, intent, destination(intent.namespace), String(intent.wave)),
        source: intent.origin,
      })),
    ...(charts.length === 0 ? [] : [{ name: "charts", object: applicationSet(model, templates, charts), source: `spec:${model.name}` }]),
  ];
  const root: AppIntent = {
    name: "ingress",
    namespace: argocd.namespace,
    wave: 0,
    source: {
      kind: "git",
      directory: { repoURL: gitops.repoURL, targetRevision: gitops.targetRevision, path: `${gitops.path}/${APPS_DIR}` },
    },
    serverSideApply: false,
    clusterWide: [],
    usesOtherCrds: false,
    ignoreDifferences: [],
    origin: `spec:${model.name}`,
  };
  const rootObject = application(model, templates, root, { server: ARGOCD_CLUSTER, namespace: argocd.namespace }, null);
  return { root: { name: root.name, object: rootObject, source: root.origin }, children };
}

/** An intent whose Application installs a chart: those an ApplicationSet can generate. */
type ChartIntent = AppIntent & { readonly source: Extract<AppIntent["source"], { kind: "helm" }> };

function isChart(intent: AppIntent): intent is ChartIntent {
  return intent.source.kind === "helm";
}

function apiGroup(object: KubeObject): string {
  return object.apiVersion.includes("/") ? (object.apiVersion.split("/")[0] ?? "") : "";
}

/** Whether Argo CD may delete what the Application installed: never for what the whole cluster shares. */
function mayDelete(intent: AppIntent): boolean {
  return intent.clusterWide.length === 0;
}

function syncOptions(intent: AppIntent): string[] {
  return [
    ...(intent.source.kind === "helm" ? ["CreateNamespace=true"] : []),
    ...(intent.serverSideApply ? ["ServerSideApply=true"] : []),
    // Without it a sync started by any other change re-applies the fields ignoreDifferences hides.
    ...(intent.ignoreDifferences.length > 0 ? ["RespectIgnoreDifferences=true"] : []),
    // Otherwise the dry-run of the whole sync fails while another Application has yet to install
    // a CRD, and after retry.limit that commit is never retried.
    ...(intent.usesOtherCrds ? ["SkipDryRunOnMissingResource=true"] : []),
  ];
}

function automated(model: Model, intent: AppIntent): { prune: boolean; selfHeal: boolean } | null {
  const { syncPolicy } = model.argocd;
  return syncPolicy.automated ? { prune: syncPolicy.prune && mayDelete(intent), selfHeal: syncPolicy.selfHeal } : null;
}

function application(
  model: Model,
  templates: TemplateSet,
  intent: AppIntent,
  destination: Record<string, string>,
  wave: string | null,
): KubeObject {
  const { argocd, gitops } = model;
  return templates.render("application", {
    name: applicationName(model.name, intent.name),
    namespace: argocd.namespace,
    wave,
    cascadeDelete: mayDelete(intent),
    project: argocd.project,
    destination,
    gitops,
    chart:
      intent.source.kind === "helm"
        ? {
            repoURL: intent.source.chart.repoURL,
            name: intent.source.chart.name,
            version: intent.source.chart.version,
            releaseName: intent.source.chart.releaseName,
            valueFile: `$values/${gitops.path}/${valuesFile(intent.name)}`,
            skipCrds: intent.source.chart.skipCrds === true,
          }
        : null,
    directory: intent.source.kind === "git" ? { ...intent.source.directory, recurse: intent.source.directory.recurse === true } : null,
    automated: automated(model, intent),
    syncOptions: syncOptions(intent),
    ignoreDifferences: intent.ignoreDifferences.length > 0 ? intent.ignoreDifferences : null,
    // Only a chart Application creates its namespace (CreateNamespace=true), and Argo CD labels only what it creates.
    namespaceLabels: intent.source.kind === "helm" ? (intent.namespaceLabels ?? null) : null,
  });
}

/**
 * The chart Applications as one ApplicationSet: a list generator with an element per chart, and
 * a RollingSync strategy with a step per wave, which stands in for sync waves (they do not order
 * Applications an ApplicationSet generates). The template keeps `automated`: with progressive
 * syncs on, RollingSync turns it off and syncs each step with its `prune`
 * (applicationset/progressivesync/progressive_sync.go, SyncDesiredApplications); with them off
 * the strategy is ignored and the Applications sync by themselves, in parallel.
 */
/** Where the ApplicationSet template takes each chart's source from: the generator element's fields, as Go templates. */
export const CHART_FIELD = {
  repoURL: "{{.repoURL}}",
  chart: "{{.chart}}",
  version: "{{.version}}",
  releaseName: "{{.releaseName}}",
  valueFile: "{{.valueFile}}",
} as const;

function applicationSet(model: Model, templates: TemplateSet, charts: readonly ChartIntent[]): KubeObject {
  const { argocd, gitops } = model;
  const elements = charts.map((intent) => {
    const chart = intent.source.chart;
    return {
      name: intent.name,
      namespace: intent.namespace,
      wave: waveLabelValue(intent.wave),
      repoURL: chart.repoURL,
      chart: chart.name,
      version: chart.version,
      releaseName: chart.releaseName,
      valueFile: `$values/${gitops.path}/${valuesFile(intent.name)}`,
      ignoreDifferences: intent.ignoreDifferences,
      namespaceLabels: intent.namespaceLabels ?? {},
      skipCrds: chart.skipCrds === true,
      syncOptions: syncOptions(intent),
      finalizer: mayDelete(intent),
      // Written out even with automated sync off, so every element has every key the patch reads.
      prune: automated(model, intent)?.prune ?? false,
    };
  });
  const waves = [...new Set(charts.map((c) => c.wave))].sort((a, b) => a - b);
  // Applied per generated Application: what differs between charts; Argo CD merges it over the
  // template. skipCrds is a boolean the template's strings cannot carry, and a patch replaces
  // lists whole, so it restates both sources; the GitOps repository goes in as Go string
  // literals, which JSON string syntax is, so no `{{` in it is ever run.
  const templatePatch = [
    "{{- if .finalizer }}",
    "metadata:",
    "  finalizers: [resources-finalizer.argocd.argoproj.io]",
    "{{- end }}",
    "spec:",
    "  syncPolicy:",
    ...(argocd.syncPolicy.automated ? [`    automated: {prune: {{ .prune }}, selfHeal: ${argocd.syncPolicy.selfHeal}}`] : []),
    "    syncOptions: {{ toJson .syncOptions }}",
    "{{- if .namespaceLabels }}",
    "    managedNamespaceMetadata: {labels: {{ toJson .namespaceLabels }}}",
    "{{- end }}",
    "{{- if .ignoreDifferences }}",
    "  ignoreDifferences: {{ toJson .ignoreDifferences }}",
    "{{- end }}",
    "{{- if .skipCrds }}",
    "  sources:",
    `    - {repoURL: {{ toJson ${JSON.stringify(gitops.repoURL)} }}, targetRevision: {{ toJson ${JSON.stringify(gitops.targetRevision)} }}, ref: values}`,
    "    - repoURL: {{ toJson .repoURL }}",
    "      chart: {{ toJson .chart }}",
    "      targetRevision: {{ toJson .version }}",
    "      helm: {releaseName: {{ toJson .releaseName }}, valueFiles: [{{ toJson .valueFile }}], skipCrds: true}",
    "{{- end }}",
    "",
  ].join("\n");
  return templates.render("applicationset", {
    name: applicationName(model.name, "charts"),
    namespace: argocd.namespace,
    // The root applies it with the first charts' wave, after the CRDs it needs.
    wave: String(waves[0] ?? APP_WAVES.gateways),
    elements,
    waves: waves.map((wave) => ({ key: WAVE_LABEL, values: [waveLabelValue(wave)] })),
    appName: applicationName(model.name, "{{.name}}"),
    labels: { [WAVE_LABEL]: "{{.wave}}" },
    project: argocd.project,
    destination: { ...argocd.destination, namespace: "{{.namespace}}" },
    gitops,
    chartField: CHART_FIELD,
    templatePatch,
  });
}
