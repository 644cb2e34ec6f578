// Gateway API: the HTTPRoutes behind a Gateway (whichever controller makes its Service), and the
// routes that attach to no Gateway here.
import { hostsIntersect } from "../controllers/hostnames.ts";
import { isKind, list, record, str, type Doc } from "./documents.ts";
import { portNumber, type RouteHop, type TopologyReader } from "./reader.ts";
import { admits, granted } from "./route-admission.ts";
import type { Finding, GatewayRef } from "./types.ts";

const GROUP = "gateway.networking.k8s.io";

export const isGateway = (doc: Doc) => isKind(doc, GROUP, "Gateway");
const isHttpRoute = (doc: Doc) => isKind(doc, GROUP, "HTTPRoute");

export const gatewayApiReader: TopologyReader = ({ docs }) => {
  const gateways = docs.filter(isGateway);
  const routes = docs.filter(isHttpRoute);
  const warning = (message: string, path: string): Finding => ({ severity: "warning", message, path });
  return {
    entries: [],
    proxies: [],
    findings: [
      ...routes
        .filter((route) => !gateways.some((g) => attachesTo(route, g)))
        .map((route) =>
          warning(`HTTPRoute ${route.namespace}/${route.name} attaches to no Gateway in these manifests; it serves nothing`, route.file),
        ),
      ...routes.flatMap((route) =>
        gateways
          .filter((g) => attachesTo(route, g) && !admits(g, route.namespace))
          .map((g) =>
            warning(
              `HTTPRoute ${route.namespace}/${route.name}: Gateway ${g.namespace}/${g.name} admits no routes from namespace ${route.namespace} (allowedRoutes); it serves nothing there`,
              route.file,
            ),
          ),
      ),
      ...routes.flatMap((route) =>
        backendRefs(route)
          .filter((b) => !granted(docs, route.namespace, b.namespace, b.service))
          .map((b) =>
            warning(
              `HTTPRoute ${route.namespace}/${route.name}: no ReferenceGrant in ${b.namespace} lets it reach Service ${b.service}; that backend is not reached`,
              route.file,
            ),
          ),
      ),
    ],
  };
};

function backendRefs(route: Doc): { namespace: string; service: string }[] {
  return list(route.spec["rules"]).flatMap((rule) =>
    list(record(rule)["backendRefs"])
      .map(record)
      .map((ref) => ({ namespace: str(ref["namespace"]) ?? route.namespace, service: str(ref["name"]) ?? "" })),
  );
}

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
    .filter((r) => isHttpRoute(r) && attachesTo(r, gateway) && admits(gateway, r.namespace))
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
          if (!granted(docs, route.namespace, backend.namespace, backend.service)) return [];
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
