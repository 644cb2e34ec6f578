/** One thing wrong with a rendered document or a chart's values. */
export interface OutputProblem {
  /** Which document, e.g. "Service kube-system/foo" or "values cilium 1.19.6". */
  document: string;
  /** JSON pointer inside the document ("" for the document itself). */
  path: string;
  message: string;
}

/** Versions of the upstream projects whose schemas apply; they decide which schema a kind is checked against. */
export interface ValidationContext {
  /** Required for gateway.networking.k8s.io kinds: the installed Gateway API release and channel. */
  readonly gatewayAPI?: { readonly version: string; readonly channel: "standard" | "experimental" };
  /** Argo CD release for argoproj.io kinds; default v3.5.1. */
  readonly argocdVersion?: string;
  /** AWS Load Balancer Controller release for elbv2.k8s.aws and gateway.k8s.aws kinds; default v3.5.0. */
  readonly albcVersion?: string;
}
