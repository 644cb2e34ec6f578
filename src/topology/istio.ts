// Istio: a Service is an Istio ingress gateway when the pods it selects are the pods an Istio
// Gateway's `selector` picks; the VirtualServices bound to that Gateway are the routes behind it.
// The gateway is a release of the istio/gateway chart (an Argo CD Application) or a Service in
// the manifests (`helm template` output, a `kubectl get` dump, a hand-written one).
import { hostsIntersect } from "../controllers/hostnames.ts";
import {
  ISTIO_GATEWAY_CLASS,
  ISTIO_GATEWAY_CONTROLLER,
  ISTIO_POD_LABEL,
  istioGatewayService,
  istioManualService,
  istioPodLabelValue,
} from "../controllers/istio.ts";
import { about, isKind, list, record, str, stringEntries, type Doc } from "./documents.ts";
import { chartReleases, releaseReading, type ChartRelease } from "./charts.ts";
import { classController, isGateway, routeHops, selectorMatches } from "./gateway-api.ts";
import { portNumber, serviceKey, type Hop, type Proxy, type ReadFinding, type RouteHop, type TopologyReader } from "./reader.ts";
import { isService, serviceIndex, type ServiceIndex } from "./services.ts";
import type { Backend } from "./types.ts";

const GROUP = "networking.istio.io";
const isIstioGateway = (doc: Doc) => isKind(doc, GROUP, "Gateway");
const isVirtualService = (doc: Doc) => isKind(doc, GROUP, "VirtualService");
const MESH = "mesh";

export const istioReader: TopologyReader = (manifests) => {
  const { docs } = manifests;
  const services = serviceIndex(docs);
  const manual = manualGateways(docs);
  // The HTTPRoutes of the Gateway API Gateways bound to a Service, as routes behind it.
  const apiHops = (namespace: string, service: string) =>
    manual.bound
      .filter((b) => b.service.namespace === namespace && b.service.name === service)
      .flatMap((b) => routeHops(docs, b.gateway, { name: b.gateway.name, type: "istio" }));
  const charts = chartReleases(manifests, isIstioChart);
  const releases = charts.map((chart) => {
    const name = istioGatewayService(chart.release);
    return releaseReading(chart, "istio", { name, values: record(chart.values["service"]) }, () => [
      ...releaseGateways(docs, chart).flatMap((g) => gatewayHops(docs, services, g).hops),
      ...apiHops(chart.namespace, name),
    ]);
  });
  const charted = new Set(releases.map((r) => serviceKey(r.proxy.namespace, r.proxy.service)));
  const deployed = docs
    .filter((d) => isService(d) && !charted.has(serviceKey(d.namespace, d.name)))
    .flatMap((service) => serviceProxy(docs, services, service, apiHops));
  const gateways = docs.filter(isIstioGateway);
  const served = new Set([...charts.flatMap((c) => releaseGateways(docs, c)), ...deployed.flatMap((p) => p.gateways)]);
  const proxied = new Set([...charted, ...deployed.map((p) => serviceKey(p.proxy.namespace, p.proxy.service))]);
  return {
    entries: releases.flatMap((r) => r.entries),
    proxies: [...releases.map((r) => r.proxy), ...deployed.map((p) => p.proxy)],
    findings: [
      ...unknownGateways(docs),
      ...meshOnly(docs),
      ...gateways.flatMap((g) => gatewayHops(docs, services, g).findings),
      ...gateways.filter((g) => !served.has(g)).map(unserved),
      ...manual.unbound,
      ...manual.bound.filter((b) => !proxied.has(serviceKey(b.service.namespace, b.service.name))).map(unboundService),
    ],
  };
};

/** Whether istiod serves a Gateway API Gateway: of class istio, or of a GatewayClass naming istiod's controller. */
function isIstioClass(docs: readonly Doc[], gateway: Doc): boolean {
  const className = str(gateway.spec["gatewayClassName"]) ?? "";
  return className === ISTIO_GATEWAY_CLASS || classController(docs, className)?.controllerName === ISTIO_GATEWAY_CONTROLLER;
}

interface BoundGateway {
  readonly gateway: Doc;
  readonly service: { readonly namespace: string; readonly name: string };
}

