// The AWS Load Balancer Controller's conventions that ingress-gitops writes and reads back from
// any folder of manifests: its IngressClass and the annotation keys both sides use, each key
// spelled once (kubernetes-sigs/aws-load-balancer-controller docs/guide/ingress/annotations.md
// and docs/guide/service/annotations.md).

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
