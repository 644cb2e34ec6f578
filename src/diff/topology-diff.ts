// Before/after exposure → what changed and what a reviewer must not miss. Pure.
import { cutOverFindings, routeKindFindings } from "./cut-over.ts";
import { destroyedApplicationFindings } from "./destroyed.ts";
import { few } from "./few.ts";
import { remadeFindings, reproxiedFindings } from "./remade.ts";
import { compareText } from "../compare-text.ts";
import { groupBy } from "../group-by.ts";
import {
  backendLabel,
  exposureKey,
  exposureLabel,
  loadBalancerLabel,
  type Finding,
  type Exposure,
  type LoadBalancerRef,
  type Making,
  type TopologyReading,
} from "../topology/types.ts";

export interface TopologyDiff {
  readonly added: readonly Exposure[];
  readonly removed: readonly Exposure[];
  readonly changed: readonly { readonly before: Exposure; readonly after: Exposure }[];
}

/** Equal but for the kind of object that routes them: a reviewer reads the same path (routeKindFindings says the rest). */
const same = (a: Exposure, b: Exposure) => JSON.stringify({ ...a, routeKind: "" }) === JSON.stringify({ ...b, routeKind: "" });

/** How much of the way two exposures of one key share, for pairing what changed: load balancer first, then gateway, then backend. */
const likeness = (a: Exposure, b: Exposure) =>
  (a.loadBalancer.name === b.loadBalancer.name ? 4 : 0) +
  (a.gateway.type === b.gateway.type && a.gateway.name === b.gateway.name ? 2 : 0) +
  (backendLabel(a) === backendLabel(b) ? 1 : 0);

/**
 * Keyed by host + path; where a key is served more than once, equal exposures are paired first,
 * then the likest pair of what remains (`likeness`, ties in order), each at most once: a path that
 * moves to another load balancer, gateway or route kind is one changed path, never a remove and an add.
 */
export function diffTopology(before: readonly Exposure[], after: readonly Exposure[]): TopologyDiff {
  const keys = [...new Set([...before, ...after].map(exposureKey))].sort(compareText);
  const added: Exposure[] = [];
  const removed: Exposure[] = [];
  const changed: { before: Exposure; after: Exposure }[] = [];
  const beforeByKey = groupBy(before, exposureKey);
  const afterByKey = groupBy(after, exposureKey);
  for (const key of keys) {
    const olds = [...(beforeByKey.get(key) ?? [])];
    const news = (afterByKey.get(key) ?? []).filter((n) => {
      const twin = olds.findIndex((o) => same(o, n));
      if (twin === -1) return true;
      olds.splice(twin, 1);
      return false;
    });
    const pairs = news
      .flatMap((n, i) => olds.map((o, j) => ({ i, j, score: likeness(o, n) })))
      .sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j);
    const paired = { news: new Map<number, number>(), olds: new Set<number>() };
    for (const { i, j } of pairs) {
      if (paired.news.has(i) || paired.olds.has(j)) continue;
      paired.news.set(i, j);
      paired.olds.add(j);
    }
    // In the order of the paths after the change.
    for (const [i, j] of [...paired.news].sort(([x], [y]) => x - y))
      changed.push({ before: olds[j] as Exposure, after: news[i] as Exposure });
    added.push(...news.filter((_, i) => !paired.news.has(i)));
    removed.push(...olds.filter((_, j) => !paired.olds.has(j)));
  }
  return { added, removed, changed };
}

/** Exposures the internet reaches after the change whose host and URL path it did not reach before. */
export function newlyPublicExposures(before: readonly Exposure[], after: readonly Exposure[]): Exposure[] {
  const wasPublic = new Set(before.filter(isPublic).map(exposureKey));
  return after.filter((p) => isPublic(p) && !wasPublic.has(exposureKey(p)));
}

const isPublic = (p: Exposure) => p.loadBalancer.scheme === "internet-facing";

/**
 * What a change does that a reviewer must see before any YAML, by severity a workflow can gate on
 * (`fail-on`): an error destroys or replaces something (a load balancer deleted or replaced, a
 * controller, CRD or CNI Application removed, TLS dropped where the internet reaches), a warning
 * is a risk to look at (a path newly reachable from the internet, TLS dropped on an internal
 * path), info is the rest (a backend no longer reached). Files are named relative to the folder.
 */