/**
 * The Gateway API Gateways istiod serves, each with the Service its one Hostname address names
 * (Istio's manual deployment, controllers/istio.ts istioManualService); one Istio deploys itself
 * has a Service of its own making that no file here holds, which is said, not guessed.
 */
function manualGateways(docs: readonly Doc[]): { bound: BoundGateway[]; unbound: ReadFinding[] } {
  const bound: BoundGateway[] = [];
  const unbound: ReadFinding[] = [];
  for (const gateway of docs.filter((d) => isGateway(d) && isIstioClass(docs, d))) {
    const addresses = list(gateway.spec["addresses"])
      .map(record)
      .map((a) => ({ type: str(a["type"]) ?? "IPAddress", value: str(a["value"]) ?? "" }));
    const service = istioManualService(addresses, gateway.namespace);
    if (service !== undefined) bound.push({ gateway, service });
    else
      unbound.push({
        severity: "warning",
        message: `unresolved: Gateway ${gateway.namespace}/${gateway.name} of class istio has no single Hostname address naming a Service, so Istio deploys it itself, with a Service (of type LoadBalancer unless told otherwise) and a load balancer that these files do not show; its routes are not read as paths`,
        ...about(gateway, ["spec", "gatewayClassName"]),
      });
  }
  return { bound, unbound };
}

function unboundService({ gateway, service }: BoundGateway): ReadFinding {
  return {
    severity: "warning",
    message: `unresolved: Gateway ${gateway.namespace}/${gateway.name} of class istio is bound to Service ${serviceKey(service.namespace, service.name)}, which no Service or istio gateway chart in these files is; its routes are not read as paths`,
    ...about(gateway, ["spec", "addresses"]),
  };
}

const isIstioChart = (chart: string | undefined, repoURL: string) => chart === "gateway" && repoURL.includes("istio");

/** A Gateway whose pods no Service here selects: nothing in the files reaches its VirtualServices. */
function unserved(gateway: Doc): ReadFinding {
  const labels = Object.entries(stringEntries(gateway.spec["selector"]))
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
  return {
    severity: "warning",
    message: `unresolved: Istio Gateway ${gateway.namespace}/${gateway.name} selects pods labelled ${labels === "" ? "(nothing)" : labels}, and no Service or gateway chart in these files has those pods, so nothing here reaches its VirtualServices`,
    ...about(gateway),
  };
}

/** The Gateways in a release's namespace that select its pods by the chart's `istio` label. */
function releaseGateways(docs: readonly Doc[], chart: ChartRelease): Doc[] {
  const label = istioPodLabelValue(chart.release);
  return docs.filter(
    (d) =>
      isIstioGateway(d) &&
      d.namespace === chart.namespace &&
      [label, chart.release].includes(str(record(d.spec["selector"])[ISTIO_POD_LABEL]) ?? ""),
  );
}

/**
 * A Service whose pods some Gateway selects. Its pods' labels are a workload's template labels
 * where one in its namespace has the pods the Service selects, else the selector's own. A
 * Gateway's selector picks pods in every namespace unless istiod is told otherwise
 * (istio/api networking/v1alpha3/gateway.proto, `selector`: PILOT_SCOPE_GATEWAY_TO_NAMESPACE).
 */
function serviceProxy(
  docs: readonly Doc[],
  services: ServiceIndex,
  service: Doc,
  apiHops: (namespace: string, service: string) => readonly Hop[],
): { proxy: Proxy; gateways: Doc[] }[] {
  const selector = stringEntries(service.spec["selector"]);
  if (Object.keys(selector).length === 0) return [];
  const pods = podLabels(docs, service.namespace, selector);
  const gateways = docs.filter((g) => {
    const picks = record(g.spec["selector"]);
    return isIstioGateway(g) && Object.keys(picks).length > 0 && selectorMatches({ matchLabels: picks }, pods);
  });
  const bound = apiHops(service.namespace, service.name);
  if (gateways.length === 0 && bound.length === 0) return [];
  const routes = () => [...gateways.flatMap((g) => gatewayHops(docs, services, g).hops), ...bound];
  return [{ proxy: { namespace: service.namespace, service: service.name, routes, unreached: undefined }, gateways }];
}

