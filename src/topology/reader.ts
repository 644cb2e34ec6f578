// What a reader of one controller's manifests gives the core (extract.ts), as ingress2gateway's
// providers do: where traffic enters, the proxies that continue it, and what does not connect.
import type { About, Doc, ValuesFile } from "./documents.ts";
import type { Backend, Finding, GatewayRef, LoadBalancerRef, Making, RouteExposure, RouteKind } from "./types.ts";

export type PathType = RouteExposure["pathType"];

/** A reader's finding, with the object (and field) it is about, which extract.ts turns into `path`'s line and column. */
export interface ReadFinding extends Finding {
  readonly about?: About;
}

export interface ServiceRef {
  readonly namespace: string;
  readonly name: string;
  readonly port: number;
}

/** An ALB's HTTP rule in front of a Service, which narrows what reaches it. */
export interface Rule {
  /** Absent: any host. */
  readonly host?: string;
  readonly urlPath: string;
  readonly pathType: PathType;
  /** The gateway to report when the Service is the backend itself. */
  readonly gateway: GatewayRef;
  readonly routeKind: RouteKind;
}

/** Where traffic enters: a load balancer and the Service it sends to. */
export interface Entry {
  readonly lb: LoadBalancerRef;
  readonly making: Making;
  readonly tls: boolean;
  readonly file: string;
  readonly service: ServiceRef;
  /** A load balancer without a rule forwards a port. */
  readonly rule: Rule | undefined;
}

/** A route behind a proxy: what continues an exposure from the proxy's Service to a backend. */
export interface RouteHop {
  readonly kind: "route";
  readonly hosts: readonly string[];
  readonly urlPath: string;
  readonly pathType: PathType;
  readonly backend: Backend;
  /** The proxy terminates TLS for this host. */
  readonly tls: (host: string) => boolean;
  readonly gateway: GatewayRef;
  readonly routeKind: RouteKind;
  readonly file: string;
  /** The proxy Service's ports it is served on (a Gateway's listener); absent: all of them. */
  readonly ports?: readonly number[];
}

/**
 * A TCPRoute or UDPRoute behind a Gateway: whatever reaches its listener's port goes on to the
 * backend, which makes it a port exposure like an NLB Service's, through the gateway.
 */
export interface PortHop {
  readonly kind: "port";
  readonly port: number;
  readonly backend: Backend;
  readonly gateway: GatewayRef;
  readonly routeKind: RouteKind;
  readonly file: string;
}

export type Hop = RouteHop | PortHop;

/** A Service that is a proxy: the routes behind it continue the exposure of whatever reaches it. */
export interface Proxy {
  readonly namespace: string;
  readonly service: string;
  readonly routes: () => readonly Hop[];
  /** What to say when no load balancer reaches it (a chart installed for nothing), or nothing. */
  readonly unreached: ReadFinding | undefined;
}

/** The manifests every reader looks at. */
export interface Manifests {
  readonly docs: readonly Doc[];
  /** Mappings without apiVersion and kind: possible Helm values files. */
  readonly values: readonly ValuesFile[];
}

export interface Reading {
  readonly entries: readonly Entry[];
  readonly proxies: readonly Proxy[];
  readonly findings: readonly ReadFinding[];
}

/** One controller's reader: pure, and blind to every kind it does not own. */
export type TopologyReader = (manifests: Manifests) => Reading;

export const serviceKey = (namespace: string, name: string) => `${namespace}/${name}`;

export function portNumber(value: unknown): number {
  return typeof value === "number" ? value : 0;
}
