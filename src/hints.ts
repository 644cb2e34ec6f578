// Annotations ingress-gitops writes so that a reader of the manifests (the topology diff) can
// name what Kubernetes objects alone cannot: the spec's load balancer and gateway names, and
// the scheme, type and TLS of a load balancer made outside the cluster, and the labels a route's
// Namespace must carry for its Gateway to admit it (a Namespace ingress-gitops does not render).
export const HINTS = {
  loadBalancer: "ingress-gitops.io/load-balancer",
  gateway: "ingress-gitops.io/gateway",
  scheme: "ingress-gitops.io/scheme",
  loadBalancerType: "ingress-gitops.io/load-balancer-type",
  tls: "ingress-gitops.io/tls",
  namespaceLabels: "ingress-gitops.io/namespace-labels",
} as const;