function podLabels(docs: readonly Doc[], namespace: string, selector: Readonly<Record<string, string>>): Record<string, string> {
  const workload = docs.find(
    (d) =>
      ["Deployment", "StatefulSet", "DaemonSet"].some((k) => isKind(d, "apps", k)) &&
      d.namespace === namespace &&
      selectorMatches({ matchLabels: selector }, templateLabels(d)),
  );
  return workload === undefined ? { ...selector } : templateLabels(workload);
}

const templateLabels = (workload: Doc) => stringEntries(record(record(workload.spec["template"])["metadata"])["labels"]);

/** The VirtualServices bound to a Gateway, as routes behind it; what cannot be followed is a finding. */
function gatewayHops(docs: readonly Doc[], services: ServiceIndex, gateway: Doc): { hops: RouteHop[]; findings: ReadFinding[] } {
  const servers = list(gateway.spec["servers"]).map(record);
  const exported = servers.flatMap((s) => list(s["hosts"]).map((h) => serverHost(str(h) ?? "*", gateway.namespace)));
  const serverHosts = exported.map((h) => h.host);
  const tls = (host: string) =>
    servers.some(
      (s) =>
        ["HTTPS", "TLS"].includes(str(record(s["port"])["protocol"]) ?? "") &&
        list(s["hosts"]).some((h) => hostsIntersect(host, serverHost(str(h) ?? "*", gateway.namespace).host)),
    );
  const findings: ReadFinding[] = [];
  const hops = docs
    .filter((vs) => isVirtualService(vs) && list(vs.spec["gateways"]).some((g) => refersTo(str(g) ?? "", vs.namespace, gateway)))
    .flatMap((vs) => {
      // A VirtualService applies on a Gateway to the hosts both name, of those the Gateway
      // selects from the VirtualService's namespace.
      const all = list(vs.spec["hosts"]).map((h) => str(h) ?? "*");
      const matches = (h: string, s: ServerHost) => hostsIntersect(h === "*" ? undefined : h, s.host === "*" ? undefined : s.host);
      const hosts = all.filter((h) => exported.some((s) => (s.namespace === undefined || s.namespace === vs.namespace) && matches(h, s)));
      if (hosts.length === 0) {
        const elsewhere = exported.filter((s) => s.namespace !== undefined && all.some((h) => matches(h, s)));
        findings.push(
          notExposed(
            vs,
            elsewhere.length > 0
              ? `Gateway ${gateway.namespace}/${gateway.name} serves its hosts (${all.filter((h) => elsewhere.some((s) => matches(h, s))).join(", ")}) to VirtualServices of ${[...new Set(elsewhere.map((s) => s.namespace))].join(", ")} only, not of ${vs.namespace}`
              : `none of its hosts (${all.join(", ")}) is served by Gateway ${gateway.namespace}/${gateway.name} (${serverHosts.join(", ")})`,
          ),
        );
        return [];
      }
      // tls (SNI) and tcp routes forward connections, not HTTP paths: said, never dropped in silence.
      const streams = ["tls", "tcp"].filter((k) => list(vs.spec[k]).length > 0);
      if (streams.length > 0)
        findings.push({
          severity: "warning",
          message: `unresolved: VirtualService ${vs.namespace}/${vs.name} on Gateway ${gateway.namespace}/${gateway.name}: its ${streams.join(" and ")} routes are not read as paths`,
          ...about(vs, ["spec", streams[0] ?? "tls"]),
        });
      return list(vs.spec["http"])
        .map(record)
        .flatMap((http) => {
          const destination = record(record(list(http["route"])[0])["destination"]);
          const uris = list(http["match"]).map((m) => record(record(m)["uri"]));
          const paths = uris.length === 0 ? [{ prefix: "/" }] : uris;
          const backend = meshBackend(services, str(destination["host"]) ?? "", vs.namespace, record(destination["port"])["number"]);
          if (!backend.ok) {
            findings.push({
              severity: "warning",
              message: `unresolved: VirtualService ${vs.namespace}/${vs.name}: ${backend.reason}; not read as a path`,
              ...about(vs),
            });
            return [];
          }
          return paths.map((uri) => ({
            kind: "route" as const,
            hosts,
            urlPath: str(uri["exact"]) ?? str(uri["prefix"]) ?? str(uri["regex"]) ?? "/",
            pathType: uri["exact"] === undefined ? ("Prefix" as const) : ("Exact" as const),
            backend: backend.backend,
            tls,
            gateway: { name: gateway.name, type: "istio" as const },
            routeKind: "VirtualService" as const,
            file: vs.file,
          }));
        });
    });
  return { hops, findings };
}

