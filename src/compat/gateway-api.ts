// Which Gateway API release suits which controller. One release serves the whole cluster, so
// the chosen one must suit every enabled controller at once; where none does, the spec is refused.

export type Channel = "standard" | "experimental";

/** Releases whose CRDs ingress-gitops ships and validates rendered output against. */
export const GATEWAY_API_RELEASES = ["v1.0.0", "v1.2.1", "v1.4.1", "v1.6.1"] as const;
export type GatewayApiRelease = (typeof GATEWAY_API_RELEASES)[number];

export type GatewayApiController = "cilium" | "istio" | "awsLoadBalancerController" | "kong";

interface Support {
  /** Lowest release that works, inclusive. */
  readonly from: string;
  /** First release that breaks it, exclusive. */
  readonly before?: string;
  readonly why: string;
}

// Keyed by chart minor. Sources: cilium#44920 (1.19 crashes without TLSRoute v1alpha2, which
// v1.5.0 removed), cilium PR #47408 (1.20 needs TLSRoute/ReferenceGrant/BackendTLSPolicy at v1,
// v1.5.0+), Cilium operator start-up check of GRPCRoute v1 (v1.1.0+); Istio go.mod per tag
// (1.30 builds against v1.5.1 and reads older CRDs); ALBC docs/guide/gateway (v3.5 built for
// v1.6.0, its Gateway API controllers start only for CRDs that exist); Kong's KIC 3.5
// compatibility table (tested to v1.3; v1.5 removed the v1alpha2 routes it watches).
export const GATEWAY_API_SUPPORT: Readonly<Record<GatewayApiController, Readonly<Record<string, Support>>>> = {
  cilium: {
    "1.18": { from: "v1.1.0", before: "v1.5.0", why: "Cilium 1.18 needs TLSRoute v1alpha2, removed in v1.5.0 (cilium#44920)" },
    "1.19": { from: "v1.1.0", before: "v1.5.0", why: "Cilium 1.19 crashes without TLSRoute v1alpha2, removed in v1.5.0 (cilium#44920)" },
    "1.20": { from: "v1.5.0", why: "Cilium 1.20 needs TLSRoute, ReferenceGrant and BackendTLSPolicy at v1 (cilium PR #47408)" },
  },
  istio: {
    "1.30": { from: "v1.0.0", why: "Istio 1.30 is built against v1.5.1 and serves older releases" },
  },
  awsLoadBalancerController: {
    "1.17": { from: "v1.0.0", why: "ALBC v2.17 starts its Gateway API controllers only for CRDs that exist" },
    "3.5": { from: "v1.0.0", why: "ALBC v3.5 starts its Gateway API controllers only for CRDs that exist" },
  },
  kong: {
    "0.24": { from: "v1.0.0", before: "v1.5.0", why: "Kong's controller (KIC 3.5) watches v1alpha2 routes, removed in v1.5.0" },
  },
};

/** The chart minors ingress-gitops has tested a controller with. */
export function knownChartMinors(controller: GatewayApiController): string[] {
  return Object.keys(GATEWAY_API_SUPPORT[controller]);
}

/** `1.19` of `1.19.6`. */
export function chartMinor(version: string): string {
  return version.split(".").slice(0, 2).join(".");
}

export function compareReleases(a: string, b: string): number {
  const pa = a.replace(/^v/, "").split(".").map(Number);
  const pb = b.replace(/^v/, "").split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function supports(support: Support, release: string): boolean {
  return compareReleases(release, support.from) >= 0 && (support.before === undefined || compareReleases(release, support.before) < 0);
}

/** `Gateway.spec.infrastructure` is in the experimental channel from v1.0.0 and standard from v1.2.0. */
export function hasInfrastructure(release: string, channel: Channel): boolean {
  return compareReleases(release, channel === "experimental" ? "v1.0.0" : "v1.2.0") >= 0;
}

export interface ControllerVersion {
  readonly controller: GatewayApiController;
  readonly chartVersion: string;
}

export type Resolution =
  | { ok: true; release: GatewayApiRelease }
  | { ok: false; reason: string };

/**
 * The newest shipped release that suits every controller (and has `infrastructure` when a
 * Gateway needs it), or the pinned one checked against the same rules.
 */
export function resolveGatewayApiRelease(controllers: readonly ControllerVersion[], channel: Channel, needsInfrastructure: boolean, pinned?: string): Resolution {
  const reasons = (release: string): string[] => [
    ...controllers.flatMap(({ controller, chartVersion }) => {
      const support = GATEWAY_API_SUPPORT[controller][chartMinor(chartVersion)];
      return support === undefined || supports(support, release) ? [] : [support.why];
    }),
    ...(needsInfrastructure && !hasInfrastructure(release, channel)
      ? [`a Gateway behind a controller-made NLB needs spec.infrastructure, which the ${channel} channel has only from ${channel === "experimental" ? "v1.0.0" : "v1.2.0"}`]
      : []),
  ];
  if (pinned !== undefined) {
    if (!(GATEWAY_API_RELEASES as readonly string[]).includes(pinned)) {
      return { ok: false, reason: `Gateway API ${pinned} is not one ingress-gitops ships and validates against (${GATEWAY_API_RELEASES.join(", ")})` };
    }
    const blockers = reasons(pinned);
    return blockers.length === 0 ? { ok: true, release: pinned as GatewayApiRelease } : { ok: false, reason: `Gateway API ${pinned} does not suit this cluster: ${blockers.join("; ")}` };
  }
  const fitting = [...GATEWAY_API_RELEASES].reverse().find((release) => reasons(release).length === 0);
  if (fitting !== undefined) return { ok: true, release: fitting };
  const newest = GATEWAY_API_RELEASES[GATEWAY_API_RELEASES.length - 1] ?? "v1.6.1";
  const oldest = GATEWAY_API_RELEASES[0];
  return { ok: false, reason: `no Gateway API release suits every enabled controller: ${[...new Set([...reasons(newest), ...reasons(oldest)])].join("; ")}` };
}
