// Gateway API: the routes a Gateway admits (whichever controller makes its Service), as the spec
// decides it: a parentRef's listener, `allowedRoutes` (namespaces and kinds), hostnames, and
// ReferenceGrants for backends in other namespaces (kubernetes-sigs/gateway-api
// apis/v1/gateway_types.go `AllowedRoutes`, apis/v1beta1/referencegrant_types.go). What a Gateway
// would not admit is reported as not exposed, with the reason.
import { ALBC_GATEWAY_CLASS, ALBC_GATEWAY_CONTROLLER } from "../controllers/albc.ts";
import { CILIUM_GATEWAY_CLASS } from "../controllers/cilium.ts";
import { hostsIntersect } from "../controllers/hostnames.ts";
import { ISTIO_GATEWAY_CLASS, ISTIO_GATEWAY_CONTROLLER } from "../controllers/istio.ts";
import { KONG_GATEWAY_CLASS, KONG_GATEWAY_CONTROLLER } from "../controllers/kong.ts";
import { decodeLabels, HINTS } from "../hints.ts";
import { about, isKind, list, record, str, stringEntries, type Doc, type FieldPath } from "./documents.ts";
import { portNumber, type Hop, type PathType, type ReadFinding, type TopologyReader } from "./reader.ts";
import type { Backend, GatewayRef } from "./types.ts";

const GROUP = "gateway.networking.k8s.io";

export const isGateway = (doc: Doc) => isKind(doc, GROUP, "Gateway");

/** The controller of the GatewayClass of this name in the manifests; undefined when no such GatewayClass is here. */
export function classController(
  docs: readonly Doc[],
  className: string | undefined,
): { readonly controllerName: string | undefined } | undefined {
  const gatewayClass = docs.find((d) => isKind(d, GROUP, "GatewayClass") && d.name === className);
  return gatewayClass === undefined ? undefined : { controllerName: str(gatewayClass.spec["controllerName"]) };
}

const ROUTE_KINDS = ["HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute", "UDPRoute"] as const;
type RouteKind = (typeof ROUTE_KINDS)[number];
const routeKind = (doc: Doc): RouteKind | undefined =>
  doc.apiVersion.startsWith(`${GROUP}/`) ? ROUTE_KINDS.find((k) => k === doc.kind) : undefined;

/**
 * The kinds a listener admits when `allowedRoutes.kinds` is empty: "determined using the
 * Listener protocol". GRPCRoute rides HTTP and HTTPS listeners
 * (https://gateway-api.sigs.k8s.io/api-types/grpcroute/), a TLSRoute a TLS listener.
 */
const PROTOCOL_KINDS: Readonly<Record<string, readonly RouteKind[]>> = {
  HTTP: ["HTTPRoute", "GRPCRoute"],
  HTTPS: ["HTTPRoute", "GRPCRoute"],
  TLS: ["TLSRoute"],
  TCP: ["TCPRoute"],
  UDP: ["UDPRoute"],
};

/** Namespaces carry their own name as this label (https://kubernetes.io/docs/reference/labels-annotations-taints/#kubernetes-io-metadata-name). */
const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

export const gatewayApiReader: TopologyReader = ({ docs }) => {
  const gateways = docs.filter(isGateway);
  const routes = docs.flatMap((doc) => {
    const kind = routeKind(doc);
    return kind === undefined ? [] : [{ route: doc, kind }];
  });
  const namespaces = new Set(docs.filter((d) => isKind(d, "", "Namespace")).map((d) => d.name));
  const findings = routes.flatMap(({ route, kind }): ReadFinding[] => {
    const parents = parentGateways(route, gateways);
    if (parents.length === 0)
      return [
        {
          severity: "warning",
          message: `${kind} ${route.namespace}/${route.name} attaches to no Gateway in these manifests; it serves nothing`,
          ...about(route, ["spec", "parentRefs"]),
        },
      ];
    return parents.flatMap((gateway) => {
      const { listeners, refusal } = admission(docs, route, gateway);
      if (listeners.length === 0)
        return [
          notExposed(route, `the Gateway ${gateway.namespace}/${gateway.name} does not admit it: ${refusal}`, ["spec", "parentRefs"]),
        ];
      const assumed = namespaces.has(route.namespace) ? undefined : assumedAdmission(route, gateway);
      return [...(assumed === undefined ? [] : [assumed]), ...ruleBackends(docs, route).flatMap((b) => (b.ok ? [] : [b.finding]))];
    });
  });
  return {
    entries: [],
    proxies: [],
    findings: [
      ...findings,
      ...unknownClasses(
        docs,
        gateways,
        routes.map((r) => r.route),
      ),
    ],
  };
};