const notExposed = (vs: Doc, reason: string): ReadFinding => ({
  severity: "warning",
  message: `not exposed: VirtualService ${vs.namespace}/${vs.name}: ${reason}`,
  ...about(vs),
});

/** A server's host, and the namespace whose VirtualServices it takes (undefined: any). */
interface ServerHost {
  readonly host: string;
  readonly namespace: string | undefined;
}

/**
 * `host`, or `namespace/host`: only that namespace's VirtualServices bind to the host; the
 * namespace `*` is any and `.` the Gateway's (istio/api networking/v1alpha3/gateway.proto, `Server.hosts`).
 */
function serverHost(written: string, gatewayNamespace: string): ServerHost {
  if (!written.includes("/")) return { host: written, namespace: undefined };
  const [namespace = "*", host = "*"] = written.split("/");
  return { host, namespace: namespace === "*" ? undefined : namespace === "." ? gatewayNamespace : namespace };
}

/**
 * `<namespace>/<name>`, or a bare name in the VirtualService's own namespace
 * (istio/api networking/v1alpha3/virtual_service.proto, `gateways`).
 */
function refersTo(reference: string, from: string, gateway: Doc): boolean {
  const [namespace, name] = reference.includes("/") ? reference.split("/") : [from, reference];
  return namespace === gateway.namespace && name === gateway.name;
}

/**
 * `svc.ns.svc.cluster.local`, `svc.ns` or `svc` (in the route's own namespace). The port may be
 * left out when the Service has only one (virtual_service.proto, `Destination.port`).
 */
function meshBackend(
  services: ServiceIndex,
  host: string,
  routeNamespace: string,
  port: unknown,
): { ok: true; backend: Backend } | { ok: false; reason: string } {
  const [service = host, namespace = routeNamespace] = host.split(".");
  if (typeof port === "number") return { ok: true, backend: { namespace, service, port: portNumber(port) } };
  const ports = list(services.get(serviceKey(namespace, service))?.spec["ports"]).map((p) => record(p)["port"]);
  const [only] = ports;
  if (ports.length === 1 && typeof only === "number") return { ok: true, backend: { namespace, service, port: only } };
  return {
    ok: false,
    reason: `destination ${host} names no port, and Service ${namespace}/${service} ${ports.length === 0 ? "is not in these files" : "has more than one"}`,
  };
}

/** `mesh` is the sidecars, not a Gateway. */
function unknownGateways(docs: readonly Doc[]): ReadFinding[] {
  const gateways = docs.filter(isIstioGateway);
  return docs.filter(isVirtualService).flatMap((vs) =>
    list(vs.spec["gateways"])
      .map((g) => str(g) ?? "")
      .filter((ref) => ref !== MESH && !gateways.some((g) => refersTo(ref, vs.namespace, g)))
      .map((ref) => ({
        severity: "warning" as const,
        message: `VirtualService ${vs.namespace}/${vs.name} names gateway '${ref}', which is not in these manifests`,
        ...about(vs),
      })),
  );
}

/** A VirtualService without gateways, or with `mesh` alone, routes between sidecars: nothing outside reaches it. */
function meshOnly(docs: readonly Doc[]): ReadFinding[] {
  return docs.filter(isVirtualService).flatMap((vs) => {
    const gateways = list(vs.spec["gateways"]).map((g) => str(g) ?? "");
    if (gateways.some((g) => g !== MESH)) return [];
    return [
      {
        severity: "info" as const,
        message: `not exposed: VirtualService ${vs.namespace}/${vs.name} is bound to the mesh only (sidecars), not to a Gateway`,
        ...about(vs),
      },
    ];
  });
}
