// Istio's gateway chart conventions: what ingress-gitops writes for Istio and reads back from any
// folder of manifests, in one place so the two sides cannot drift apart.

const RELEASE_PREFIX = "istio-";

/** ingress-gitops installs an istio gateway as the Helm release `istio-<gateway>` of the istio/gateway chart. */
export function istioRelease(gateway: string): string {
  return `${RELEASE_PREFIX}${gateway}`;
}

/** The istio/gateway chart names its Service (and Deployment) `.Values.name | default .Release.Name`. */
export function istioGatewayService(release: string): string {
  return release;
}

/** The pod label an Istio Gateway's `selector` picks a gateway chart's pods by. */
export const ISTIO_POD_LABEL = "istio";

/**
 * The istio/gateway chart labels its pods `istio: <name without the istio- prefix>` unless
 * `labels.istio` is set (istio/istio manifests/charts/gateway/templates/_helpers.tpl,
 * `gateway.selectorLabels`: `include "gateway.name" . | trimPrefix "istio-"`).
 */
export function istioPodLabelValue(release: string): string {
  return release.startsWith(RELEASE_PREFIX) ? release.slice(RELEASE_PREFIX.length) : release;
}
