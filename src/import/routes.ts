// The spec's routes, one per hand-written route object (an Ingress, an HTTPRoute, a
// VirtualService) and named as it is, so the render makes an object of the same identity; what
// each carries is taken from the exposures the topology reader found through it. Pure.
import { isKind, list, record, str, type Doc } from "../topology/documents.ts";
import { exposureKey, exposureLabel, type Exposure, type GatewayRef } from "../topology/types.ts";
import { pluginsOfRoute, routePlugins } from "./kong-plugins.ts";
import { objectLabel, type SpecObject } from "./load-balancers.ts";
import type { Notes } from "./notes.ts";

/** A path and the name of the Service it goes to, as a route object writes it, to tell its exposures from its neighbours'. */
interface Candidate {
  readonly path: string;
  readonly service: string;
}

const GATEWAY_API = "gateway.networking.k8s.io";
const firstBackend = (rule: unknown) => str(record(list(record(rule)["backendRefs"])[0])["name"]) ?? "";
/** The route kinds whose object lives in its own namespace and reaches a backend elsewhere through a ReferenceGrant. */
const GATEWAY_API_ROUTES = new Set(["HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute", "UDPRoute"]);
const isGatewayApiRoute = (doc: Doc) => doc.apiVersion.startsWith(`${GATEWAY_API}/`) && GATEWAY_API_ROUTES.has(doc.kind);
/** The protocol a spec route of this kind has; HTTP (the default, left out) for the rest. */
const PROTOCOL: Readonly<Record<string, "GRPC" | "TLS" | "TCP" | "UDP">> = {
  GRPCRoute: "GRPC",
  TLSRoute: "TLS",
  TCPRoute: "TCP",
  UDPRoute: "UDP",
};

function candidates(doc: Doc): Candidate[] | undefined {
  if (isKind(doc, "networking.k8s.io", "Ingress"))
    return list(doc.spec["rules"]).flatMap((rule) =>
      list(record(record(rule)["http"])["paths"]).map((p) => ({
        path: str(record(p)["path"]) ?? "/",
        service: str(record(record(record(p)["backend"])["service"])["name"]) ?? "",
      })),
    );
  if (isKind(doc, GATEWAY_API, "HTTPRoute"))
    return list(doc.spec["rules"]).flatMap((rule) => {
      const service = str(record(list(record(rule)["backendRefs"])[0])["name"]) ?? "";
      const matches = list(record(rule)["matches"]);
      return (matches.length === 0 ? [{}] : matches).map((m) => ({ path: str(record(record(m)["path"])["value"]) ?? "/", service }));
    });
  if (isKind(doc, GATEWAY_API, "GRPCRoute"))
    return list(doc.spec["rules"]).flatMap((rule) => {
      const service = firstBackend(rule);
      const methods = list(record(rule)["matches"]).map((m) => record(record(m)["method"]));
      // As the topology reads a method match: the HTTP/2 path /<service>/<method> (src/topology/gateway-api.ts).
      return (methods.length === 0 ? [{}] : methods).map((m) => {
        const grpc = str(m["service"]);
        const method = str(m["method"]);
        return { path: grpc === undefined ? "/" : `/${grpc}/${method ?? ""}`, service };
      });
    });
  if (isKind(doc, GATEWAY_API, "TLSRoute")) return list(doc.spec["rules"]).map((rule) => ({ path: "/", service: firstBackend(rule) }));
  if (isKind(doc, "networking.istio.io", "VirtualService"))
    return list(doc.spec["http"]).flatMap((http) => {
      const host = str(record(record(list(record(http)["route"])[0])["destination"])["host"]) ?? "";
      const service = host.split(".")[0] ?? "";
      const matches = list(record(http)["match"]);
      return (matches.length === 0 ? [{}] : matches).map((m) => {
        const uri = record(record(m)["uri"]);
        return { path: str(uri["exact"]) ?? str(uri["prefix"]) ?? str(uri["regex"]) ?? "/", service };
      });
    });
  return undefined;
}