/**
 * The GatewayClasses a reader here follows to a load balancer (cilium.ts, aws.ts, istio.ts and
 * kong.ts, which say themselves what of an istio or kong Gateway they cannot follow), by name or
 * by their controller.
 */
const READ_CLASSES: ReadonlySet<string> = new Set([
  CILIUM_GATEWAY_CLASS,
  ISTIO_GATEWAY_CLASS,
  KONG_GATEWAY_CLASS,
  ...Object.values(ALBC_GATEWAY_CLASS),
]);
const READ_CONTROLLERS: ReadonlySet<string> = new Set([
  ...Object.values(ALBC_GATEWAY_CONTROLLER),
  ISTIO_GATEWAY_CONTROLLER,
  KONG_GATEWAY_CONTROLLER,
]);

function isReadClass(docs: readonly Doc[], className: string): boolean {
  if (READ_CLASSES.has(className)) return true;
  return READ_CONTROLLERS.has(classController(docs, className)?.controllerName ?? "");
}

/** A Gateway of another class serves its routes through something these files do not show: said, not guessed. */
function unknownClasses(docs: readonly Doc[], gateways: readonly Doc[], routes: readonly Doc[]): ReadFinding[] {
  return gateways.flatMap((gateway) => {
    const cls = str(gateway.spec["gatewayClassName"]) ?? "";
    if (isReadClass(docs, cls)) return [];
    const attached = routes.filter((d) => parentRefs(d, gateway).length > 0);
    if (attached.length === 0) return [];
    return [
      {
        severity: "warning",
        message: `unresolved: Gateway ${gateway.namespace}/${gateway.name} of class '${cls}': what that class's controller makes of it (its Service, its load balancer) is not in these files, so the routes attached to it (${attached.map((d) => `${d.kind} ${d.namespace}/${d.name}`).join(", ")}) are not read as paths`,
        ...about(gateway, ["spec", "gatewayClassName"]),
      },
    ];
  });
}

const notExposed = (route: Doc, reason: string, field?: FieldPath): ReadFinding => ({
  severity: "warning",
  message: `not exposed: ${route.kind} ${route.namespace}/${route.name}: ${reason}`,
  ...about(route, field),
});

/** The Gateways among `gateways` that a route's parentRefs name. */
function parentGateways(route: Doc, gateways: readonly Doc[]): Doc[] {
  return gateways.filter((g) => parentRefs(route, g).length > 0);
}

function parentRefs(route: Doc, gateway: Doc): Record<string, unknown>[] {
  return list(route.spec["parentRefs"])
    .map(record)
    .filter(
      (p) =>
        (str(p["group"]) ?? GROUP) === GROUP &&
        (str(p["kind"]) ?? "Gateway") === "Gateway" &&
        str(p["name"]) === gateway.name &&
        (str(p["namespace"]) ?? route.namespace) === gateway.namespace,
    );
}

/** The listeners of `gateway` that admit `route`, or, when none does, why. */
function admission(docs: readonly Doc[], route: Doc, gateway: Doc): { listeners: Record<string, unknown>[]; refusal: string } {
  const kind = routeKind(route) ?? "HTTPRoute";
  const listeners = list(gateway.spec["listeners"]).map(record);
  const reasons: string[] = [];
  const admitted = parentRefs(route, gateway).flatMap((ref) => {
    const section = str(ref["sectionName"]);
    const port = typeof ref["port"] === "number" ? ref["port"] : undefined;
    const candidates = listeners.filter(
      (l) => (section === undefined || l["name"] === section) && (port === undefined || l["port"] === port),
    );
    if (candidates.length === 0)
      reasons.push(
        `it has no listener${section === undefined ? "" : ` named '${section}'`}${port === undefined ? "" : ` on port ${port}`}`,
      );
    return candidates.filter((listener) => {
      const refused = listenerRefusal(docs, route, kind, gateway, listener);
      if (refused !== undefined) reasons.push(`listener '${str(listener["name"]) ?? ""}' ${refused}`);
      return refused === undefined;
    });
  });
  return { listeners: [...new Set(admitted)], refusal: reasons.join("; ") };
}

