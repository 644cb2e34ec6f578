// ALBC's own Gateway API: a Gateway whose GatewayClass names ALBC's ALB controller is an ALB
// itself, configured by the LoadBalancerConfiguration its infrastructure.parametersRef names
// (scheme, default internal as in ALBC: docs/guide/gateway/loadbalancerconfig.md), and its
// HTTPRoutes are the paths through it, with no proxy in between.
import { ALBC_GATEWAY_CLASS, ALBC_GATEWAY_CONTROLLER, ALBC_GATEWAY_GROUP } from "../controllers/albc.ts";
import { groupBy } from "../group-by.ts";
import { isKind, record, str, type Doc } from "./documents.ts";
import { isGateway, routeHops } from "./gateway-api.ts";
import type { Entry, Proxy, RouteHop, TopologyReader } from "./reader.ts";

/**
 * The Service an aws Gateway's entry "sends to": no Service exists, the Gateway routes itself,
 * so the key is one no Service can have (a name with `/` is not a DNS label).
 */
const gatewayItself = (name: string) => `Gateway/${name}`;

export const awsReader: TopologyReader = ({ docs }) => {
  const gateways = docs.filter((d) => isGateway(d) && isAlbGateway(docs, d));
  return {
    entries: gateways.map((g) => entry(docs, g)),
    proxies: gateways.map((g): Proxy => ({
      namespace: g.namespace,
      service: gatewayItself(g.name),
      routes: () => oneHopPerPath(routeHops(docs, g, { name: g.name, type: "aws" })),
      unreached: undefined,
    })),
    findings: [],
  };
};

/** Its class is ALBC's ALB controller's: by the GatewayClass in these manifests, else by the class name ingress-gitops writes. */
function isAlbGateway(docs: readonly Doc[], gateway: Doc): boolean {
  const className = str(gateway.spec["gatewayClassName"]);
  const gatewayClass = docs.find((d) => isKind(d, "gateway.networking.k8s.io", "GatewayClass") && d.name === className);
  return gatewayClass === undefined
    ? className === ALBC_GATEWAY_CLASS.alb
    : str(gatewayClass.spec["controllerName"]) === ALBC_GATEWAY_CONTROLLER.alb;
}

/**
 * The ALB is one load balancer whatever its listeners: a path it serves on HTTP and HTTPS is one
 * path (as an ALB Ingress's is), with TLS where any listener terminates it.
 */
function oneHopPerPath(hops: readonly RouteHop[]): RouteHop[] {
  return [...groupBy(hops, (h) => JSON.stringify([h.hosts, h.urlPath, h.pathType, h.backend, h.file])).values()].flatMap((group) => {
    const first = group[0];
    if (first === undefined) return [];
    const { hosts, urlPath, pathType, backend, gateway, file } = first;
    // No `ports`: the one entry of the Gateway serves every listener's routes.
    return [{ hosts, urlPath, pathType, backend, gateway, file, tls: (host: string) => group.some((h) => h.tls(host)) }];
  });
}

function entry(docs: readonly Doc[], gateway: Doc): Entry {
  const ref = record(record(gateway.spec["infrastructure"])["parametersRef"]);
  const configName = str(ref["group"]) === ALBC_GATEWAY_GROUP ? str(ref["name"]) : undefined;
  const configuration = docs.find(
    (d) => isKind(d, ALBC_GATEWAY_GROUP, "LoadBalancerConfiguration") && d.name === configName && d.namespace === gateway.namespace,
  );
  const scheme = str(configuration?.spec["scheme"]) === "internet-facing" ? "internet-facing" : "internal";
  // Named by its configuration, which ingress-gitops names after the spec's load balancer.
  const lb = { name: configName ?? `${gateway.namespace}/${gateway.name}`, type: "alb", scheme, external: false } as const;
  return {
    lb,
    tls: false,
    file: gateway.file,
    service: { namespace: gateway.namespace, name: gatewayItself(gateway.name), port: 0 },
    rule: undefined,
  };
}