/** The route object (Ingress, HTTPRoute, GRPCRoute, TLSRoute, VirtualService; TCPRoute, UDPRoute for a port) in `file` that makes exposure `e`. */
export function routeObjectOf(docs: readonly Doc[], e: Exposure, file: string | undefined): Doc | undefined {
  if (e.kind === "port")
    return docs.find(
      (doc) =>
        doc.file === file &&
        (isKind(doc, GATEWAY_API, "TCPRoute") || isKind(doc, GATEWAY_API, "UDPRoute")) &&
        list(doc.spec["rules"]).some((rule) => firstBackend(rule) === e.backend.service),
    );
  return docs.find(
    (doc) => doc.file === file && (candidates(doc) ?? []).some((c) => c.path === e.urlPath && c.service === e.backend.service),
  );
}

/** The spec's gateway the routes attach to: its name and type, the listeners it kept, and why it keeps no other. */
export interface ImportingGateway {
  readonly name: string;
  readonly type: GatewayRef["type"];
  readonly listeners: readonly SpecObject[];
  readonly why: (protocol: string) => string;
}

/**
 * Why a path cannot be kept, as validate would refuse it: a TCP, TLS or UDP path whose port has no
 * listener of its protocol on the spec's gateway; a gRPC path on an aws gateway without an HTTPS
 * listener (an ALB speaks gRPC to targets only behind HTTPS: ALBC
 * pkg/gateway/model/model_build_target_group.go, buildTargetGroupProtocolVersion).
 */
function unlistened(docs: readonly Doc[], doc: Doc, e: Exposure, gateway: ImportingGateway): string | undefined {
  const protocol = PROTOCOL[doc.kind];
  if (protocol === "GRPC")
    return gateway.type !== "aws" || gateway.listeners.some((l) => l["protocol"] === "HTTPS")
      ? undefined
      : "an ALB speaks gRPC to its targets only behind an HTTPS listener, and this Gateway has none";
  if (protocol !== "TCP" && protocol !== "UDP" && protocol !== "TLS") return undefined;
  const port = e.kind === "port" ? e.port : listenerPort(docs, doc, "TLS");
  return gateway.listeners.some((l) => l["protocol"] === protocol && l["port"] === port) ? undefined : gateway.why(protocol);
}

/**
 * The topology reads a TCPRoute and a UDPRoute that send one port to one backend (an NLB's
 * TCP_UDP listener) as one path; the spec keeps both routes.
 */
function l4Twins(docs: readonly Doc[], route: Doc, e: Exposure & { kind: "port" }): Doc[] {
  const other = route.kind === "TCPRoute" ? "UDPRoute" : "TCPRoute";
  const parent = (d: Doc) => {
    const ref = record(list(d.spec["parentRefs"])[0]);
    return `${str(ref["namespace"]) ?? d.namespace}/${str(ref["name"]) ?? ""}`;
  };
  return docs.filter(
    (d) =>
      isKind(d, GATEWAY_API, other) &&
      d.namespace === e.backend.namespace &&
      parent(d) === parent(route) &&
      list(d.spec["rules"]).some((rule) => firstBackend(rule) === e.backend.service) &&
      listenerPort(docs, d, PROTOCOL[other] ?? "") === e.port,
  );
}

export interface ImportedRoutes {
  readonly routes: readonly SpecObject[];
  /** The route objects the spec now expresses. */
  readonly from: readonly Doc[];
  /** How many of the exposures the routes keep. */
  readonly kept: number;
}

/**
 * `exposures`: the route exposures of one gateway; `origins`: the file each was read from.
 * `gateway`: the spec's name for it. Each host + path is kept once: a second one on the same
 * gateway would be refused by validation (and is shadowed or served twice in the cluster).
 */
