// Routes of each protocol go where a controller serves them, and say what that protocol matches:
// an HTTP route a path, a GRPC route a gRPC method, a TCP, TLS or UDP route the port of one
// listener of its gateway. What Gateway API would refuse in the cluster (a route kind nobody
// serves, a TCPRoute on a UDP listener) or the controller would quietly drop is refused here.
import { CILIUM_L4_ROUTES } from "../../controllers/cilium.ts";
import { knownChartMinor, L4_ROUTE_KIND } from "../../controllers/gateway-api.ts";
import type { Problem } from "../../problems.ts";
import { awsNlbListeners, controllerSettings, isAwsNlbGateway, isL4, loadBalancerOf } from "../spec-facts.ts";
import type { Gateway, GatewayListener, IngressSpec, RouteProtocol } from "../types.ts";
import { withArticle } from "./article.ts";
import { lineOf, report, type Check } from "./context.ts";

/** Each rule says what its protocol matches, and nothing another protocol matches. */
export const rulesFitTheirProtocol: Check = (ctx) =>
  ctx.spec.routes.flatMap((route, i) => {
    const at = ["routes", i] as const;
    const problems: Problem[] = [];
    route.rules.forEach((rule, j) => {
      const fields = rule as { path?: unknown; grpcMethod?: unknown; port?: unknown };
      const misplaced = (field: string, why: string) =>
        problems.push(report(ctx, [...at, "rules", j, field], `${why} (routes[${i}].protocol is ${route.protocol})`, { part: "key" }));
      if (route.protocol !== "HTTP" && fields.path !== undefined)
        misplaced(
          "path",
          isL4(route)
            ? "a TCP, TLS or UDP route matches no path: name the listener port instead"
            : "a GRPC route matches a gRPC method, not a path: use grpcMethod",
        );
      if (route.protocol !== "GRPC" && fields.grpcMethod !== undefined) misplaced("grpcMethod", "only a GRPC route matches a gRPC method");
      if (!isL4(route) && fields.port !== undefined)
        misplaced("port", "only a TCP, TLS or UDP route names a listener port; this route matches requests on every listener");
    });
    if ((route.protocol === "TCP" || route.protocol === "UDP") && route.hosts !== undefined)
      problems.push(
        report(
          ctx,
          [...at, "hosts"],
          `a ${route.protocol} route has no host to match (${L4_ROUTE_KIND[route.protocol]} has no hostnames); remove hosts`,
          {
            part: "key",
          },
        ),
      );
    if (route.protocol === "TLS" && route.hosts === undefined)
      problems.push(
        report(ctx, [...at, "protocol"], "a TLS route chooses by SNI, and TLSRoute v1 requires hostnames: list the hosts it takes"),
      );
    return problems;
  });

/** Which gateways serve which protocols, and why not, as the fix to give. */
function unserved(spec: IngressSpec, gateway: Gateway, protocol: RouteProtocol): string | undefined {
  if (protocol === "HTTP")
    return isAwsNlbGateway(spec, gateway)
      ? `an NLB does not route HTTP (ALBC's NLB Gateway serves TCPRoute, UDPRoute and TLSRoute only): set protocol TCP and a listener port, or put the gateway on an ALB`
      : undefined;
  if (gateway.type === "cilium") {
    if (protocol === "GRPC") return undefined;
    const chartVersion = controllerSettings(spec, "cilium").chartVersion;
    const minor = knownChartMinor("cilium", chartVersion);
    if (minor === undefined || CILIUM_L4_ROUTES[minor][L4_ROUTE_KIND[protocol]] !== undefined) return undefined;
    return `Cilium ${minor} serves no ${L4_ROUTE_KIND[protocol]} (TCPRoute and UDPRoute from 1.20, cilium PR #46184): pin controllers.cilium.chartVersion to 1.20, or expose the Service on an NLB of its own (loadBalancers[].service)`;
  }
  if (gateway.type === "aws") {
    const nlb = isAwsNlbGateway(spec, gateway);
    if (protocol === "GRPC")
      return nlb
        ? "an NLB does not route gRPC calls: put the gateway on an ALB, or route TCP to the gRPC server"
        : awsAlbListensHttps(spec, gateway)
          ? undefined
          : `an ALB speaks gRPC to its targets only behind an HTTPS listener (ALBC pkg/gateway/model/model_build_target_group.go, buildTargetGroupProtocolVersion), and gateway '${gateway.name}' has none: add an HTTPS listener, with certificateArns on its load balancer`;
    return nlb
      ? undefined
      : `an ALB routes requests, not ports (ALBC's ALB Gateway serves HTTPRoute and GRPCRoute only): put this route on an aws gateway whose load balancer is an NLB`;
  }
  if (gateway.type === "istio" || gateway.type === "kong") {
    // Behind its ALB the proxy receives HTTP on one port, whichever format its routes render as.
    const format = ` (whether its routes are ${gateway.type === "istio" ? "VirtualServices" : "Ingresses"} or Gateway API)`;
    return `${withArticle(gateway.type)} gateway sits behind an ALB, which forwards HTTP requests only${format}, so a ${protocol} route on gateway '${gateway.name}' would never be reached: ${protocol === "GRPC" ? "use a cilium gateway, or an aws gateway on an ALB with an HTTPS listener" : "use an aws gateway on an NLB, or a cilium gateway"}`;
  }
  return `only Gateway API gateways (cilium, aws) serve ${protocol} routes; gateway '${gateway.name}' is ${gateway.type}: use a cilium or aws gateway`;
}

