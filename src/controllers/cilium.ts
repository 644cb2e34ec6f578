// Cilium's Gateway API conventions: what ingress-gitops writes for Cilium and reads back from any
// folder of manifests, in one place so the two sides cannot drift apart.

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