export function diffFindings(before: TopologyReading, after: TopologyReading, diff: TopologyDiff): Finding[] {
  const fileOf = (p: Exposure) => after.origins.get(p) ?? before.origins.get(p) ?? "";
  const findings: Finding[] = [];
  for (const p of newlyPublicExposures(before.exposures, after.exposures)) {
    findings.push({
      severity: "warning",
      message: `${exposureLabel(p)} becomes reachable from the internet through ${loadBalancerLabel(p.loadBalancer)} (backend ${backendLabel(p)})`,
      path: fileOf(p),
      group: `paths become reachable from the internet through ${loadBalancerLabel(p.loadBalancer)}`,
    });
  }
  for (const { before: b, after: a } of diff.changed) {
    if (b.tls && !a.tls) {
      // Over the internet the plain-text traffic crosses networks nobody here controls.
      const exposed = a.loadBalancer.scheme === "internet-facing";
      findings.push({
        severity: exposed ? "error" : "warning",
        message: `${exposureLabel(a)} loses TLS: it was served over HTTPS/TLS and now is not${exposed ? `, while reachable from the internet through ${loadBalancerLabel(a.loadBalancer)}` : ""}`,
        path: fileOf(a),
        group: exposed ? "internet-facing paths lose TLS" : "internal paths lose TLS",
      });
    }
  }
  findings.push(...loadBalancerFindings(before, after));
  findings.push(...cutOverFindings(before, after, diff));
  findings.push(...routeKindFindings(before, after));
  findings.push(...reproxiedFindings(before, after));
  findings.push(...destroyedApplicationFindings(before, after));
  findings.push(...servedTwice(after.exposures, fileOf));
  const reached = new Set(after.exposures.map(backendLabel));
  for (const b of [...new Map(before.exposures.map((p) => [backendLabel(p), p])).values()]) {
    if (!reached.has(backendLabel(b)))
      findings.push({
        severity: "info",
        message: `backend ${backendLabel(b)} is no longer reached by any path`,
        path: fileOf(b),
        group: "backends are no longer reached by any path",
      });
  }
  return findings;
}

/** Load balancers that disappear, or whose scheme or maker changes: AWS replaces them (new DNS name). Errors: each destroys one. */
function loadBalancerFindings(before: TopologyReading, after: TopologyReading): Finding[] {
  const findings: Finding[] = [];
  for (const [name, was] of before.loadBalancers) {
    const { lb: b, file: beforeFile } = was;
    const a = after.loadBalancers.get(name);
    if (a !== undefined) {
      findings.push(...remadeFindings(was, a, after.exposures));
      if (a.lb.scheme !== b.scheme && !a.lb.external) {
        findings.push({
          severity: "error",
          message: `${loadBalancerLabel(a.lb)} changes scheme ${b.scheme} → ${a.lb.scheme}: ${SCHEME_CHANGE[a.lb.type]}`,
          path: a.file,
          group: `${a.lb.type.toUpperCase()}s are replaced`,
          destroys: { kind: "load balancer", name: loadBalancerLabel(a.lb) },
        });
      }
      continue;
    }
    if (b.external) continue;
    const successor = successorOf(b, before.exposures, after.exposures, (n) => before.loadBalancers.has(n));
    findings.push(
      successor === undefined
        ? {
            severity: "error",
            message: `${loadBalancerLabel(b)} is deleted: ${DELETED[b.type]}`,
            path: beforeFile,
            group: `${b.type.toUpperCase()}s are deleted`,
            destroys: { kind: "load balancer", name: loadBalancerLabel(b) },
          }
        : {
            severity: "error",
            message: `${loadBalancerLabel(b)} is replaced by ${loadBalancerLabel(successor.loadBalancer)}: ${replacement(was.making, after.loadBalancers.get(successor.loadBalancer.name)?.making, b.type)}`,
            path: after.origins.get(successor) ?? beforeFile,
            group: `${b.type.toUpperCase()}s are replaced`,
            destroys: { kind: "load balancer", name: loadBalancerLabel(b) },
          },
    );
  }
  return findings;
}

