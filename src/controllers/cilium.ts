// Cilium's Gateway API conventions: what ingress-gitops writes for Cilium and reads back from any
// folder of manifests, in one place so the two sides cannot drift apart.
import { knownChartMinor, type KnownChartMinor, type L4RouteKind, type RouteVersion } from "./gateway-api.ts";

/** The GatewayClass the Cilium helm chart creates (`gatewayAPI.gatewayClass.create`) and its operator serves. */
export const CILIUM_GATEWAY_CLASS = "cilium";

/**
 * Cilium's operator names the Service of a Gateway `cilium-gateway-<name>` (cilium/cilium
 * operator/pkg/model/translation/gateway-api/translator.go, `ciliumGatewayPrefix`), hash-shortened
 * past 63 characters (pkg/shortener ShortenK8sResourceName).
 */
export function ciliumGatewayService(gateway: string): string {
  return `cilium-gateway-${gateway}`;
}

/**
 * The L4 route kinds Cilium's operator serves, by chart minor, at the version it reads: TLSRoute
 * (Passthrough) at v1alpha2 up to 1.19 (cilium#44920) and at v1 from 1.20 (cilium PR #47408);
 * TCPRoute and UDPRoute only from 1.20 (cilium PR #46184, at v1 since PR #46970; before, a TCP
 * listener was not accepted, cilium#21929, cilium#38192).
 */
export const CILIUM_L4_ROUTES: Readonly<Record<KnownChartMinor<"cilium">, Readonly<Partial<Record<L4RouteKind, RouteVersion>>>>> = {
  "1.18": { TLSRoute: "v1alpha2" },
  "1.19": { TLSRoute: "v1alpha2" },
  "1.20": { TLSRoute: "v1", TCPRoute: "v1", UDPRoute: "v1" },
};

/** The version of an L4 route kind Cilium reads; validation refuses the kinds it does not serve (checks/route-protocols.ts). */
export function ciliumL4Version(chartVersion: string, kind: L4RouteKind): RouteVersion {
  const minor = knownChartMinor("cilium", chartVersion);
  const version = minor === undefined ? undefined : CILIUM_L4_ROUTES[minor][kind];
  if (version === undefined) throw new Error(`Cilium ${chartVersion} serves no ${kind}; validation should have refused it`);
  return version;
}
