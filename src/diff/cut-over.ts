// A path that moves to another load balancer is a cut-over: clients reach the path by the DNS name
// they resolve, so the new load balancer and its DNS name must exist, and DNS must point at it,
// before the old one stops serving the path. One Argo CD sync does the opposite: gitops-engine
// (pkg/sync/sync_context.go, runTasks) prunes a wave's removed objects first and only then applies
// its new ones, and PruneLast (the Application's syncOptions, or the live object's
// argocd.argoproj.io/sync-options annotation) moves the prunes to a wave after the last one, which
// still comes before anyone moves DNS. So the finding says the order and the safe procedure; that
// the old load balancer is deleted or replaced is said by the findings of topology-diff.ts and
// remade.ts, not repeated here.
import { exposureLabel, loadBalancerLabel, type Exposure, type Finding, type Making, type TopologyReading } from "../topology/types.ts";
import { few } from "./few.ts";
import type { TopologyDiff } from "./topology-diff.ts";

const wayText = (p: Exposure) =>
  p.gateway.type === "none" ? p.routeKind : `${p.gateway.type} gateway '${p.gateway.name}', ${p.routeKind}`;
const sameMaking = (a: Making | undefined, b: Making | undefined) => a?.by === b?.by && a?.of === b?.of;

interface Move {
  readonly from: Exposure;
  readonly to: Exposure;
  readonly paths: Set<string>;
  readonly hosts: Set<string>;
  readonly file: string;
}

/**
 * One warning per move from one load balancer to another (another name, or one made anew under
 * the same name), naming its paths. A move within one load balancer whose route kind changes is
 * `routeKindFindings`'.
 */
export function cutOverFindings(before: TopologyReading, after: TopologyReading, diff: TopologyDiff): Finding[] {
  const moves = new Map<string, Move>();
  for (const { before: b, after: a } of diff.changed) {
    const was = before.loadBalancers.get(b.loadBalancer.name);
    const now = after.loadBalancers.get(a.loadBalancer.name);
    const moved = b.loadBalancer.name !== a.loadBalancer.name || !sameMaking(was?.making, now?.making);
    // A load balancer made outside the cluster is not made or deleted by this change.
    if (!moved || (b.loadBalancer.external && a.loadBalancer.external)) continue;
    const key = JSON.stringify([b.loadBalancer.name, wayText(b), a.loadBalancer.name, wayText(a)]);
    const move = moves.get(key) ?? { from: b, to: a, paths: new Set(), hosts: new Set(), file: after.origins.get(a) ?? "" };
    move.paths.add(exposureLabel(a));
    move.hosts.add(a.kind === "route" ? a.host : `the name clients use for ${loadBalancerLabel(b.loadBalancer)}`);
    moves.set(key, move);
  }
  return [...moves.values()].map((m) => {
    const sameName = m.from.loadBalancer.name === m.to.loadBalancer.name;
    const from = loadBalancerLabel(m.from.loadBalancer);
    const to = sameName ? `the new ${loadBalancerLabel(m.to.loadBalancer)}` : loadBalancerLabel(m.to.loadBalancer);
    const oldGoes =
      after.loadBalancers.has(m.from.loadBalancer.name) && !sameName
        ? `${from} stops serving ${m.paths.size === 1 ? "it" : "them"}`
        : `${from} is deleted`;
    return {
      severity: "warning",
      message:
        `${few([...m.paths])} move${m.paths.size === 1 ? "s" : ""} from ${from} (${wayText(m.from)}) to ${to} (${wayText(m.to)}), another DNS name: ` +
        `the new load balancer must exist and DNS for ${few([...m.hosts])} point at it before the old route goes. ` +
        `One Argo CD sync prunes the old objects before it applies the new ones (gitops-engine pkg/sync/sync_context.go, runTasks; PruneLast prunes after the apply, still before DNS moves; two Applications keep no order), so ${oldGoes} while clients still resolve it. ` +
        `Safe: serve the paths through both for one sync (the new gateway and routes beside the old), point DNS at ${to} once it has its DNS name, then remove the old routes.`,
      path: m.file,
      group: "path moves to another load balancer: its DNS must move before the old route goes",
    };
  });
}

/**
 * Paths whose way stays (load balancer, gateway, backend, TLS) while another kind of object routes
 * them, as when an Istio gateway's VirtualService becomes an HTTPRoute. The exposure is the same,
 * so no path changes; but one sync prunes the old object before it applies the new one
 * (gitops-engine runTasks), and until the gateway's controller has programmed the new route the
 * gateway has none for these paths.
 */
export function routeKindFindings(before: TopologyReading, after: TopologyReading): Finding[] {
  // A first render has nothing to compare with: no key for each of its paths is worth making.
  if (before.exposures.length === 0) return [];
  const way = (p: Exposure) => JSON.stringify({ ...p, routeKind: "" });
  const was = new Map(before.exposures.map((p) => [way(p), p.routeKind]));
  const moves = new Map<string, { p: Exposure; from: string; paths: Set<string> }>();
  for (const p of after.exposures) {
    const from = was.get(way(p));
    if (from === undefined || from === p.routeKind) continue;
    const key = JSON.stringify([p.loadBalancer.name, p.gateway.type, p.gateway.name, from, p.routeKind]);
    const move = moves.get(key) ?? { p, from, paths: new Set() };
    move.paths.add(exposureLabel(p));
    moves.set(key, move);
  }
  return [...moves.values()].map(({ p, from, paths }) => ({
    severity: "info",
    message:
      `${few([...paths])} stay${paths.size === 1 ? "s" : ""} on ${p.gateway.type === "none" ? loadBalancerLabel(p.loadBalancer) : `${p.gateway.type} gateway '${p.gateway.name}'`}, now routed by ${p.routeKind} instead of ${from}: ` +
      `one Argo CD sync that removes the ${from} and adds the ${p.routeKind} prunes first (gitops-engine pkg/sync/sync_context.go, runTasks), so the gateway has no route for ${paths.size === 1 ? "it" : "them"} until its controller has programmed the new one; ` +
      `PruneLast=true in the Application's syncOptions prunes after the apply instead`,
    path: after.origins.get(p) ?? "",
    group: "paths are routed by another kind of object on the same gateway",
  }));
}
