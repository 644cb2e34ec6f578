// The names ingress-gitops derives from spec names, and the limits of whoever consumes them. One
// place, so that the renderer and the validation that refuses too-long names never disagree.

/** Helm refuses longer release names (helm/helm pkg/chartutil `maxReleaseNameLen = 53`). */
export const HELM_RELEASE_MAX = 53;
/** A DNS-1123/1035 label: Service names, and label values such as Argo CD's tracking label. */
export const DNS_LABEL_MAX = 63;
/** What the file systems of Linux, macOS and Windows accept for one path segment (NAME_MAX). */
export const PATH_SEGMENT_MAX_BYTES = 255;

/** Helm release (and Deployment and Service) of the istio/gateway chart for a gateway. */
export function istioRelease(gateway: string): string {
  return `istio-${gateway}`;
}

/** Helm release of the kong/ingress chart for a gateway. */
export function kongRelease(gateway: string): string {
  return `kong-${gateway}`;
}

/** The umbrella chart names its proxy `<release>-gateway-proxy` (controller.proxy.nameOverride). */
export function kongProxyService(release: string): string {
  return `${release}-gateway-proxy`;
}

/** Cilium's operator names the Service of a Gateway `cilium-gateway-<name>`. */
export function ciliumGatewayService(gateway: string): string {
  return `cilium-gateway-${gateway}`;
}

/** The KongPlugin of one plugin on one route, in the route's namespace. */
export function kongPluginName(route: string, plugin: string): string {
  return `${route}-${plugin}`;
}
