// A listener that nothing behind it answers, or that has no certificate to offer, renders files
// that are valid and a load balancer that does not work; refused here instead.
import { GATEWAY_HTTP_PORT, GATEWAY_LISTENER_PORTS } from "../../controllers/istio-gateway.ts";
import type { Problem } from "../../problems.ts";
import { DEFAULT_LISTENERS, gatewaysBehind } from "../spec-facts.ts";
import type { IngressSpec, LoadBalancer } from "../types.ts";
import { report, type Check } from "./context.ts";

/**
 * ALBC makes an NLB's listeners from the ports of the Service it watches (the gateway's, or the
 * `service:` one), so a `listen` port none of them has would silently not exist.
 */
export const nlbListenersMatchWhatTheyFront: Check = (ctx) =>
  ctx.spec.loadBalancers.flatMap((lb, i) => {
    if (lb.type !== "nlb" || lb.listen === undefined || lb.external !== undefined) return [];
    const fronted = frontedPorts(ctx.spec, lb);
    if (fronted === undefined) return [];
    return lb.listen.flatMap((l, j) =>
      fronted.ports.includes(l.port)
        ? []
        : [
            report(
              ctx,
              ["loadBalancers", i, "listen", j, "port"],
              `${l.protocol} port ${l.port} matches nothing '${lb.name}' fronts: an NLB made by ALBC listens on the ports of ${fronted.owner} (${fronted.ports.join(", ")}); listen on one of those, or add the port there`,
            ),
          ],
    );
  });

function frontedPorts(spec: IngressSpec, lb: LoadBalancer): { owner: string; ports: number[] } | undefined {
  if (lb.type === "nlb" && lb.service !== undefined)
    return { owner: `Service ${lb.service.namespace}/${lb.service.name}`, ports: lb.service.ports.map((p) => p.port) };
  const gateway = gatewaysBehind(spec, lb).find((g) => g.type === "cilium");
  if (gateway === undefined) return undefined;
  return { owner: `gateway '${gateway.name}'`, ports: [...new Set((gateway.listeners ?? DEFAULT_LISTENERS).map((l) => l.port))] };
}

/** The ALB (Ingress or TargetGroupBinding) sends plain HTTP to the istio/gateway Service's port 80. */
export const istioListensWhereTheAlbSends: Check = (ctx) =>
  ctx.spec.gateways.flatMap((g, i) => {
    if (g.type !== "istio" || g.listeners === undefined) return [];
    if (g.listeners.some((l) => l.protocol === "HTTP" && l.port === GATEWAY_HTTP_PORT)) return [];
    const has = g.listeners.map((l) => `${l.protocol} ${l.port}`).join(", ");
    return [
      report(
        ctx,
        ["gateways", i, "listeners"],
        `the ALB in front sends plain HTTP to the gateway's port ${GATEWAY_HTTP_PORT} (TLS ends at the ALB), but this gateway listens only on ${has}; add a listener {protocol: HTTP, port: ${GATEWAY_HTTP_PORT}}`,
        { part: "key" },
      ),
    ];
  });

/**
 * A Gateway API Gateway bound to the istio/gateway chart's Service is programmed only on ports
 * that Service has (controllers/istio-gateway.ts GATEWAY_LISTENER_PORTS): a listener on any other
 * leaves it Programmed False, which Argo CD shows as a Gateway that never turns Healthy.
 */
export const istioGatewayApiListensOnServicePorts: Check = (ctx) =>
  ctx.spec.gateways.flatMap((g, i) => {
    if (g.type !== "istio" || g.routeFormat !== "gatewayAPI") return [];
    return (g.listeners ?? []).flatMap((l, j) =>
      GATEWAY_LISTENER_PORTS.includes(l.port)
        ? []
        : [
            report(
              ctx,
              ["gateways", i, "listeners", j, "port"],
              `the istio/gateway chart's Service has no port ${l.port} (it has ${GATEWAY_LISTENER_PORTS.join(" and ")}, and 15021 for health), so Istio would leave this Gateway API Gateway not Programmed ("port ${l.port} not found for hostname"); listen on ${GATEWAY_LISTENER_PORTS.join(" or ")}`,
            ),
          ],
    );
  });

/**
 * Without certificateArns, ALBC looks certificates up in ACM by the hosts of the Ingresses on
 * the ALB (their tls hosts and rule hosts; ALBC docs, guide/ingress/cert_discovery). The Ingress
 * in front of an Istio or Kong proxy has no host, nor has a route without hosts.
 */
export const albHttpsHasACertificate: Check = (ctx) =>
  ctx.spec.loadBalancers.flatMap((lb, i) => {
    if (lb.type !== "alb" || lb.external !== undefined || (lb.certificateArns ?? []).length > 0) return [];
    const gatewayNames = new Set(
      gatewaysBehind(ctx.spec, lb)
        .filter((g) => g.type === "alb")
        .map((g) => g.name),
    );
    const hosts = ctx.spec.routes.filter((r) => gatewayNames.has(r.gateway)).flatMap((r) => r.hosts ?? []);
    if (hosts.length > 0) return [];
    // Hosts help only on the routes of an alb gateway; in front of a proxy there are none to give.
    const fix =
      gatewayNames.size > 0
        ? `set certificateArns, or give the routes of an alb gateway behind '${lb.name}' hosts for ALBC's certificate discovery to find one by; none has a host`
        : `set certificateArns: '${lb.name}' fronts no alb gateway, and the Ingress in front of a proxy has no host for ALBC's certificate discovery to find one by`;
    return (lb.listen ?? []).flatMap((l, j): Problem[] =>
      l.protocol === "HTTPS"
        ? [report(ctx, ["loadBalancers", i, "listen", j, "protocol"], `an HTTPS listener needs a certificate: ${fix}`)]
        : [],
    );
  });
