// Which route kinds each controller serves for the gateways ingress-gitops renders, at which API
// version, for the README's table; validation and rendering read the same facts
// (controllers/albc.ts, controllers/cilium.ts, ROUTE_KIND_RELEASES for the channels).
import { albcAppVersion, albcL4RouteVersion, ALBC_L4_ROUTE_KINDS } from "./albc.ts";
import { CILIUM_L4_ROUTES } from "./cilium.ts";
import { knownChartMinors, type GatewayApiController, type RouteKind, type RouteVersion } from "./gateway-api.ts";

export interface RouteKindSupport {
  readonly controller: GatewayApiController;
  readonly chart: string;
  /** The gateway of the spec that renders them. */
  readonly gateway: string;
  readonly kinds: Readonly<Partial<Record<RouteKind, RouteVersion>>>;
}

/** HTTPRoute and GRPCRoute v1: ALBC's ALB Gateway from controller v2.14.0 (docs/guide/gateway/gateway.md), Cilium's operator (cilium#44920 era on). */
const L7 = { HTTPRoute: "v1", GRPCRoute: "v1" } as const;

/**
 * What an istio or kong gateway's routes render as with routeFormat gatewayAPI: HTTPRoute v1 only,
 * since the ALB in front forwards HTTP requests to the proxy (istiod 1.30 reads the v1 routes of
 * the CRDs installed, pilot/pkg/config/kube/gateway; other kinds are refused at validate,
 * checks/route-protocols.ts).
 */
const BEHIND_AN_ALB = { HTTPRoute: "v1" } as const;

export const ROUTE_KIND_SUPPORT: readonly RouteKindSupport[] = [
  ...knownChartMinors("awsLoadBalancerController").flatMap((chart): RouteKindSupport[] => {
    const version = albcL4RouteVersion(albcAppVersion(chart));
    return [
      { controller: "awsLoadBalancerController", chart, gateway: "aws on an ALB", kinds: L7 },
      {
        controller: "awsLoadBalancerController",
        chart,
        gateway: "aws on an NLB",
        kinds: Object.fromEntries(ALBC_L4_ROUTE_KINDS.map((kind) => [kind, version])),
      },
    ];
  }),
  ...(Object.keys(CILIUM_L4_ROUTES) as (keyof typeof CILIUM_L4_ROUTES)[]).map((chart): RouteKindSupport => ({
    controller: "cilium",
    chart,
    gateway: "cilium",
    kinds: { ...L7, ...CILIUM_L4_ROUTES[chart] },
  })),
  ...(["istio", "kong"] as const).flatMap((controller) =>
    knownChartMinors(controller).map((chart): RouteKindSupport => ({
      controller,
      chart,
      gateway: `${controller}, routeFormat gatewayAPI`,
      kinds: BEHIND_AN_ALB,
    })),
  ),
];
