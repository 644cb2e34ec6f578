// The AWS Load Balancer Controller's conventions that ingress-gitops writes and reads back from
// any folder of manifests: its IngressClass and the annotation keys both sides use, each key
// spelled once (kubernetes-sigs/aws-load-balancer-controller docs/guide/ingress/annotations.md
// and docs/guide/service/annotations.md).
import type { RouteVersion } from "./gateway-api.ts";

/** The IngressClass the controller's helm chart creates (`ingressClass: alb`). */
export const ALB_INGRESS_CLASS = "alb";

/**
 * The loadBalancerClass the controller takes a Service of type LoadBalancer by, and that its
 * webhook gives one created without a class (pkg/service/service_utils.go, IsServiceSupported;
 * webhooks/core/service_mutator.go, MutateCreate).
 */
export const ALBC_LOAD_BALANCER_CLASS = "service.k8s.aws/nlb";

/** Annotations of an Ingress, which make or join an ALB. */
export const INGRESS_ANNOTATIONS = {
  scheme: "alb.ingress.kubernetes.io/scheme",
  groupName: "alb.ingress.kubernetes.io/group.name",
  listenPorts: "alb.ingress.kubernetes.io/listen-ports",
  certificateArn: "alb.ingress.kubernetes.io/certificate-arn",
} as const;

/** Annotations of a Service of type LoadBalancer, which the controller turns into an NLB. */
export const SERVICE_ANNOTATIONS = {
  scheme: "service.beta.kubernetes.io/aws-load-balancer-scheme",
  sslCert: "service.beta.kubernetes.io/aws-load-balancer-ssl-cert",
  sslPorts: "service.beta.kubernetes.io/aws-load-balancer-ssl-ports",
} as const;

/**
 * The controller names ALBC's Gateway API controllers serve: a GatewayClass with
 * `gateway.k8s.aws/alb` makes each of its Gateways an ALB (HTTPRoute, GRPCRoute), one with
 * `gateway.k8s.aws/nlb` an NLB (TCPRoute, UDPRoute, TLSRoute)
 * (pkg/gateway/constants/controller_constants.go, docs/guide/gateway/gateway.md).
 */
export const ALBC_GATEWAY_CONTROLLER = { alb: "gateway.k8s.aws/alb", nlb: "gateway.k8s.aws/nlb" } as const;

/** The GatewayClass ingress-gitops renders for ALBC's ALB Gateways, and reads back. */
export const ALBC_GATEWAY_CLASS = { alb: "aws-alb", nlb: "aws-nlb" } as const;

/** The group of ALBC's own Gateway API CRDs (LoadBalancerConfiguration, TargetGroupConfiguration). */
export const ALBC_GATEWAY_GROUP = "gateway.k8s.aws";

/**
 * The controller release a chart version runs: chart 1.x ships controller v2.x of the same
 * minor and patch, chart 3.x controller v3.x (helm/aws-load-balancer-controller/Chart.yaml
 * appVersion at tags v2.17.1 and v3.5.0).
 */
export function albcAppVersion(chartVersion: string): string {
  const [major = "", ...rest] = chartVersion.split(".");
  return `v${major === "1" ? "2" : major}.${rest.join(".")}`;
}

/**
 * The served version of ALBC's gateway.k8s.aws CRDs to write for a controller release: v2.17 has only v1beta1; v3.5
 * stores v1 and deprecates v1beta1 (config/crd/gateway/*.yaml at each tag).
 */
export function albcGatewayApiVersion(appVersion: string): string {
  return `${ALBC_GATEWAY_GROUP}/${appVersion.startsWith("v2.") ? "v1beta1" : "v1"}`;
}

/**
 * The version of TCPRoute, UDPRoute and TLSRoute that ALBC's NLB Gateway controller reads: v1alpha2
 * in v2.x (pkg/gateway/constants/controller_constants.go NLBRouteResourceGroupVersion, and
 * routeutils/tls.go, at v2.17.1), v1 in v3.5, which starts that controller only when all three
 * CRDs serve v1 (pkg/gateway/crddetect/gateway_feature_flags.go, nlbKinds).
 */
export function albcL4RouteVersion(appVersion: string): RouteVersion {
  return appVersion.startsWith("v2.") ? "v1alpha2" : "v1";
}

/** Every L4 route kind the NLB Gateway controller watches: it needs each CRD, whichever the spec uses. */
export const ALBC_L4_ROUTE_KINDS = ["TCPRoute", "UDPRoute", "TLSRoute"] as const;
