// Kong's conventions: what ingress-gitops writes for Kong and reads back from any folder of
// manifests, in one place so the two sides cannot drift apart.

/** The IngressClass the kong/ingress chart's controller serves (`controller.ingressController.ingressClass`). */
export const KONG_INGRESS_CLASS = "kong";

const RELEASE_PREFIX = "kong-";

/** The Ingress annotation naming the KongPlugins of the route's namespace it runs, comma-separated (kubernetes-ingress-controller internal/annotations, PluginsKey). */
export const KONG_PLUGINS_ANNOTATION = "konghq.com/plugins";

/** ingress-gitops installs a kong gateway as the Helm release `kong-<gateway>`. */
export function kongRelease(gateway: string): string {
  return `${RELEASE_PREFIX}${gateway}`;
}

/** The gateway a release is named for (`kongRelease` reversed); a release named otherwise names itself. */
export function kongGatewayOf(release: string): string {
  return release.startsWith(RELEASE_PREFIX) && release.length > RELEASE_PREFIX.length ? release.slice(RELEASE_PREFIX.length) : release;
}

/**
 * The kong/ingress chart installs its proxy through the kong subchart aliased `gateway`
 * (Kong/charts charts/ingress/Chart.yaml), whose proxy Service is `<fullname>-proxy`
 * (charts/kong/templates/service-kong-proxy.yaml): `<release>-gateway-proxy`, cut at 63 characters.
 */
export function kongProxyService(release: string): string {
  return `${release}-gateway-proxy`;
}

/**
 * The GatewayClass ingress-gitops renders for a kong gateway with routeFormat gatewayAPI, and the
 * controller it names: the one Kong's ingress controller serves unless told otherwise
 * (`--gateway-api-controller-name`, default `konghq.com/kic-gateway-controller`: Kong's docs,
 * kubernetes-ingress-controller concepts/gateway-api, "Listener compatibility and handling multiple
 * Gateways"; kubernetes-ingress-controller internal/controllers/gateway, ControllerName).
 */
export const KONG_GATEWAY_CLASS = "kong";
export const KONG_GATEWAY_CONTROLLER = "konghq.com/kic-gateway-controller";

/**
 * A GatewayClass with this annotation (any non-empty value) is unmanaged: the controller serves its
 * Gateways with the proxy it already publishes (the chart's `--publish-service`) rather than
 * deploying one (kubernetes-ingress-controller internal/annotations/annotations.go
 * GatewayClassUnmanagedKey, internal/controllers/gateway/gateway_utils.go isGatewayClassUnmanaged);
 * without it the Gateway is never reconciled.
 */
export const KONG_UNMANAGED_ANNOTATION = { "konghq.com/gatewayclass-unmanaged": "true" } as const;

/**
 * The one listener a Kong Gateway has behind an ALB: HTTP on the proxy Service's HTTP port, where
 * the ALB sends. Kong's controller accepts a listener only on a port the proxy serves with that
 * protocol (internal/controllers/gateway/gateway_utils.go, PortUnavailable/UnsupportedProtocol),
 * and Argo CD holds a Gateway with a listener not Accepted for Degraded.
 */
export const KONG_PROXY_HTTP_PORT = 80;
export const KONG_GATEWAY_LISTENER = { name: "http", protocol: "HTTP", port: KONG_PROXY_HTTP_PORT } as const;

/**
 * A KongPlugin attaches to an HTTPRoute rule as an ExtensionRef filter of exactly this group and
 * kind (kubernetes-ingress-controller internal/dataplane/translator/subtranslator/httproute.go,
 * generateExtensionRefKongPlugin: any other is "unsupported").
 */
export const KONG_PLUGIN_FILTER = { group: "configuration.konghq.com", kind: "KongPlugin" } as const;