export const routeProtocolServed: Check = (ctx) =>
  ctx.spec.routes.flatMap((route, i) => {
    const gateway = ctx.spec.gateways.find((g) => g.name === route.gateway);
    const why = gateway === undefined ? undefined : unserved(ctx.spec, gateway, route.protocol);
    return why === undefined ? [] : [report(ctx, ["routes", i, "protocol"], why, { part: route.protocol === "HTTP" ? "key" : "value" })];
  });

/** An aws gateway on an ALB has an HTTPS listener: its own, or its ALB's listen port. */
function awsAlbListensHttps(spec: IngressSpec, gateway: Gateway): boolean {
  const listen = loadBalancerOf(spec, gateway)?.listen ?? [];
  return (gateway.listeners ?? listen).some((l) => l.protocol === "HTTPS");
}

/** The listeners an L4 route may name: a cilium gateway's, or an aws NLB gateway's own or its NLB's. */
function listenersOf(spec: IngressSpec, gateway: Gateway): readonly GatewayListener[] | undefined {
  if (gateway.type === "cilium") return gateway.listeners;
  const lb = loadBalancerOf(spec, gateway);
  return gateway.type === "aws" && lb?.type === "nlb" ? awsNlbListeners(gateway, lb) : undefined;
}

/**
 * An L4 rule's port is a listener of the route's protocol on its gateway; one TCP or UDP route per
 * listener (an NLB listener forwards to one target group, and Gateway API has nothing to choose
 * between two TCPRoutes by), one TLS route per listener and host.
 */
export const l4RoutesNameTheirListener: Check = (ctx) => {
  const claimed = new Map<string, number>();
  return ctx.spec.routes.flatMap((route, i): Problem[] => {
    const gateway = ctx.spec.gateways.find((g) => g.name === route.gateway);
    if (gateway === undefined || !isL4(route) || unserved(ctx.spec, gateway, route.protocol) !== undefined) return [];
    const [rule] = route.rules;
    if (rule === undefined) return [];
    const listeners = listenersOf(ctx.spec, gateway) ?? [];
    const at = ["routes", i, "rules", 0, "port"];
    const listener = listeners.find((l) => l.port === rule.port && l.protocol === route.protocol);
    if (listener === undefined) {
      const have = listeners.map((l) => `${l.protocol} ${l.port}`).join(", ") || "none";
      return [
        report(
          ctx,
          at,
          `gateway '${gateway.name}' has no ${route.protocol} listener on port ${rule.port} (it has: ${have}); add one to gateways[${ctx.spec.gateways.indexOf(gateway)}].listeners${gateway.type === "aws" ? " or its NLB's listen" : ""}`,
        ),
      ];
    }
    const hosts = route.protocol === "TLS" && gateway.type === "cilium" ? (route.hosts ?? []) : ["*"];
    return hosts.flatMap((host) => {
      const key = `${gateway.name} ${listener.name} ${host}`;
      const earlier = claimed.get(key);
      if (earlier === undefined) {
        claimed.set(key, i);
        return [];
      }
      const owner = ctx.spec.routes[earlier];
      return [
        report(
          ctx,
          at,
          `listener '${listener.name}' of gateway '${gateway.name}' already sends ${host === "*" ? "its traffic" : host} to route '${owner?.namespace ?? ""}/${owner?.name ?? ""}' (${lineOf(ctx, ["routes", earlier, "rules", 0, "port"])}); give this route a listener of its own`,
        ),
      ];
    });
  });
};

