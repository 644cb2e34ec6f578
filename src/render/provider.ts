// What a provider is: a pure function from the topology to manifests and Argo CD application
// intents. Providers know the model and the templates, never each other, GitHub or the disk.
import type { SpecEntry, Topology } from "../model/types.ts";
import type { HelmValues } from "../spec/types.ts";
import type { KubeObject, TemplateSet } from "./templates.ts";
import { isRecord } from "../is-record.ts";

export interface RenderContext {
  readonly topology: Topology;
  readonly templates: TemplateSet;
}

/** A manifest synced by the routes Application, ordered inside it by `wave`. */
export interface Manifest {
  readonly object: KubeObject;
  readonly source: SpecEntry;
  readonly wave: number;
}

/** Charts whose values ingress-gitops validates (see src/validate-output). */
export type ValuesChart = "aws-load-balancer-controller" | "cilium" | "istio-base" | "istiod" | "istio-gateway" | "kong-ingress";

export interface HelmChart {
  readonly repoURL: string;
  readonly name: string;
  readonly version: string;
  readonly releaseName: string;
  readonly values: HelmValues;
  readonly valuesChart: ValuesChart;
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
  /** Whether deleting the Application deletes what it installed (the resources finalizer). */
  readonly cascadeDelete: boolean;
  /** Whether automated sync may prune; false where a removal must never cascade (CRDs). */
  readonly prune: boolean;
  readonly ignoreDifferences: readonly IgnoreDifference[];
  readonly origin: SpecEntry;
}

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
 * planes < gateways < routes, and istio-base < istiod < istio gateway.
 */
export const APP_WAVES = { crds: -40, albc: -30, cni: -20, meshBase: -20, meshControl: -10, gateways: 0, routes: 10 } as const;

/** Waves inside the routes Application: what routes attach to comes first. */
export const MANIFEST_WAVES = { gateway: 0, route: 1 } as const;

/** Helm values merged the way users expect: mappings deeply, everything else replaced; `over` wins. */
export function mergeValues(base: HelmValues, over: HelmValues): HelmValues {
  const out: HelmValues = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = Object.hasOwn(out, key) ? out[key] : undefined;
    // Defined, not assigned: a key named __proto__ must stay a key, not reach the prototype.
    Object.defineProperty(out, key, { value: isRecord(current) && isRecord(value) ? mergeValues(current, value) : value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

export function nothing(): ProviderOutput {
  return { manifests: [], apps: [] };
}
