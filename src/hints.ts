// Annotations ingress-gitops writes so that a reader of the manifests (the topology diff) can
// name what Kubernetes objects alone cannot: the spec's load balancer and gateway names, and
// the scheme, type and TLS of a load balancer made outside the cluster.
export const HINTS = {
  loadBalancer: "ingress-gitops.io/load-balancer",
  gateway: "ingress-gitops.io/gateway",
  scheme: "ingress-gitops.io/scheme",
  loadBalancerType: "ingress-gitops.io/load-balancer-type",
  tls: "ingress-gitops.io/tls",
} as const;