/**
 * The path through which a load balancer gone after the change is replaced: one of its paths now
 * served by a load balancer of its type that did not exist (`existed`) before, as when an ALB group
 * is renamed.
 */
export function successorOf(
  gone: Exposure["loadBalancer"],
  before: readonly Exposure[],
  after: readonly Exposure[],
  existed: (name: string) => boolean,
): Exposure | undefined {
  const keys = new Set(before.filter((p) => p.loadBalancer.name === gone.name).map(exposureKey));
  return after.find((p) => keys.has(exposureKey(p)) && p.loadBalancer.type === gone.type && !existed(p.loadBalancer.name));
}

// What the AWS Load Balancer Controller does, in terms of the object that defines each type:
// an ALB is an Ingress group (the last Ingress leaving deletes it), an NLB is a Service of type LoadBalancer.
const SCHEME_CHANGE = {
  alb: "an ALB's scheme cannot change in place, so the controller creates a new ALB for the group and deletes the old one (new DNS name, brief outage)",
  nlb: "an NLB's scheme cannot change in place, so the controller creates a new NLB for the Service and deletes the old one (new DNS name and addresses, brief outage)",
} as const;
const DELETED = {
  alb: "nothing defines it any more; the controller deletes an ALB when the last Ingress of its group goes",
  nlb: "nothing defines it any more; the controller deletes an NLB with its Service of type LoadBalancer, and its DNS name and addresses are gone",
} as const;
/** Why a load balancer's paths are on another one now: its group renamed, or another kind of object makes the new one. */
function replacement(was: Making, now: Making | undefined, type: LoadBalancerRef["type"]): string {
  if (now === undefined || now.of === was.of) return RENAMED[type];
  return `a ${now.of} makes ${type === "alb" ? "an ALB" : "an NLB"} of its own (a new DNS name) where ${was.of === "Ingress" ? "an IngressGroup" : `a ${was.of}`} made the old one; ${DELETED[type]}`;
}

const RENAMED = {
  alb: "the group is renamed, so a new ALB with a new DNS name takes over its paths and the old one is deleted",
  nlb: "a new NLB with a new DNS name and addresses takes over its paths, and the old one is deleted",
} as const;

/**
 * One host+path served more than once after the change. Through one load balancer the ways compete
 * for its rules (the controllers refuse or shadow one): an error. Through several, each load
 * balancer has its own DNS name and DNS decides which one a client reaches, which is how a
 * cut-over serves a path through the old and the new at once (cut-over.ts): said, as info, once
 * for all the paths served through the same load balancers.
 */
function servedTwice(after: readonly Exposure[], fileOf: (p: Exposure) => string): Finding[] {
  const wayOf = (p: Exposure) => `${p.gateway.type} gateway '${p.gateway.name}' on ${loadBalancerLabel(p.loadBalancer)}`;
  const overlaps = new Map<string, { routes: string[]; paths: string[]; file: string }>();
  const errors = [...groupBy(after, exposureKey).values()].flatMap((paths): Finding[] => {
    const routes = [...new Set(paths.map(wayOf))];
    const first = paths[0];
    if (routes.length < 2 || first === undefined) return [];
    const competing = [...groupBy(paths, (p) => p.loadBalancer.name).values()].some((one) => new Set(one.map(wayOf)).size > 1);
    if (competing)
      return [
        {
          severity: "error",
          message: `${exposureLabel(first)} is served twice: through ${routes.join(" and through ")}`,
          path: fileOf(first),
          group: "host+paths are served twice",
        },
      ];
    const key = JSON.stringify(routes);
    const overlap = overlaps.get(key) ?? { routes, paths: [], file: fileOf(first) };
    overlap.paths.push(exposureLabel(first));
    overlaps.set(key, overlap);
    return [];
  });
  return [
    ...errors,
    ...[...overlaps.values()].map(({ routes, paths, file }): Finding => ({
      severity: "info",
      message: `${few(paths)} ${paths.length === 1 ? "is" : "are"} served through ${routes.length} load balancers at once (through ${routes.join(" and through ")}): each has its own DNS name, and DNS decides which one clients reach, as while a cut-over moves DNS from one to the other`,
      path: file,
      group: "host+paths are served through more than one load balancer",
    })),
  ];
}
