// Which Gateway API release suits which controller. One release serves the whole cluster, so
// the chosen one must suit every enabled controller at once; where none does, the spec is refused.

export const GATEWAY_API_CHANNELS = ["standard", "experimental"] as const;
export type Channel = (typeof GATEWAY_API_CHANNELS)[number];

/** Releases whose CRDs ingress-gitops ships and validates rendered output against. */
export const GATEWAY_API_RELEASES = ["v1.0.0", "v1.2.1", "v1.4.1", "v1.6.1"] as const;
export type GatewayApiRelease = (typeof GATEWAY_API_RELEASES)[number];

/** The controllers installed from a Helm chart, each with its own Gateway API support. */
export const GATEWAY_API_CONTROLLERS = ["awsLoadBalancerController", "cilium", "istio", "kong"] as const;
export type GatewayApiController = (typeof GATEWAY_API_CONTROLLERS)[number];

export interface Support {
  /** Lowest release that works, inclusive, and why nothing older does. */
  readonly from: string;
  readonly fromWhy?: string;
  /** First release that breaks it, exclusive, and why. */
  readonly before?: string;
  readonly beforeWhy?: string;
}

// Keyed by chart minor. Sources: cilium#44920 (1.19 crashes without TLSRoute v1alpha2, which
// v1.5.0 removed), cilium PR #47408 (1.20 needs TLSRoute/ReferenceGrant/BackendTLSPolicy at v1,
// v1.5.0+), the Cilium operator's start-up check of GRPCRoute v1 (v1.1.0+); Istio go.mod per tag
// (1.30 builds against v1.5.1 and reads older CRDs); ALBC docs/guide/gateway (its Gateway API
// controllers start only for CRDs that exist); Kong's KIC 3.5 compatibility table (tested to
// v1.3; v1.5.0 removed the v1alpha2 routes it watches).
const CILIUM_OLD = "Cilium's operator needs GRPCRoute v1, which Gateway API has from v1.1.0";
const CILIUM_TLSROUTE = "it crashes without TLSRoute v1alpha2, which v1.5.0 removed (cilium#44920)";

export const GATEWAY_API_SUPPORT = {
  cilium: {
    "1.18": { from: "v1.1.0", fromWhy: CILIUM_OLD, before: "v1.5.0", beforeWhy: CILIUM_TLSROUTE },
    "1.19": { from: "v1.1.0", fromWhy: CILIUM_OLD, before: "v1.5.0", beforeWhy: CILIUM_TLSROUTE },
    "1.20": { from: "v1.5.0", fromWhy: "it needs TLSRoute, ReferenceGrant and BackendTLSPolicy at v1 (cilium PR #47408)" },
  },
  istio: { "1.30": { from: "v1.0.0" } },
  awsLoadBalancerController: { "1.17": { from: "v1.0.0" }, "3.5": { from: "v1.0.0" } },
  kong: {
    "0.24": { from: "v1.0.0", before: "v1.5.0", beforeWhy: "its controller (KIC 3.5) watches v1alpha2 routes, which v1.5.0 removed" },
  },
} as const satisfies Readonly<Record<GatewayApiController, Readonly<Record<string, Support>>>>;

/** A chart minor ingress-gitops has tested a controller with; validation refuses any other. */
export type KnownChartMinor<C extends GatewayApiController> = Extract<keyof (typeof GATEWAY_API_SUPPORT)[C], string>;

/** The chart minors ingress-gitops has tested a controller with. */
export function knownChartMinors(controller: GatewayApiController): string[] {
  return Object.keys(GATEWAY_API_SUPPORT[controller]);
}

/** The minor of a chart version, if it is a known one. */
export function knownChartMinor<C extends GatewayApiController>(controller: C, version: string): KnownChartMinor<C> | undefined {
  const minor = chartMinor(version);
  return knownChartMinors(controller).includes(minor) ? (minor as KnownChartMinor<C>) : undefined;
}

function supportOf({ controller, chartVersion }: ControllerVersion): Support | undefined {
  const table: Readonly<Record<string, Support | undefined>> = GATEWAY_API_SUPPORT[controller];
  return table[chartMinor(chartVersion)];
}

/** `1.19` of `1.19.6`. */
export function chartMinor(version: string): string {
  return version.split(".").slice(0, 2).join(".");
}