/** Listeners of each protocol only where something serves them, in the form Gateway API accepts. */
export const listenerProtocolServed: Check = (ctx) =>
  ctx.spec.gateways.flatMap((gateway, i) =>
    (gateway.listeners ?? []).flatMap((listener, j): Problem[] => {
      const at = ["gateways", i, "listeners", j];
      const l4 = listener.protocol === "TCP" || listener.protocol === "TLS" || listener.protocol === "UDP";
      const nlb = isAwsNlbGateway(ctx.spec, gateway);
      if (l4 && gateway.type !== "cilium" && !nlb)
        return [
          report(
            ctx,
            [...at, "protocol"],
            `${gateway.type === "aws" ? "an aws gateway on an ALB" : `a ${gateway.type} gateway`} listens for HTTP and HTTPS only; ${listener.protocol} listeners are for cilium gateways and aws gateways on an NLB`,
          ),
        ];
      if (!l4 && nlb)
        return [
          report(
            ctx,
            [...at, "protocol"],
            "an aws gateway on an NLB listens for TCP, TLS or UDP; put HTTP on an aws gateway whose load balancer is an ALB",
          ),
        ];
      if (listener.protocol === "TLS" && listener.tls !== undefined)
        return [
          report(
            ctx,
            [...at, "tls"],
            "a TLS listener passes TLS through to the backend, which holds the certificate; remove tls, or use HTTPS to terminate it here",
            {
              part: "key",
            },
          ),
        ];
      if ((listener.protocol === "TCP" || listener.protocol === "UDP") && listener.hostname !== undefined)
        return [
          report(
            ctx,
            [...at, "hostname"],
            `a ${listener.protocol} listener has no host to match (Gateway API refuses hostname on it); remove hostname`,
            {
              part: "key",
            },
          ),
        ];
      return [];
    }),
  );

/**
 * An aws gateway on an NLB listens where its NLB does, and cannot terminate TLS there: Gateway
 * API requires a Terminate listener to name certificateRefs, which ALBC does not read (it takes
 * certificates only from the LoadBalancerConfiguration, docs/guide/gateway/gateway.md).
 */
export const awsNlbListens: Check = (ctx) =>
  ctx.spec.gateways.flatMap((gateway, i): Problem[] => {
    const lb = loadBalancerOf(ctx.spec, gateway);
    if (gateway.type !== "aws" || lb?.type !== "nlb") return [];
    const at = ctx.spec.loadBalancers.indexOf(lb);
    const tls = (lb.listen ?? []).flatMap((l, j) =>
      l.protocol === "TLS"
        ? [
            report(
              ctx,
              ["loadBalancers", at, "listen", j, "protocol"],
              `aws gateway '${gateway.name}' cannot terminate TLS on its NLB (a Gateway API Terminate listener must name certificateRefs, which ALBC does not read); listen on TCP and pass TLS through with a TLS route, or terminate it in the backend`,
            ),
          ]
        : [],
    );
    if ((lb.certificateArns ?? []).length > 0)
      tls.push(
        report(
          ctx,
          ["loadBalancers", at, "certificateArns"],
          `unused: the NLB of aws gateway '${gateway.name}' terminates no TLS (its TLS listeners pass it through); remove certificateArns, the backend holds the certificate`,
          { part: "key" },
        ),
      );
    if (gateway.listeners === undefined && lb.listen === undefined)
      tls.push(
        report(
          ctx,
          ["gateways", i, "loadBalancer"],
          `aws gateway '${gateway.name}' on NLB '${lb.name}' has no ports to listen on: give loadBalancers[${at}].listen (TCP, UDP or TCP_UDP) or gateways[${i}].listeners`,
        ),
      );
    return tls;
  });
