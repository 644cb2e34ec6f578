// Kong: each release of the kong/ingress chart is a proxy to every Ingress of class kong.
import { KONG_INGRESS_CLASS, kongGatewayOf, kongProxyService } from "../controllers/kong.ts";
import { isKind, record, type Doc } from "./documents.ts";
import { chartReleases, releaseReading } from "./charts.ts";
import { ingressClass, ingressRules } from "./ingress.ts";
import type { RouteHop, TopologyReader } from "./reader.ts";
import type { GatewayRef } from "./types.ts";

export const kongReader: TopologyReader = (manifests) => {
  const releases = chartReleases(manifests, (chart, repoURL) => chart === "ingress" && repoURL.includes("konghq")).map((chart) => {
    const service = { name: kongProxyService(chart.release), values: record(record(chart.values["gateway"])["proxy"]) };
    const via: GatewayRef = { name: kongGatewayOf(chart.release), type: "kong" };
    return releaseReading(chart, "kong", service, () => kongRoutes(manifests.docs, via));
  });
  return { entries: releases.flatMap((r) => r.entries), proxies: releases.map((r) => r.proxy), findings: [] };
};

function kongRoutes(docs: readonly Doc[], via: GatewayRef): RouteHop[] {
  return docs
    .filter((d) => isKind(d, "networking.k8s.io", "Ingress") && ingressClass(d) === KONG_INGRESS_CLASS)
    .flatMap((doc) =>
      ingressRules(doc).map((rule) => ({
        hosts: rule.host === undefined ? [] : [rule.host],
        urlPath: rule.urlPath,
        pathType: rule.pathType,
        backend: { namespace: rule.service.namespace, service: rule.service.name, port: rule.service.port },
        tls: () => false,
        gateway: via,
        file: doc.file,
      })),
    );
}