function listenerRefusal(
  docs: readonly Doc[],
  route: Doc,
  kind: RouteKind,
  gateway: Doc,
  listener: Record<string, unknown>,
): string | undefined {
  const allowed = record(listener["allowedRoutes"]);
  const declaredKinds = list(allowed["kinds"])
    .map(record)
    .filter((k) => (str(k["group"]) ?? GROUP) === GROUP)
    .map((k) => str(k["kind"]) ?? "");
  const protocol = str(listener["protocol"]) ?? "";
  const kinds = declaredKinds.length > 0 ? declaredKinds : (PROTOCOL_KINDS[protocol] ?? []);
  if (!kinds.includes(kind)) return `(${protocol}) admits ${kinds.length === 0 ? "no routes" : kinds.join(", ")}, not ${kind}`;
  const namespaces = namespaceRefusal(docs, route, gateway.namespace, record(allowed["namespaces"]));
  if (namespaces !== undefined) return namespaces;
  const hostname = str(listener["hostname"]);
  const hostnames = list(route.spec["hostnames"]).map((h) => str(h) ?? "");
  if (hostname !== undefined && hostnames.length > 0 && !hostnames.some((h) => hostsIntersect(h, hostname)))
    return `serves ${hostname}, which none of the route's hostnames (${hostnames.join(", ")}) matches`;
  return undefined;
}

/**
 * `from` is Same unless set; Selector matches the labels of the route's Namespace: as the files
 * hold it, else as the route says its spec counts on (HINTS.namespaceLabels: ingress-gitops
 * renders no Namespace), which `assumedLabels` tells apart.
 */
function namespaceRefusal(
  docs: readonly Doc[],
  route: Doc,
  gatewayNamespace: string,
  namespaces: Record<string, unknown>,
): string | undefined {
  const routeNamespace = route.namespace;
  const from = str(namespaces["from"]) ?? "Same";
  if (from === "All") return undefined;
  if (from === "Same")
    return routeNamespace === gatewayNamespace ? undefined : `admits routes from its own namespace (${gatewayNamespace}) only`;
  if (from !== "Selector") return `admits routes from '${from}', which this reader does not know`;
  const selector = record(namespaces["selector"]);
  const ns = docs.find((d) => isKind(d, "", "Namespace") && d.name === routeNamespace);
  const labels = { ...(ns?.labels ?? assumedLabels(route) ?? {}), [NAMESPACE_NAME_LABEL]: routeNamespace };
  const match = selectorMatches(selector, labels);
  if (match) return undefined;
  if (ns === undefined && !selectorUsesOnly(selector, NAMESPACE_NAME_LABEL))
    return `unresolved: admits namespaces by label, and the Namespace ${routeNamespace} is not in these files`;
  return `admits namespaces labelled ${describeSelector(selector)}, and ${routeNamespace} is not`;
}

/** The labels a route's spec says its Namespace carries (`k=v,k2=v2`), when it says so. */
function assumedLabels(route: Doc): Record<string, string> | undefined {
  const hint = route.annotations[HINTS.namespaceLabels];
  return hint === undefined ? undefined : decodeLabels(hint);
}

/**
 * What a reviewer must know of a route admitted only because its spec says its Namespace carries
 * the labels a Gateway selects, when these files hold no such Namespace: the cluster must.
 */
function assumedAdmission(route: Doc, gateway: Doc): ReadFinding | undefined {
  const hint = route.annotations[HINTS.namespaceLabels];
  if (hint === undefined) return undefined;
  const bySelector = list(gateway.spec["listeners"]).some(
    (l) => str(record(record(record(l)["allowedRoutes"])["namespaces"])["from"]) === "Selector",
  );
  if (!bySelector) return undefined;
  return {
    severity: "info",
    message: `${route.kind} ${route.namespace}/${route.name} is admitted by the Gateway ${gateway.namespace}/${gateway.name} because its spec says Namespace ${route.namespace} is labelled ${hint}; these files do not hold that Namespace, so the cluster must (kubectl label namespace ${route.namespace} ${hint.replaceAll(",", " ")}), or the route is not accepted`,
    ...about(route, ["metadata", "annotations", HINTS.namespaceLabels]),
  };
}