export function importRoutes(
  docs: readonly Doc[],
  exposures: readonly Exposure[],
  origins: ReadonlyMap<unknown, string>,
  gateway: ImportingGateway,
  notes: Notes,
): ImportedRoutes {
  const byDoc = new Map<Doc, Exposure[]>();
  const seen = new Map<string, string>();
  const tlsOwners = new Map<number, Doc>();
  for (const e of exposures) {
    // A Gateway's routes reach the load balancer once per listener port: the same exposure again.
    if (seen.get(exposureKey(e)) === JSON.stringify(e)) continue;
    const file = origins.get(e);
    const doc = routeObjectOf(docs, e, file);
    if (doc === undefined) {
      notes.unexpressed(file ?? "", exposureLabel(e), `no route object here makes this path, so the spec cannot keep it`);
      continue;
    }
    const key = exposureKey(e);
    if (seen.has(key)) {
      notes.unexpressed(
        { doc },
        objectLabel(doc),
        `${exposureLabel(e)} → ${e.backend.namespace}/${e.backend.service}: this host and path is already served on this gateway (the load balancer sends it to only one); not kept`,
      );
      continue;
    }
    const refused = unlistened(docs, doc, e, gateway);
    if (refused !== undefined) {
      notes.unexpressed({ doc }, objectLabel(doc), `${exposureLabel(e)}: ${refused}; not kept`);
      continue;
    }
    if (e.backend.port === 0) {
      notes.unexpressed({ doc }, objectLabel(doc), `${exposureLabel(e)}: the backend's port does not resolve to a number; not kept`);
      continue;
    }
    // An NLB does not route by SNI: ALBC's NLB Gateway sends a TLS listener to one route (validate holds a spec to it).
    const tlsListener = gateway.type === "aws" && doc.kind === "TLSRoute" ? listenerPort(docs, doc, "TLS") : undefined;
    const owner = tlsListener === undefined ? undefined : tlsOwners.get(tlsListener);
    if (owner !== undefined && owner !== doc) {
      notes.unexpressed(
        { doc },
        objectLabel(doc),
        `${exposureLabel(e)}: the NLB's TLS listener on port ${String(tlsListener)} already goes to ${objectLabel(owner)}, and an NLB does not choose by SNI; not kept`,
      );
      continue;
    }
    if (tlsListener !== undefined) tlsOwners.set(tlsListener, doc);
    seen.set(key, JSON.stringify(e));
    for (const route of [doc, ...(e.kind === "port" ? l4Twins(docs, doc, e) : [])])
      if (unlistened(docs, route, e, gateway) === undefined) byDoc.set(route, [...(byDoc.get(route) ?? []), e]);
  }
  const imported = [...byDoc].map(([doc, paths]) => routesOf(docs, doc, paths, gateway, notes));
  return {
    routes: imported.flatMap((r) => r.routes),
    from: [...byDoc.keys(), ...imported.flatMap((r) => r.plugins)],
    kept: seen.size,
  };
}

/**
 * One route per backend namespace and set of hosts: a spec route serves each of its hosts on each
 * of its rules. A Gateway API route keeps its own namespace and names a backend elsewhere
 * (`backend.namespace`, for which the render writes a ReferenceGrant), as a VirtualService
 * reaches any namespace of the mesh; an Ingress lives with its backends. A TCP, TLS or UDP route
 * has one rule, so each of its rules is a route. On a kong gateway each carries the route
 * object's Kong plugins (`plugins`: the KongPlugins it expresses).
 */
function routesOf(
  docs: readonly Doc[],
  doc: Doc,
  paths: readonly Exposure[],
  gateway: ImportingGateway,
  notes: Notes,
): { readonly routes: SpecObject[]; readonly plugins: readonly Doc[] } {
  const protocol = PROTOCOL[doc.kind];
  const l4 = protocol === "TLS" || protocol === "TCP" || protocol === "UDP";
  const rules = new Map<string, { rule: SpecObject; namespace: string; hosts: Set<string> }>();
  const ownNamespace = isKind(doc, "networking.istio.io", "VirtualService") || isGatewayApiRoute(doc);
  const tlsPort = protocol === "TLS" ? listenerPort(docs, doc, "TLS") : undefined;
  for (const p of paths) {
    const namespace = ownNamespace ? doc.namespace : p.backend.namespace;
    const elsewhere = namespace === p.backend.namespace ? {} : { namespace: p.backend.namespace };
    const backend = { service: p.backend.service, port: p.backend.port, ...elsewhere };
    const rule = ruleOf(p, protocol, tlsPort, backend);
    if (rule === undefined) {
      notes.unexpressed(
        { doc },
        objectLabel(doc),
        `${exposureLabel(p)}: the listener port it arrives on is not one the spec's gateway has; not kept`,
      );
      continue;
    }
    const key = JSON.stringify([namespace, rule]);
    const known = rules.get(key) ?? { rule, namespace, hosts: new Set<string>() };
    if (p.kind === "route") known.hosts.add(p.host);
    rules.set(key, known);
  }
  const groups = new Map<string, { namespace: string; hosts: string[]; rules: SpecObject[] }>();
  for (const { rule, namespace, hosts } of rules.values()) {
    const sorted = [...hosts].sort();
    const key = JSON.stringify([namespace, sorted, ...(l4 ? [rule] : [])]);
    const group = groups.get(key) ?? { namespace, hosts: sorted, rules: [] };
    group.rules.push(rule);
    groups.set(key, group);
  }
  noteSections(docs, doc, protocol, gateway.type, notes);
  // Said once per route object however many spec routes it becomes, and not for one that becomes none.
  const kong = gateway.type === "kong" && groups.size > 0 ? routePlugins(docs, doc, notes) : [];
  const routes = [...groups.values()].map((g, i) => {
    const name = i === 0 ? doc.name : `${doc.name}-${i + 1}`;
    if (g.namespace !== doc.namespace || i > 0)
      notes.chose(
        { doc },
        objectLabel(doc),
        `the spec's route ${g.namespace}/${name} (${l4 ? "a TCP, TLS or UDP route has one rule" : "a route lives in its backends' namespace and serves each of its hosts on each of its paths"}); the render makes a new object, so remove this one once the render is merged`,
      );
    const plugins = pluginsOfRoute(kong, name, notes);
    return {
      name,
      namespace: g.namespace,
      gateway: gateway.name,
      ...(protocol === undefined ? {} : { protocol }),
      ...(g.hosts.length === 0 || g.hosts.includes("*") ? {} : { hosts: g.hosts }),
      rules: g.rules,
      ...(plugins.length === 0 ? {} : { plugins }),
    };
  });
  return { routes, plugins: kong.map((p) => p.from) };
}

