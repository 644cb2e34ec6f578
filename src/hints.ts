// Annotations ingress-gitops writes so that a reader of the manifests (the topology diff) can
// name what Kubernetes objects alone cannot: the spec's load balancer and gateway names, and
// the scheme, type and TLS of a load balancer made outside the cluster, and the labels a route's
// Namespace must carry for its Gateway to admit it (a Namespace ingress-gitops does not render).
import { compareText } from "./compare-text.ts";

export const HINTS = {
  loadBalancer: "ingress-gitops.io/load-balancer",
  gateway: "ingress-gitops.io/gateway",
  scheme: "ingress-gitops.io/scheme",
  loadBalancerType: "ingress-gitops.io/load-balancer-type",
  tls: "ingress-gitops.io/tls",
  namespaceLabels: "ingress-gitops.io/namespace-labels",
} as const;

/**
 * The namespace-labels hint's text: `k=v` pairs sorted by key, comma-separated. Label keys hold no
 * `=` or `,`, nor do label values (Kubernetes label syntax), so the text reads back as written.
 */
export function encodeLabels(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .sort(compareText)
    .join(",");
}

export function decodeLabels(text: string): Record<string, string> {
  return Object.fromEntries(text.split(",").map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]));
}
