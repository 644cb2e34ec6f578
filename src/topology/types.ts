// The exposure model a reviewer reads: one Path per way in from outside to a backend, as the
// contract defines it (CONTRACT.md, `plan --json`).
import type { Severity } from "../problems.ts";

export interface LoadBalancerRef {
  readonly name: string;
  readonly type: "alb" | "nlb";
  readonly scheme: "internet-facing" | "internal";
  readonly external: boolean;
}

export interface GatewayRef {
  readonly name: string;
  readonly type: "cilium" | "istio" | "kong" | "alb" | "none";
}

export interface Backend {
  readonly namespace: string;
  readonly service: string;
  readonly port: number;
}

export interface Path {
  readonly host: string;
  readonly path: string;
  readonly pathType: "Prefix" | "Exact";
  readonly loadBalancer: LoadBalancerRef;
  readonly gateway: GatewayRef;
  readonly backend: Backend;
  readonly tls: boolean;
}

export interface Finding {
  readonly severity: Severity;
  readonly message: string;
  /** The file the finding is about. */
  readonly path: string;
  /** Findings of one kind about one subject (e.g. newly public through one ALB), for summaries of large changes. */
  readonly group?: string;
  /** What the change destroys or replaces (e.g. `alb 'shop'`), for the PR's one-sentence headline. */
  readonly destroys?: string;
}

export interface TopologyReading {
  /** Sorted by host, then path. */
  readonly paths: readonly Path[];
  readonly findings: readonly Finding[];
  /** The file each Path is read from (its route's, else its entry's), for findings about it. */
  readonly origins: ReadonlyMap<Path, string>;
  /** Every load balancer the manifests make or bind, paths or not, with the file that defines it. */
  readonly loadBalancers: ReadonlyMap<string, { readonly lb: LoadBalancerRef; readonly file: string }>;
  /** The Applications that install controllers, CRDs or the CNI, by name. */
  readonly applications: readonly InstalledApplication[];
}

/** An Argo CD Application that installs something the cluster depends on (a controller, CRDs, the CNI). */
export interface InstalledApplication {
  readonly name: string;
  readonly file: string;
  /** What it installs, as a reviewer reads it. */
  readonly installs: string;
  /** What it installs is cluster-wide (CRDs, the CNI): deleting it takes them from everyone. */
  readonly clusterWide: boolean;
  /** It carries the resources finalizer: deleting it deletes what it installed. */
  readonly cascades: boolean;
}

/** A file of Kubernetes YAML, by its path relative to the folder read. */
export interface ManifestFile {
  readonly path: string;
  readonly content: string;
  /** The documents `content` holds, when already known (rendered output); parsed otherwise. */
  readonly documents?: readonly unknown[];
}

/** How a Path is told apart from every other: its host and path. */
export function pathKey(p: Pick<Path, "host" | "path">): string {
  return `${p.host} ${p.path}`;
}

/** Host and path as a reviewer reads them; a port-only path (`:443`) follows the host directly. */
export function pathLabel(p: Pick<Path, "host" | "path">): string {
  return `${p.host}${p.path.startsWith(":") ? "" : " "}${p.path}`;
}

export function backendLabel(p: Pick<Path, "backend">): string {
  return `${p.backend.namespace}/${p.backend.service}:${p.backend.port}`;
}
