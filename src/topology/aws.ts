// ALBC's own Gateway API: a Gateway whose GatewayClass names ALBC's ALB or NLB controller is
// that load balancer itself, configured by the LoadBalancerConfiguration its
// infrastructure.parametersRef names (scheme, default internal as in ALBC:
// docs/guide/gateway/loadbalancerconfig.md). On an ALB its HTTPRoutes and GRPCRoutes are the paths
// through it; on an NLB each listener port is an entry, its TCPRoute or UDPRoute the port's backend
// and its TLSRoutes the SNI names on it; no proxy in between.
import { ALBC_GATEWAY_CLASS, ALBC_GATEWAY_CONTROLLER, ALBC_GATEWAY_GROUP } from "../controllers/albc.ts";
import { groupBy } from "../group-by.ts";
import { isKind, list, record, str, type Doc } from "./documents.ts";
import { classController, isGateway, routeHops } from "./gateway-api.ts";
import { portNumber, type Entry, type Hop, type Proxy, type RouteHop, type TopologyReader } from "./reader.ts";
import type { Making } from "./types.ts";

/**
 * The Service an aws Gateway's entry "sends to": no Service exists, the Gateway routes itself,
 * so the key is one no Service can have (a name with `/` is not a DNS label).
 */
const gatewayItself = (name: string) => `Gateway/${name}`;

type Balancer = keyof typeof ALBC_GATEWAY_CONTROLLER;

export const awsReader: TopologyReader = ({ docs }) => {
  const gateways = docs.filter(isGateway).flatMap((doc) => {
    const balancer = balancerOf(docs, doc);
    // Read once, each a search of every document: the entries' target type and the proxy's routes are both made of them.
    return balancer === undefined ? [] : [{ doc, balancer, hops: routeHops(docs, doc, { name: doc.name, type: "aws" }) }];
  });
  return {
    entries: gateways.flatMap(({ doc, balancer, hops }) => entries(docs, doc, balancer, hops)),
    proxies: gateways.map(({ doc, balancer, hops }): Proxy => ({
      namespace: doc.namespace,
      service: gatewayItself(doc.name),
      // Its listeners' protocols admit only the kinds its controller serves (HTTP/HTTPS: HTTPRoute, GRPCRoute; TCP, UDP, TLS: L4 routes).
      routes: () => (balancer === "alb" ? oneHopPerPath(hops.filter((h): h is RouteHop => h.kind === "route")) : hops),
      unreached: undefined,
    })),
    findings: [],
  };
};

/** Which of ALBC's controllers makes it: by the GatewayClass in these manifests, else by the class name ingress-gitops writes. */
export function balancerOf(docs: readonly Doc[], gateway: Doc): Balancer | undefined {
  const className = str(gateway.spec["gatewayClassName"]);
  const gatewayClass = classController(docs, className);
  const balancers = Object.keys(ALBC_GATEWAY_CONTROLLER) as Balancer[];
  return gatewayClass === undefined
    ? balancers.find((b) => className === ALBC_GATEWAY_CLASS[b])
    : balancers.find((b) => gatewayClass.controllerName === ALBC_GATEWAY_CONTROLLER[b]);
}

/**
 * The ALB is one load balancer whatever its listeners: a path it serves on HTTP and HTTPS is one
 * path (as an ALB Ingress's is), with TLS where any listener terminates it.
 */
function oneHopPerPath(hops: readonly RouteHop[]): Hop[] {
  return [...groupBy(hops, (h) => JSON.stringify([h.hosts, h.urlPath, h.pathType, h.backend, h.routeKind, h.file])).values()].flatMap(
    (group) => {
      const first = group[0];
      if (first === undefined) return [];
      const { hosts, urlPath, pathType, backend, gateway, routeKind, file } = first;
      // No `ports`: the one entry of the Gateway serves every listener's routes.
      return [
        {
          kind: "route",
          hosts,
          urlPath,
          pathType,
          backend,
          gateway,
          routeKind,
          file,
          tls: (host: string) => group.some((h) => h.tls(host)),
        },
      ];
    },
  );
}

/** The ALB is one entry for every listener; an NLB's every listener port is one. */
function entries(docs: readonly Doc[], gateway: Doc, balancer: Balancer, hops: readonly Hop[]): Entry[] {
  const { configuration } = loadBalancerConfiguration(docs, gateway);
  const scheme = str(configuration?.spec["scheme"]) === "internet-facing" ? "internet-facing" : "internal";
  // Named by its configuration, which ingress-gitops names after the spec's load balancer.
  const lb = { name: awsLoadBalancerName(docs, gateway), type: balancer, scheme, external: false } as const;
  const ports = balancer === "alb" ? [0] : [...new Set(list(gateway.spec["listeners"]).map((l) => portNumber(record(l)["port"])))];
  const making: Making = { by: "aws-load-balancer-controller", of: "Gateway", targetType: targetTypeOf(docs, hops) };
  return ports.map((port) => ({
    lb,
    making,
    tls: false,
    file: gateway.file,
    service: { namespace: gateway.namespace, name: gatewayItself(gateway.name), port },
    rule: undefined,
  }));
}

/** The LoadBalancerConfiguration a Gateway's infrastructure.parametersRef names, which must be in the Gateway's namespace. */
export function loadBalancerConfiguration(docs: readonly Doc[], gateway: Doc): { configName?: string; configuration?: Doc } {
  const ref = record(record(gateway.spec["infrastructure"])["parametersRef"]);
  const configName = str(ref["group"]) === ALBC_GATEWAY_GROUP ? str(ref["name"]) : undefined;
  const configuration = docs.find(
    (d) => isKind(d, ALBC_GATEWAY_GROUP, "LoadBalancerConfiguration") && d.name === configName && d.namespace === gateway.namespace,
  );
  return { ...(configName === undefined ? {} : { configName }), ...(configuration === undefined ? {} : { configuration }) };
}

/** The name the topology gives the load balancer an aws Gateway is: its configuration's, else the Gateway's. */
export function awsLoadBalancerName(docs: readonly Doc[], gateway: Doc): string {
  return loadBalancerConfiguration(docs, gateway).configName ?? `${gateway.namespace}/${gateway.name}`;
}

/**
 * A Making holds one target type per load balancer, as an ALB IngressGroup's does: `ip` when every
 * TargetGroupConfiguration for a Service behind this Gateway says so, else `instance`.
 */
function targetTypeOf(docs: readonly Doc[], hops: readonly Hop[]): Making["targetType"] {
  const backends = new Set(hops.map((h) => `${h.backend.namespace}/${h.backend.service}`));
  const types = docs
    .filter((d) => isKind(d, ALBC_GATEWAY_GROUP, "TargetGroupConfiguration"))
    .filter((d) => backends.has(`${d.namespace}/${str(record(d.spec["targetReference"])["name"]) ?? ""}`))
    .map((d) => str(record(d.spec["defaultConfiguration"])["targetType"]));
  return types.length > 0 && types.every((t) => t === "ip") ? "ip" : "instance";
}
