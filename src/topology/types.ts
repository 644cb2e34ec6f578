// The exposure model a reviewer reads: one Path per way in from outside to a backend, as the
// contract defines it (CONTRACT.md, `plan --json`).

export type Severity = "error" | "warning" | "info";

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
}

export interface TopologyReading {
  /** Sorted by host, then path. */
  readonly paths: readonly Path[];
  readonly findings: readonly Finding[];
}

/** A file of Kubernetes YAML, by its path relative to the folder read. */
export interface ManifestFile {
  readonly path: string;
  readonly content: string;
}

/** How a Path is told apart from every other: its host and path. */
export function pathKey(p: Pick<Path, "host" | "path">): string {
  return `${p.host} ${p.path}`;
}