/** A rule as the spec's protocol says it: a path, a gRPC method, or the listener port. */
function ruleOf(p: Exposure, protocol: string | undefined, tlsPort: number | undefined, backend: SpecObject): SpecObject | undefined {
  if (p.kind === "port") return { port: p.port, backend };
  if (protocol === "TLS") return tlsPort === undefined ? undefined : { port: tlsPort, backend };
  if (protocol !== "GRPC") return { path: p.urlPath, pathType: p.pathType, backend };
  // The topology's /<service>/<method>, or /<service>/ for every method of it, or / for every call.
  const [service, method] = p.urlPath.split("/").slice(1);
  if (service === undefined || service === "") return { backend };
  return { grpcMethod: { service, ...(method === undefined || method === "" ? {} : { method }) }, backend };
}

/** The Gateway a route's first parentRef names, and the listeners of `protocol` it attaches to. */
function parentListeners(docs: readonly Doc[], route: Doc, protocol?: string): Record<string, unknown>[] {
  const parent = record(list(route.spec["parentRefs"])[0]);
  const gateway = docs.find(
    (d) =>
      isKind(d, GATEWAY_API, "Gateway") && d.name === str(parent["name"]) && d.namespace === (str(parent["namespace"]) ?? route.namespace),
  );
  const section = str(parent["sectionName"]);
  return list(gateway?.spec["listeners"])
    .map(record)
    .filter((l) => (protocol === undefined || str(l["protocol"]) === protocol) && (section === undefined || str(l["name"]) === section));
}

/** A TLS route's rule names the port of the TLS listener it attaches to. */
function listenerPort(docs: readonly Doc[], route: Doc, protocol: string): number | undefined {
  const port = parentListeners(docs, route, protocol)[0]?.["port"];
  return typeof port === "number" ? port : undefined;
}

/**
 * A spec route attaches to every listener of its gateway whose hostname matches; a TCP, TLS or
 * UDP route to the listener of its port, and an aws gateway's GRPC route to its HTTPS listeners
 * (README, Route protocols): a sectionName that says no more than that is not a loss.
 */
function noteSections(docs: readonly Doc[], doc: Doc, protocol: string | undefined, gatewayType: GatewayRef["type"], notes: Notes): void {
  const sections = list(doc.spec["parentRefs"]).flatMap((p) => str(record(p)["sectionName"]) ?? []);
  if (sections.length === 0 || protocol === "TLS" || protocol === "TCP" || protocol === "UDP") return;
  if (protocol === "GRPC" && gatewayType === "aws" && parentListeners(docs, doc).every((l) => str(l["protocol"]) === "HTTPS")) return;
  notes.unexpressed(
    { doc, field: ["spec", "parentRefs"] },
    objectLabel(doc),
    `attaches to listener ${sections.join(", ")} only (sectionName); the spec's route attaches to every listener of its gateway whose hostname matches`,
  );
}
