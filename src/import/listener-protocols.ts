// Which listener protocols a spec's Gateway API gateway can carry, as validate decides them
// (src/validate/checks/route-protocols.ts): an aws gateway's by its load balancer (ALBC's ALB
// Gateway serves HTTPRoute and GRPCRoute, its NLB Gateway TCPRoute, UDPRoute and TLSRoute), a
// Cilium gateway's by its chart version (CILIUM_L4_ROUTES). What a gateway cannot carry import
// says, rather than write a spec validate refuses. Pure.
import { CILIUM_L4_ROUTES } from "../controllers/cilium.ts";
import { knownChartMinor, L4_ROUTE_KIND } from "../controllers/gateway-api.ts";
import type { GatewayRef } from "../topology/types.ts";
import specSchema from "../../schema/ingress-spec.schema.json" with { type: "json" };

export interface ListenerSupport {
  /** The listener protocols the gateway carries. */
  readonly protocols: ReadonlySet<string>;
  /** Why another protocol is not carried, for the note. */
  readonly why: (protocol: string) => string;
}

const DEFAULT_CILIUM = specSchema.properties.controllers.properties.cilium.properties.chartVersion.default;

function ciliumListeners(chartVersion: string | undefined): ListenerSupport {
  const version = chartVersion ?? DEFAULT_CILIUM;
  const minor = knownChartMinor("cilium", version);
  const served = minor === undefined ? {} : CILIUM_L4_ROUTES[minor];
  const l4 = (["TCP", "TLS", "UDP"] as const).filter((p) => served[L4_ROUTE_KIND[p]] !== undefined);
  return {
    protocols: new Set(["HTTP", "HTTPS", ...l4]),
    why: (protocol) =>
      protocol in L4_ROUTE_KIND
        ? `Cilium ${minor ?? version} serves no ${L4_ROUTE_KIND[protocol as keyof typeof L4_ROUTE_KIND]} (TCPRoute and UDPRoute from 1.20, cilium PR #46184); set controllers.cilium.chartVersion to 1.20 to keep it`
        : `a cilium gateway listens for HTTP, HTTPS, TCP, TLS and UDP only`,
  };
}

function awsListeners(balancer: "alb" | "nlb"): ListenerSupport {
  return balancer === "alb"
    ? { protocols: new Set(["HTTP", "HTTPS"]), why: () => "ALBC's ALB Gateway listens for HTTP and HTTPS only" }
    : { protocols: new Set(["TCP", "TLS", "UDP"]), why: () => "ALBC's NLB Gateway listens for TCP, TLS and UDP only" };
}

/** What a spec gateway of `type` on a load balancer of `balancer` carries; Istio's servers and the rest HTTP and HTTPS. */
export function listenerSupport(type: GatewayRef["type"], balancer: "alb" | "nlb", ciliumVersion: string | undefined): ListenerSupport {
  if (type === "cilium") return ciliumListeners(ciliumVersion);
  if (type === "aws") return awsListeners(balancer);
  return { protocols: new Set(["HTTP", "HTTPS"]), why: () => `the spec's ${type} gateways listen for HTTP and HTTPS only` };
}