function compareReleases(a: string, b: string): number {
  const pa = a.replace(/^v/, "").split(".").map(Number);
  const pb = b.replace(/^v/, "").split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Why `release` does not suit a controller, or undefined when it does. */
function unsuitable(support: Support, release: string): string | undefined {
  if (compareReleases(release, support.from) < 0) return support.fromWhy ?? `it needs ${support.from} or later`;
  if (support.before !== undefined && compareReleases(release, support.before) >= 0)
    return support.beforeWhy ?? `it needs a release before ${support.before}`;
  return undefined;
}

function range(support: Support): string {
  return support.before === undefined ? `${support.from} or later` : `${support.from} up to (not including) ${support.before}`;
}

/**
 * What a kind of gateway needs of the cluster's release, whichever controllers are installed:
 * API fields or kinds that each channel has from some release on.
 */
export interface GatewayApiNeed {
  /** Who needs it, as a reviewer reads it ("a Cilium Gateway behind an NLB"). */
  readonly who: string;
  readonly what: string;
  /** The first release of each channel that has it; a channel without it is absent. */
  readonly from: Readonly<Partial<Record<Channel, string>>>;
}

/** The route kinds a gateway of the spec may render, as Gateway API names them. */
export type RouteKind = "HTTPRoute" | "GRPCRoute" | L4RouteKind;

/** The routes of whatever arrives on a listener port. */
export type L4RouteKind = "TCPRoute" | "TLSRoute" | "UDPRoute";

/** The route kind of an L4 protocol. */
export const L4_ROUTE_KIND = { TCP: "TCPRoute", TLS: "TLSRoute", UDP: "UDPRoute" } as const satisfies Record<string, L4RouteKind>;

/** The API versions of the route kinds that controllers read. */
export const ROUTE_VERSIONS = ["v1", "v1alpha2"] as const;
export type RouteVersion = (typeof ROUTE_VERSIONS)[number];

/**
 * The first release of each channel that serves a route kind at a version (config/crd/<channel>
 * of kubernetes-sigs/gateway-api at each tag, the CRDs vendored in schema/upstream): GRPCRoute v1
 * from v1.1.0; TLSRoute v1 from v1.5.0 and TCPRoute and UDPRoute v1 from v1.6.0, in both channels;
 * their v1alpha2 only in the experimental channel, which still serves it at v1.6.1.
 */
export const ROUTE_KIND_RELEASES: Readonly<Record<RouteKind, Readonly<Partial<Record<RouteVersion, GatewayApiNeed["from"]>>>>> = {
  HTTPRoute: { v1: { standard: "v1.0.0", experimental: "v1.0.0" } },
  GRPCRoute: { v1: { standard: "v1.1.0", experimental: "v1.1.0" } },
  TLSRoute: { v1: { standard: "v1.5.0", experimental: "v1.5.0" }, v1alpha2: { experimental: "v1.0.0" } },
  TCPRoute: { v1: { standard: "v1.6.0", experimental: "v1.6.0" }, v1alpha2: { experimental: "v1.0.0" } },
  UDPRoute: { v1: { standard: "v1.6.0", experimental: "v1.6.0" }, v1alpha2: { experimental: "v1.0.0" } },
};

/** Whether `release` of `channel` serves `kind` at `version`. */
export function servesRouteKind(release: string, channel: Channel, kind: RouteKind, version: RouteVersion): boolean {
  const from = ROUTE_KIND_RELEASES[kind][version]?.[channel];
  return from !== undefined && compareReleases(release, from) >= 0;
}

/** What `who` needs to read `kinds` at `version`: the latest release any of them needs, per channel. */
export function routeKindsNeed(who: string, kinds: readonly RouteKind[], version: RouteVersion): GatewayApiNeed {
  const from: Partial<Record<Channel, string>> = {};
  for (const channel of GATEWAY_API_CHANNELS) {
    const firsts = kinds.map((kind) => ROUTE_KIND_RELEASES[kind][version]?.[channel]);
    const latest = firsts.every((f): f is string => f !== undefined) ? [...firsts].sort(compareReleases).at(-1) : undefined;
    if (latest !== undefined) from[channel] = latest;
  }
  return { who, what: `${kinds.join(", ")} ${version}`, from };
}

/** Where a route kind's version exists: "the experimental channel from v1.0.0". */
function whereFrom(need: GatewayApiNeed): string {
  const has = GATEWAY_API_CHANNELS.flatMap((c) => (need.from[c] === undefined ? [] : [`the ${c} channel from ${need.from[c]}`]));
  return has.length === 0 ? "no channel" : has.join(" and ");
}

/** `Gateway.spec.infrastructure` is in the experimental channel from v1.0.0 and standard from v1.2.0. */
export const INFRASTRUCTURE_NEED: GatewayApiNeed = {
  who: "a Cilium Gateway behind an NLB",
  what: "spec.infrastructure",
  from: { experimental: "v1.0.0", standard: "v1.2.0" },
};

/**
 * ALBC's ALB Gateway takes its LoadBalancerConfiguration through `spec.infrastructure.parametersRef`
 * (docs/guide/gateway/l7gateway.md), and v3.x starts its ALB Gateway controller only when the
 * GRPCRoute v1 CRD exists (pkg/gateway/crddetect/gateway_feature_flags.go, albKinds), which both
 * channels have from v1.1.0.
 */
export const ALB_GATEWAY_NEED: GatewayApiNeed = {
  who: "an aws gateway (ALBC's ALB Gateway)",
  what: "spec.infrastructure.parametersRef and GRPCRoute v1",
  from: { experimental: "v1.1.0", standard: "v1.2.0" },
};

/** Every need a gateway may have, for the README's table. */
export const GATEWAY_API_NEEDS: readonly GatewayApiNeed[] = [INFRASTRUCTURE_NEED, ALB_GATEWAY_NEED];

export function hasInfrastructure(release: string, channel: Channel): boolean {
  return meets(release, channel, INFRASTRUCTURE_NEED);
}

function meets(release: string, channel: Channel, need: GatewayApiNeed): boolean {
  const from = need.from[channel];
  return from !== undefined && compareReleases(release, from) >= 0;
}

/** Why `channel` at some release lacks what is needed, with the fix. */
function lacking(need: GatewayApiNeed, channel: Channel): string {
  const from = need.from[channel];
  return from === undefined
    ? `${need.who} needs ${need.what}, which the ${channel} channel does not have (${whereFrom(need)}: set controllers.gatewayAPI.channel)`
    : `${need.who} needs ${need.what}, which the ${channel} channel has from ${from}`;
}

export interface ControllerVersion {
  readonly controller: GatewayApiController;
  readonly chartVersion: string;
}

export type Resolution = { ok: true; release: GatewayApiRelease } | { ok: false; reason: string };

/**
 * The newest shipped release that suits every controller (and has what the gateways need), or
 * the pinned one checked against the same rules.
 */
export function resolveGatewayApiRelease(
  controllers: readonly ControllerVersion[],
  channel: Channel,
  needs: readonly GatewayApiNeed[],
  pinned?: string,
): Resolution {
  const label = ({ controller, chartVersion }: ControllerVersion) => `${controller} ${chartMinor(chartVersion)}`;
  const blockers = (release: string): string[] => [
    ...controllers.flatMap((c) => {
      const support = supportOf(c);
      const why = support && unsuitable(support, release);
      return why === undefined ? [] : [`${label(c)}: ${why}`];
    }),
    ...needs.filter((need) => !meets(release, channel, need)).map((need) => lacking(need, channel)),
  ];
  if (pinned !== undefined) {
    if (!(GATEWAY_API_RELEASES as readonly string[]).includes(pinned)) {
      return {
        ok: false,
        reason: `Gateway API ${pinned} is not one ingress-gitops ships and validates against (${GATEWAY_API_RELEASES.join(", ")})`,
      };
    }
    const found = blockers(pinned);
    return found.length === 0
      ? { ok: true, release: pinned as GatewayApiRelease }
      : { ok: false, reason: `Gateway API ${pinned} does not suit this cluster: ${found.join("; ")}` };
  }
  const fitting = [...GATEWAY_API_RELEASES].reverse().find((release) => blockers(release).length === 0);
  if (fitting !== undefined) return { ok: true, release: fitting };
  const ranges = controllers.flatMap((c) => {
    const support = supportOf(c);
    const constrained =
      support !== undefined && (support.before !== undefined || compareReleases(support.from, GATEWAY_API_RELEASES[0]) > 0);
    return constrained ? [`${label(c)} supports ${range(support)}`] : [];
  });
  for (const need of needs) {
    const from = need.from[channel];
    ranges.push(from === undefined ? lacking(need, channel) : `${need.what} needs ${from} or later`);
  }
  return { ok: false, reason: `no Gateway API release suits every enabled controller: ${ranges.join("; ")}` };
}
