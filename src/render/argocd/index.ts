// Argo CD: one Application per intent the providers asked for (charts with a `$values` source
// from the GitOps repository, the CRD set), one for the route manifests in the highest wave, and
// the root app-of-apps that owns them all so cross-Application sync waves take effect.
import type { SpecEntry, Topology } from "../../model/types.ts";
import { APPS_DIR, MANIFESTS_DIR, valuesFile } from "../layout.ts";
import { APP_WAVES, type AppIntent } from "../provider.ts";
import type { KubeObject, TemplateSet } from "../templates.ts";

export interface RenderedApplication {
  readonly name: string;
  readonly object: KubeObject;
  readonly source: SpecEntry;
}

export function applicationName(topology: Topology, intent: string): string {
  return `${topology.name}-${intent}`;
}

/** The Applications of a spec: every intent, the routes Application (if any manifest) and the root. */
export function renderApplications(topology: Topology, templates: TemplateSet, intents: readonly AppIntent[], hasManifests: boolean): { root: RenderedApplication; children: RenderedApplication[] } {
  const routes: AppIntent[] = hasManifests
    ? [
        {
          name: "routes",
          namespace: "default",
          wave: APP_WAVES.routes,
          source: { kind: "git", directory: { repoURL: topology.gitops.repoURL, targetRevision: topology.gitops.targetRevision, path: `${topology.gitops.path}/${MANIFESTS_DIR}`, recurse: true } },
          serverSideApply: true,
          cascadeDelete: true,
          prune: true,
          ignoreDifferences: [],
          origin: `spec:${topology.name}`,
        },
      ]
    : [];
  const charts = topology.argocd.applicationSet ? intents.filter((i) => i.source.kind === "helm") : [];
  const children = [
    ...[...intents, ...routes].filter((i) => !charts.includes(i)).map((intent) => ({ name: intent.name, object: application(topology, templates, intent, false), source: intent.origin })),
    ...(charts.length === 0 ? [] : [{ name: "charts", object: applicationSet(topology, templates, charts), source: `spec:${topology.name}` }]),
  ];
  const root: AppIntent = {
    name: "ingress",
    namespace: topology.argocd.namespace,
    wave: 0,
    source: { kind: "git", directory: { repoURL: topology.gitops.repoURL, targetRevision: topology.gitops.targetRevision, path: `${topology.gitops.path}/${APPS_DIR}` } },
    serverSideApply: false,
    cascadeDelete: true,
    prune: true,
    ignoreDifferences: [],
    origin: `spec:${topology.name}`,
  };
  return { root: { name: root.name, object: application(topology, templates, root, true), source: root.origin }, children };
}

function application(topology: Topology, templates: TemplateSet, intent: AppIntent, isRoot: boolean): KubeObject {
  const { argocd, gitops } = topology;
  const syncOptions = [
    ...(intent.source.kind === "helm" ? ["CreateNamespace=true"] : []),
    ...(intent.serverSideApply ? ["ServerSideApply=true"] : []),
    // Without it a sync started by any other change re-applies the fields ignoreDifferences hides.
    ...(intent.ignoreDifferences.length > 0 ? ["RespectIgnoreDifferences=true"] : []),
  ];
  return templates.render("application", {
    name: applicationName(topology, intent.name),
    namespace: argocd.namespace,
    wave: isRoot ? null : String(intent.wave),
    cascadeDelete: intent.cascadeDelete,
    project: argocd.project,
    destination: { ...argocd.destination, namespace: intent.namespace },
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
    automated: argocd.syncPolicy.automated ? { prune: argocd.syncPolicy.prune && intent.prune, selfHeal: argocd.syncPolicy.selfHeal } : null,
    syncOptions,
    ignoreDifferences: intent.ignoreDifferences.length > 0 ? intent.ignoreDifferences : null,
    // Only a chart Application creates its namespace (CreateNamespace=true), and Argo CD labels only what it creates.
    namespaceLabels: intent.source.kind === "helm" ? (intent.namespaceLabels ?? null) : null,
  });
}

/**
 * The chart Applications as one ApplicationSet: a list generator with an element per chart, and
 * a RollingSync strategy with a step per wave, which stands in for sync waves (they do not order
 * Applications an ApplicationSet generates).
 */
function applicationSet(topology: Topology, templates: TemplateSet, charts: readonly AppIntent[]): KubeObject {
  const { argocd, gitops } = topology;
  const elements = charts.map((intent) => {
    if (intent.source.kind !== "helm") throw new Error("only chart Applications are generated");
    const chart = intent.source.chart;
    return {
      name: intent.name,
      namespace: intent.namespace,
      wave: String(intent.wave),
      repoURL: chart.repoURL,
      chart: chart.name,
      version: chart.version,
      releaseName: chart.releaseName,
      valueFile: `$values/${gitops.path}/${valuesFile(intent.name)}`,
      ignoreDifferences: intent.ignoreDifferences,
      namespaceLabels: intent.namespaceLabels ?? {},
      skipCrds: chart.skipCrds === true,
    };
  });
  const waves = [...new Set(charts.map((c) => c.wave))].sort((a, b) => a - b).map((wave) => ({ values: [String(wave)] }));
  // Applied per generated Application: the drift each chart needs ignored, where it has any, the
  // labels of the namespace it creates, and skipCrds, a boolean the template's strings cannot
  // carry. A patch replaces lists whole, so skipCrds restates both sources; the GitOps repository
  // goes in as Go string literals, which JSON string syntax is, so no `{{` in it is ever run.
  const templatePatch = [
    "{{- if or .ignoreDifferences .namespaceLabels .skipCrds }}",
    "spec:",
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
    "{{- if or .ignoreDifferences .namespaceLabels }}",
    "  syncPolicy:",
    "{{- if .ignoreDifferences }}",
    "    syncOptions: [CreateNamespace=true, ServerSideApply=true, RespectIgnoreDifferences=true]",
    "{{- end }}",
    "{{- if .namespaceLabels }}",
    "    managedNamespaceMetadata: {labels: {{ toJson .namespaceLabels }}}",
    "{{- end }}",
    "{{- end }}",
    "{{- end }}",
    "",
  ].join("\n");
  return templates.render("applicationset", {
    name: applicationName(topology, "charts"),
    namespace: argocd.namespace,
    elements,
    waves,
    appName: `${topology.name}-{{.name}}`,
    labels: { "ingress-gitops.io/wave": "{{.wave}}" },
    project: argocd.project,
    destination: { ...argocd.destination, namespace: "{{.namespace}}" },
    gitops,
    chartField: { repoURL: "{{.repoURL}}", chart: "{{.chart}}", version: "{{.version}}", releaseName: "{{.releaseName}}", valueFile: "{{.valueFile}}" },
    templatePatch,
  });
}
