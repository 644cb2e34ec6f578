// Istio: each release of the istio/gateway chart is a proxy to the VirtualServices bound to the
// Istio Gateways that select its pods; a VirtualService naming a Gateway not here is a finding.
import { hostsIntersect } from "../controllers/hostnames.ts";
import { ISTIO_POD_LABEL, istioGatewayService, istioPodLabelValue } from "../controllers/istio.ts";
import { isKind, list, record, str, type Doc } from "./documents.ts";
import { chartReleases, releaseReading, type ChartRelease } from "./charts.ts";
import { portNumber, type RouteHop, type TopologyReader } from "./reader.ts";
import type { Backend } from "./types.ts";

const GROUP = "networking.istio.io";
const isIstioGateway = (doc: Doc) => isKind(doc, GROUP, "Gateway");
const isVirtualService = (doc: Doc) => isKind(doc, GROUP, "VirtualService");

export const istioReader: TopologyReader = (manifests) => {
  const releases = chartReleases(manifests, (chart, repoURL) => chart === "gateway" && repoURL.includes("istio")).map((chart) =>
    releaseReading(chart, "istio", { name: istioGatewayService(chart.release), values: record(chart.values["service"]) }, () =>
      istioRoutes(manifests.docs, chart),
    ),
  );
  return {
    entries: releases.flatMap((r) => r.entries),
    proxies: releases.map((r) => r.proxy),
    findings: unknownGateways(manifests.docs),
  };
};

function istioRoutes(docs: readonly Doc[], chart: ChartRelease): RouteHop[] {
  const label = istioPodLabelValue(chart.release);
  const gateways = docs.filter(
    (d) =>
      isIstioGateway(d) &&
      d.namespace === chart.namespace &&
      [label, chart.release].includes(str(record(d.spec["selector"])[ISTIO_POD_LABEL]) ?? ""),
  );
  return gateways.flatMap((gateway) => {
    const servers = list(gateway.spec["servers"]).map(record);
    const tls = (host: string) =>
      servers.some(
        (s) =>
          str(record(s["port"])["protocol"]) === "HTTPS" &&
          list(s["hosts"]).some((h) => hostsIntersect(host, stripNamespace(str(h) ?? "*"))),
      );
    return docs
      .filter((vs) => isVirtualService(vs) && list(vs.spec["gateways"]).some((g) => refersTo(str(g) ?? "", vs.namespace, gateway)))
      .flatMap((vs) =>
        list(vs.spec["http"])
          .map(record)
          .flatMap((http) => {
            const destination = record(record(list(http["route"])[0])["destination"]);
            const backend = meshBackend(str(destination["host"]) ?? "", vs.namespace, portNumber(record(destination["port"])["number"]));
            const matches = list(http["match"]).map((m) => record(record(m)["uri"]));
            const uris = matches.length === 0 ? [{ prefix: "/" }] : matches;
            return uris.map((uri) => ({
              hosts: list(vs.spec["hosts"]).map((h) => str(h) ?? "*"),
              urlPath: str(uri["exact"]) ?? str(uri["prefix"]) ?? str(uri["regex"]) ?? "/",
              pathType: uri["exact"] === undefined ? ("Prefix" as const) : ("Exact" as const),
              backend,
              tls,
              gateway: { name: gateway.name, type: "istio" as const },
              file: vs.file,
            }));
          }),
      );
  });
}

/** A server's hosts may be `namespace/host`. */
function stripNamespace(host: string): string {
  return host.includes("/") ? (host.split("/")[1] ?? host) : host;
}

function refersTo(reference: string, from: string, gateway: Doc): boolean {
  const [namespace, name] = reference.includes("/") ? reference.split("/") : [from, reference];
  return namespace === gateway.namespace && name === gateway.name;
}

/** `svc.ns.svc.cluster.local`, `svc.ns` or `svc` (in the route's own namespace). */
function meshBackend(host: string, routeNamespace: string, port: number): Backend {
  const [service = host, namespace = routeNamespace] = host.split(".");
  return { namespace, service, port };
}

/** `mesh` is the sidecars, not a Gateway. */
function unknownGateways(docs: readonly Doc[]) {
  const gateways = docs.filter(isIstioGateway);
  return docs.filter(isVirtualService).flatMap((vs) =>
    list(vs.spec["gateways"])
      .map((g) => str(g) ?? "")
      .filter((ref) => ref !== "mesh" && !gateways.some((g) => refersTo(ref, vs.namespace, g)))
      .map((ref) => ({
        severity: "warning" as const,
        message: `VirtualService ${vs.namespace}/${vs.name} names gateway '${ref}', which is not in these manifests`,
        path: vs.file,
      })),
  );
}
