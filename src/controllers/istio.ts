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

/**
 * The GatewayClass istiod creates and serves (istio/istio pilot/pkg/config/kube/gatewaycommon
 * gatewayclass.go, builtinClasses; controller `istio.io/gateway-controller`, pilot/pkg/features
 * PILOT_GATEWAY_API_CONTROLLER_NAME).
 */
export const ISTIO_GATEWAY_CLASS = "istio";
export const ISTIO_GATEWAY_CONTROLLER = "istio.io/gateway-controller";

/**
 * A Gateway of class istio with exactly one address, of type Hostname, is a manual deployment:
 * Istio deploys nothing for it and programs the pods of the Service that address names, a short
 * name being a Service of the Gateway's own namespace (istio/istio 1.30.3
 * pilot/pkg/config/kube/gatewaycommon/gateway_utils.go `IsManaged`, conversion.go
 * `extractGatewayServices`; ENABLE_GATEWAY_API_MANUAL_DEPLOYMENT defaults to true).
 */
export function istioManualAddress(service: string): { type: "Hostname"; value: string } {
  return { type: "Hostname", value: service };
}

/**
 * The Service a manually deployed Gateway names by its one Hostname address: `<svc>` (in the
 * Gateway's namespace) or `<svc>.<ns>.svc.<domain>`; undefined for a Gateway Istio deploys itself
 * (no address, an IP, or more than one) or a hostname outside the cluster (a ServiceEntry).
 */
export function istioManualService(
  addresses: readonly { readonly type?: string; readonly value?: string }[],
  gatewayNamespace: string,
): { namespace: string; name: string } | undefined {
  const [only, ...more] = addresses;
  if (only === undefined || more.length > 0 || only.type !== "Hostname" || only.value === undefined) return undefined;
  const parts = only.value.split(".");
  if (parts.length === 1) return { namespace: gatewayNamespace, name: only.value };
  const [name, namespace, svc] = parts;
  return svc === "svc" && name !== undefined && namespace !== undefined ? { namespace, name } : undefined;
}
