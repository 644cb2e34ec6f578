// Kong's conventions: what ingress-gitops writes for Kong and reads back from any folder of
// manifests, in one place so the two sides cannot drift apart.

/** The IngressClass the kong/ingress chart's controller serves (`controller.ingressController.ingressClass`). */
export const KONG_INGRESS_CLASS = "kong";

const RELEASE_PREFIX = "kong-";

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