/** A metav1.LabelSelector: every matchLabels entry and every matchExpressions requirement holds. */
export function selectorMatches(selector: Record<string, unknown>, labels: Readonly<Record<string, string>>): boolean {
  const equal = Object.entries(stringEntries(selector["matchLabels"])).every(([k, v]) => labels[k] === v);
  return (
    equal &&
    list(selector["matchExpressions"])
      .map(record)
      .every((e) => {
        const key = str(e["key"]) ?? "";
        const values = list(e["values"]).map((v) => str(v) ?? "");
        const has = key in labels;
        switch (str(e["operator"])) {
          case "In":
            return has && values.includes(labels[key] ?? "");
          case "NotIn":
            return !has || !values.includes(labels[key] ?? "");
          case "Exists":
            return has;
          case "DoesNotExist":
            return !has;
          default:
            return false;
        }
      })
  );
}

function selectorUsesOnly(selector: Record<string, unknown>, key: string): boolean {
  const keys = [
    ...Object.keys(record(selector["matchLabels"])),
    ...list(selector["matchExpressions"]).map((e) => str(record(e)["key"]) ?? ""),
  ];
  return keys.length > 0 && keys.every((k) => k === key);
}

function describeSelector(selector: Record<string, unknown>): string {
  const labels = Object.entries(stringEntries(selector["matchLabels"])).map(([k, v]) => `${k}=${v}`);
  const expressions = list(selector["matchExpressions"]).map((e) => `${str(record(e)["key"]) ?? ""} ${str(record(e)["operator"]) ?? ""}`);
  return [...labels, ...expressions].join(", ");
}

interface RuleMatch {
  readonly urlPath: string;
  readonly pathType: PathType;
}

type RuleBackend =
  | { readonly ok: true; readonly backend: Backend; readonly matches: readonly RuleMatch[] }
  | { readonly ok: false; readonly finding: ReadFinding };

/**
 * Each rule's first backend, with the paths it matches. A backend in another namespace needs a
 * ReferenceGrant there; without one the rule serves nothing (ResolvedRefs False, RefNotPermitted).
 */
function ruleBackends(docs: readonly Doc[], route: Doc): RuleBackend[] {
  return list(route.spec["rules"])
    .map(record)
    .map((rule, i): RuleBackend => {
      const field = ["spec", "rules", i, "backendRefs", 0];
      const matches = ruleMatches(route.kind, rule);
      const ref = record(list(rule["backendRefs"])[0]);
      const name = str(ref["name"]);
      const what = matches.map((m) => m.urlPath).join(", ");
      if (name === undefined) return { ok: false, finding: notExposed(route, `the rule for ${what} has no backend`, ["spec", "rules", i]) };
      const kind = str(ref["kind"]) ?? "Service";
      if ((str(ref["group"]) ?? "") !== "" || kind !== "Service")
        return { ok: false, finding: notExposed(route, `the rule for ${what} sends to a ${kind}, not a Service`, field) };
      const namespace = str(ref["namespace"]) ?? route.namespace;
      if (namespace !== route.namespace && !granted(docs, route, namespace, name))
        return {
          ok: false,
          finding: notExposed(
            route,
            `the rule for ${what} sends to Service ${namespace}/${name}, and no ReferenceGrant in ${namespace} lets ${route.kind}s of ${route.namespace} refer to it`,
            field,
          ),
        };
      if (typeof ref["port"] !== "number")
        return {
          ok: false,
          finding: {
            severity: "warning",
            message: `unresolved: ${route.kind} ${route.namespace}/${route.name} sends ${what} to Service ${namespace}/${name} without a port; not read as a path`,
            ...about(route, field),
          },
        };
      return { ok: true, backend: { namespace, service: name, port: portNumber(ref["port"]) }, matches };
    });
}

/** An HTTPRoute's path matches; a GRPCRoute's method, as the HTTP/2 path `/<service>/<method>`; a TLSRoute has no path. */
function ruleMatches(kind: string, rule: Record<string, unknown>): RuleMatch[] {
  const matches = list(rule["matches"]).map(record);
  const everything = [{ urlPath: "/", pathType: "Prefix" as const }];
  if (kind === "GRPCRoute") {
    const methods = matches.map((m) => record(m["method"])).filter((m) => str(m["service"]) !== undefined);
    if (methods.length === 0) return everything;
    return methods.map((m) => {
      const method = str(m["method"]);
      const service = str(m["service"]) ?? "";
      return method === undefined
        ? { urlPath: `/${service}/`, pathType: "Prefix" as const }
        : { urlPath: `/${service}/${method}`, pathType: "Exact" as const };
    });
  }
  if (kind !== "HTTPRoute") return everything;
  const paths = matches.map((m) => record(m["path"]));
  if (paths.length === 0) return everything;
  return paths.map((p) => ({
    urlPath: str(p["value"]) ?? "/",
    pathType: str(p["type"]) === "Exact" ? ("Exact" as const) : ("Prefix" as const),
  }));
}

