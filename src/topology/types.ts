// The exposure model a reviewer reads: one Exposure per way in from outside to a backend, and
// the contract's `Path` that `plan --json` and `topology --json` write for it.
import type { Severity } from "../problems.ts";

export interface LoadBalancerRef {
  readonly name: string;
  readonly type: "alb" | "nlb";
  readonly scheme: "internet-facing" | "internal";
  readonly external: boolean;
}

/**
 * How a load balancer is made, which the paths through it do not show: another maker is another
 * load balancer (a new DNS name), another target type new target groups.
 */
export interface Making {
  readonly by: "aws-load-balancer-controller" | "in-tree" | "outside";
  /**
   * The object it is made of (or bound by): the AWS Load Balancer Controller keeps an IngressGroup's
   * ALB, a Service's NLB and a Gateway's load balancer apart, so another one is another load balancer.
   */
  readonly of: "Ingress" | "Service" | "Gateway" | "TargetGroupBinding";
  readonly targetType: "ip" | "instance";
  /** A Service's `spec.loadBalancerClass`, which the API server lets no update add, remove or change. */
  readonly loadBalancerClass?: string;
}

export interface GatewayRef {
  readonly name: string;
  readonly type: "cilium" | "istio" | "kong" | "alb" | "aws" | "none";
}

export interface Backend {
  readonly namespace: string;
  readonly service: string;
  readonly port: number;
}

/** The kind of object that routes an exposure to its backend (a LoadBalancer Service forwards a port itself). */
export type RouteKind = "Ingress" | "Service" | "HTTPRoute" | "GRPCRoute" | "TCPRoute" | "UDPRoute" | "TLSRoute" | "VirtualService";

/** How traffic goes on from a load balancer to a backend, whichever way it comes in. */
interface Via {
  readonly loadBalancer: LoadBalancerRef;
  readonly gateway: GatewayRef;
  readonly backend: Backend;
  readonly tls: boolean;
  /** Not part of its identity (host + path), nor of the contract's Path: what a cut-over replaces. */
  readonly routeKind: RouteKind;
}

/** An HTTP host and URL path that a load balancer (and a gateway behind it) routes to a backend. */
export interface RouteExposure extends Via {
  readonly kind: "route";
  readonly host: string;
  readonly urlPath: string;
  readonly pathType: "Prefix" | "Exact";
}

/**
 * A port that a load balancer forwards to a backend as it is: no host, no path; straight to a
 * Service (gateway none), or through a Gateway's TCPRoute or UDPRoute on that port.
 */
export interface PortExposure extends Via {
  readonly kind: "port";
  readonly port: number;
}

/** One way in from outside to a backend. */
export type Exposure = RouteExposure | PortExposure;

export interface Finding {
  readonly severity: Severity;
  readonly message: string;
  /** The file the finding is about. */
  readonly path: string;
  /** Findings of one kind about one subject (e.g. newly public through one ALB), for summaries of large changes. */
  readonly group?: string;
  /** What the change destroys or replaces, for the PR's one-sentence headline. */
  readonly destroys?: Destroyed;
}

/** A load balancer deleted or replaced (`alb 'shop'`), or an Application whose removal deletes what it installed. */
export type Destroyed =
  | { readonly kind: "load balancer"; readonly name: string }
  | { readonly kind: "application"; readonly name: string; readonly installs: string };

export interface TopologyReading {
  /** Sorted by host, then path (the contract's, see `contractPath`). */
  readonly exposures: readonly Exposure[];
  readonly findings: readonly Finding[];
  /** The file each exposure is read from (its route's, else its entry's), for findings about it. */
  readonly origins: ReadonlyMap<Exposure, string>;
  /**
   * The proxy Service (`namespace/name`) each exposure through a gateway passes, which its path
   * does not show: two installs of one gateway serve the same paths from different pods.
   */
  readonly proxies: ReadonlyMap<Exposure, string>;
  /** Every load balancer the manifests make or bind, exposing anything or not, with the file that defines it. */
  readonly loadBalancers: ReadonlyMap<string, { readonly lb: LoadBalancerRef; readonly file: string; readonly making: Making }>;
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

/** A file of Kubernetes YAML. */
export interface ManifestFile {
  /** Relative to the folder read. */
  readonly file: string;
  readonly content: string;
  /** The documents `content` holds, when already known (rendered output); parsed otherwise. */
  readonly documents?: readonly unknown[];
}

/**
 * The contract's `Path`: an exposure identified by `host` + `path`. A port has neither, so the
 * contract writes it as its load balancer's name and `:<port>`, with pathType Exact.
 */
export interface ContractPath {
  readonly host: string;
  readonly path: string;
  readonly pathType: RouteExposure["pathType"];
  readonly loadBalancer: LoadBalancerRef;
  readonly gateway: GatewayRef;
  readonly backend: Backend;
  readonly tls: boolean;
}

export function contractPath(e: Exposure): ContractPath {
  const { host, path } = hostAndPath(e);
  const pathType = e.kind === "route" ? e.pathType : "Exact";
  return { host, path, pathType, loadBalancer: e.loadBalancer, gateway: e.gateway, backend: e.backend, tls: e.tls };
}

/** What the contract identifies an exposure by, and sorts exposures by. */
export function hostAndPath(e: Exposure): { readonly host: string; readonly path: string } {
  return e.kind === "route" ? { host: e.host, path: e.urlPath } : { host: e.loadBalancer.name, path: `:${e.port}` };
}

/** How an exposure is told apart from every other: its host and path. */
export function exposureKey(e: Exposure): string {
  const { host, path } = hostAndPath(e);
  return `${host} ${path}`;
}

/** Host and path as a reviewer reads them (`api.example.com /v1`); a port follows its load balancer's name (`mqtt:8883`). */
export function exposureLabel(e: Exposure): string {
  return e.kind === "route" ? `${e.host} ${e.urlPath}` : `${e.loadBalancer.name}:${e.port}`;
}

/** The host an exposure is listed under: a port's is its load balancer. */
export function exposureHost(e: Exposure): string {
  return hostAndPath(e).host;
}

/** Only a route matches its path exactly; a port has no path. */
export function isExact(e: Exposure): boolean {
  return e.kind === "route" && e.pathType === "Exact";
}

/** A load balancer as findings name it: `alb 'shop'`. */
export function loadBalancerLabel(lb: Pick<LoadBalancerRef, "type" | "name">): string {
  return `${lb.type} '${lb.name}'`;
}

export function backendLabel(e: Pick<Exposure, "backend">): string {
  return `${e.backend.namespace}/${e.backend.service}:${e.backend.port}`;
}
