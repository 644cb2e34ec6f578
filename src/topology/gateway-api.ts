// Gateway API: the HTTPRoutes behind a Gateway (whichever controller makes its Service), and the
// routes that attach to no Gateway here.
import { hostsIntersect } from "../controllers/hostnames.ts";
import { isKind, list, record, str, type Doc } from "./documents.ts";
import { portNumber, type RouteHop, type TopologyReader } from "./reader.ts";
import type { GatewayRef } from "./types.ts";

const GROUP = "gateway.networking.k8s.io";

export const isGateway = (doc: Doc) => isKind(doc, GROUP, "Gateway");
const isHttpRoute = (doc: Doc) => isKind(doc, GROUP, "HTTPRoute");

export const gatewayApiReader: TopologyReader = ({ docs }) => {
  const gateways = docs.filter(isGateway);
  return {
    entries: [],
    proxies: [],
    findings: docs
      .filter((route) => isHttpRoute(route) && !gateways.some((g) => attachesTo(route, g)))
      .map((route) => ({
        severity: "warning" as const,
        message: `HTTPRoute ${route.namespace}/${route.name} attaches to no Gateway in these manifests; it serves nothing`,
        path: route.file,
      })),
  };
};

function attachesTo(route: Doc, gateway: Doc): boolean {
  return list(route.spec["parentRefs"])
    .map(record)
    .some((p) => str(p["name"]) === gateway.name && (str(p["namespace"]) ?? route.namespace) === gateway.namespace);
}

/** The rules of the HTTPRoutes attached to `gateway`, each reported as passing through `via`. */
export function httpRouteHops(docs: readonly Doc[], gateway: Doc, via: GatewayRef): RouteHop[] {
  const listeners = list(gateway.spec["listeners"]).map(record);
  const tls = (host: string) => listeners.some((l) => str(l["protocol"]) === "HTTPS" && hostsIntersect(host, str(l["hostname"])));
  const listenerHosts = listeners.map((l) => str(l["hostname"])).filter((h): h is string => h !== undefined);
  return docs
    .filter((r) => isHttpRoute(r) && attachesTo(r, gateway))
    .flatMap((route) => {
      const hostnames = list(route.spec["hostnames"]).map((h) => str(h) ?? "*");
      // Without hostnames a route takes those of the listeners it attaches to.
      const hosts = hostnames.length > 0 ? hostnames : listenerHosts.length === listeners.length ? listenerHosts : [];
      return list(route.spec["rules"])
        .map(record)
        .flatMap((rule) => {
          const ref = record(list(rule["backendRefs"])[0]);
          const backend = {
            namespace: str(ref["namespace"]) ?? route.namespace,
            service: str(ref["name"]) ?? "",
            port: portNumber(ref["port"]),
          };
          const matches = list(rule["matches"]).map((m) => record(record(m)["path"]));
          return (matches.length === 0 ? [{ type: "PathPrefix", value: "/" }] : matches).map((m) => ({
            hosts,
            urlPath: str(m["value"]) ?? "/",
            pathType: str(m["type"]) === "Exact" ? ("Exact" as const) : ("Prefix" as const),
            backend,
            tls,
            gateway: via,
            file: route.file,
          }));
        });
    });
}
