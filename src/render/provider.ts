// What a provider is: a pure function from the model to manifests and Argo CD application
// intents. Providers know the model and the templates, never each other, GitHub or the disk.
import type { SpecEntry, Model } from "../model/types.ts";
import type { HelmValues } from "../validate/types.ts";
import type { KubeObject, TemplateSet } from "./templates.ts";
import { gatewayAppName } from "../controllers/names.ts";

export interface RenderContext {
  readonly model: Model;
  readonly templates: TemplateSet;
}

/**
 * A manifest and the Application that syncs it: one per gateway (`gatewayApp`) or per directly
 * exposed Service (`serviceApp`), so that one gateway's object that never turns healthy or a
 * route Argo CD calls Degraded holds back nobody else's. There are no waves inside them: each
 * object needs only its CRD, which an earlier Application installs, and a one-wave sync ends as
 * soon as everything is applied, healthy or not (gitops-engine sync_context.go, "successfully
 * synced (all tasks run)"), so an external-NLB Cilium Gateway that never gets an address
 * gates nothing.
 */
export interface Manifest {
  readonly object: KubeObject;
  readonly source: SpecEntry;
  readonly app: ManifestApp;
}

/** An Application of manifests: its short name and the spec entry it exists for. */
export interface ManifestApp {
  readonly name: string;
  readonly origin: SpecEntry;
}

/** The Application of a gateway's own objects, what fronts it and its routes. */
export function gatewayApp(gateway: { readonly name: string; readonly source: SpecEntry }): ManifestApp {
  return { name: gatewayAppName(gateway.name), origin: gateway.source };
}

/** The Application of the LoadBalancer Service of an NLB that exposes one workload directly. */
export function serviceApp(loadBalancer: { readonly name: string; readonly source: SpecEntry }): ManifestApp {
  return { name: `service-${loadBalancer.name}`, origin: loadBalancer.source };
}

/** Charts whose values ingress-gitops validates (see src/verify). */
export type ValuesChart = "aws-load-balancer-controller" | "cilium" | "istio-base" | "istiod" | "istio-gateway" | "kong-ingress";

export interface HelmChart {
  readonly repoURL: string;
  readonly name: string;
  readonly version: string;
  readonly releaseName: string;
  readonly values: HelmValues;
  readonly valuesChart: ValuesChart;
  /** Leave out the chart's (and its subcharts') crds/ folders: another Application installs them once. */
  readonly skipCrds?: boolean;
}

export interface GitDirectory {
  readonly repoURL: string;
  readonly targetRevision: string;
  readonly path: string;
  /** Sync the files of sub-folders too (the manifests are grouped by namespace). */
  readonly recurse?: boolean;
}

export interface IgnoreDifference {
  readonly group?: string;
  readonly kind: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly jsonPointers?: readonly string[];
  readonly jqPathExpressions?: readonly string[];
}

/** An Argo CD Application a provider needs; the argocd renderer turns it into one. */
export interface AppIntent {
  /** Short name, unique in the spec; the Application is `<spec>-<name>`. */
  readonly name: string;
  readonly namespace: string;
  readonly wave: number;
  readonly source: { readonly kind: "helm"; readonly chart: HelmChart } | { readonly kind: "git"; readonly directory: GitDirectory };
  readonly serverSideApply: boolean;
  /**
   * What it installs for the whole cluster, which deleting it would take from everyone (other
   * teams' custom resources go with a CRD, every pod's network with the CNI). Such an
   * Application has no resources finalizer and never prunes, so neither removing it from the
   * spec, nor deleting the root, nor a chart release that drops a CRD deletes them.
   */
  readonly clusterWide: readonly ClusterWide[];
  /** Its chart renders objects whose CRD another Application installs (so dry-run must skip them until it has). */
  readonly usesOtherCrds: boolean;
  readonly ignoreDifferences: readonly IgnoreDifference[];
  /** Labels for the namespace a chart Application creates (Argo CD's managedNamespaceMetadata). */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
  readonly origin: SpecEntry;
}

/** `crds`: CustomResourceDefinitions Argo CD applies; `cni`: the cluster's pod network. */
export type ClusterWide = "crds" | "cni";

export interface ProviderOutput {
  readonly manifests: readonly Manifest[];
  readonly apps: readonly AppIntent[];
}

export interface Provider {
  readonly name: string;
  render(ctx: RenderContext): ProviderOutput;
}

/**
 * Argo CD sync waves across Applications (app-of-apps): CRDs < ALBC < CNI and mesh control
 * planes < gateways < routes, and istio-base < istiod < istio gateway. The routes Applications
 * are the root's last wave, which the root's sync does not wait to turn healthy.
 */
export const APP_WAVES = { crds: -40, albc: -30, cni: -20, meshBase: -20, meshControl: -10, gateways: 0, routes: 10 } as const;

/**
 * ALBC injects pod readiness gates only in namespaces with this label, and only for ip targets;
 * without them a rolling update can leave a target group with no healthy target
 * (aws-load-balancer-controller docs/deploy/pod_readiness_gate.md).
 */
export function readinessGates(targetType: "ip" | "instance"): Pick<AppIntent, "namespaceLabels"> {
  return targetType === "ip" ? { namespaceLabels: { "elbv2.k8s.aws/pod-readiness-gate-inject": "enabled" } } : {};
}

export function nothing(): ProviderOutput {
  return { manifests: [], apps: [] };
}