/** A ReferenceGrant in the backend's namespace from routes of this kind in the route's namespace, to this Service or every Service. */
function granted(docs: readonly Doc[], route: Doc, namespace: string, service: string): boolean {
  return docs.some(
    (g) =>
      isKind(g, GROUP, "ReferenceGrant") &&
      g.namespace === namespace &&
      list(g.spec["from"])
        .map(record)
        .some((f) => str(f["group"]) === GROUP && str(f["kind"]) === route.kind && str(f["namespace"]) === route.namespace) &&
      list(g.spec["to"])
        .map(record)
        .some((t) => (str(t["group"]) ?? "") === "" && str(t["kind"]) === "Service" && (str(t["name"]) ?? service) === service),
  );
}

/**
 * The rules of the routes `gateway` admits, each behind the listener that admits it and reported
 * as passing through `via`: a TCPRoute or UDPRoute as its listener's port, forwarded as it is
 * (https://gateway-api.sigs.k8s.io/reference/spec/#tcproutespec: rules of backendRefs, no matches),
 * the others as hosts and paths.
 */
export function routeHops(docs: readonly Doc[], gateway: Doc, via: GatewayRef): Hop[] {
  return onePortHopPerBackend(routeHopsOf(docs, gateway, via));
}

/**
 * A port exposure is its load balancer's name and `:<port>`, whatever the protocol, so a TCPRoute
 * and a UDPRoute sending one port to one backend (an NLB's TCP_UDP listener) are one exposure.
 */
function onePortHopPerBackend(hops: readonly Hop[]): Hop[] {
  const seen = new Set<string>();
  return hops.filter((hop) => {
    if (hop.kind === "route") return true;
    const key = JSON.stringify([hop.port, hop.backend]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function routeHopsOf(docs: readonly Doc[], gateway: Doc, via: GatewayRef): Hop[] {
  return docs
    .filter((route) => routeKind(route) !== undefined && parentRefs(route, gateway).length > 0)
    .flatMap((route): Hop[] => {
      const { listeners } = admission(docs, route, gateway);
      const backends = ruleBackends(docs, route).flatMap((b) => (b.ok ? [b] : []));
      const kind = routeKind(route);
      if (kind === "TCPRoute" || kind === "UDPRoute")
        // v1 holds one rule, whose first backend is the one a reviewer reads.
        return listeners.flatMap((listener) =>
          backends.slice(0, 1).map(({ backend }) => ({
            kind: "port" as const,
            port: portNumber(listener["port"]),
            backend,
            gateway: via,
            routeKind: kind,
            file: route.file,
          })),
        );
      const hostnames = list(route.spec["hostnames"]).map((h) => str(h) ?? "*");
      return listeners.flatMap((listener) => {
        const hostname = str(listener["hostname"]);
        // Without hostnames a route takes its listener's; of two that intersect, the narrower gets through.
        const hosts =
          hostnames.length === 0
            ? hostname === undefined
              ? []
              : [hostname]
            : hostnames.filter((h) => hostsIntersect(h, hostname)).map((h) => narrower(h, hostname));
        const protocol = str(listener["protocol"]);
        const tls = protocol === "HTTPS" || protocol === "TLS";
        const port = portNumber(listener["port"]);
        return backends.flatMap(({ backend, matches }) =>
          matches.map((m) => ({
            kind: "route" as const,
            hosts,
            urlPath: m.urlPath,
            pathType: m.pathType,
            backend,
            tls: () => tls,
            ports: [port],
            gateway: via,
            routeKind: kind ?? "HTTPRoute",
            file: route.file,
          })),
        );
      });
    });
}

function narrower(route: string, listener: string | undefined): string {
  if (listener === undefined || route === listener) return route;
  return route.startsWith("*.") && !listener.startsWith("*.") ? listener : route;
}
