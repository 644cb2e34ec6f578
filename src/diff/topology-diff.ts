// Before/after exposure → what changed and what a reviewer must not miss. Pure.
import { destroyedApplicationFindings } from "./destroyed.ts";
import { groupBy } from "../group-by.ts";
import { backendLabel, pathKey, pathLabel, type Finding, type Path, type TopologyReading } from "../topology/types.ts";

export interface TopologyDiff {
  readonly added: readonly Path[];
  readonly removed: readonly Path[];
  readonly changed: readonly { readonly before: Path; readonly after: Path }[];
}

const same = (a: Path, b: Path) => JSON.stringify(a) === JSON.stringify(b);

/** Keyed by host + path; where a key is served more than once, like is paired with like first. */
export function diffTopology(before: readonly Path[], after: readonly Path[]): TopologyDiff {
  const keys = [...new Set([...before, ...after].map(pathKey))].sort();
  const added: Path[] = [];
  const removed: Path[] = [];
  const changed: { before: Path; after: Path }[] = [];
  const beforeByKey = groupBy(before, pathKey);
  const afterByKey = groupBy(after, pathKey);
  for (const key of keys) {
    const olds = [...(beforeByKey.get(key) ?? [])];
    const news = (afterByKey.get(key) ?? []).filter((n) => {
      const twin = olds.findIndex((o) => same(o, n));
      if (twin === -1) return true;
      olds.splice(twin, 1);
      return false;
    });
    // Pair what remains by load balancer, then in order; the rest was added or removed.
    for (const n of [...news]) {
      const match = olds.findIndex((o) => o.loadBalancer.name === n.loadBalancer.name);
      const index = match === -1 ? (olds.length > 0 ? 0 : -1) : match;
      if (index === -1) continue;
      changed.push({ before: olds.splice(index, 1)[0] as Path, after: n });
      news.splice(news.indexOf(n), 1);
    }
    added.push(...news);
    removed.push(...olds);
  }
  return { added, removed, changed };
}

const lbText = (p: Path) => lbRefText(p.loadBalancer);

/**
 * What a change does that a reviewer must see before any YAML: paths newly reachable from the
 * internet, load balancers deleted or replaced, controller, CRD and CNI Applications removed, a
 * host+path served twice, TLS dropped, backends no longer reached. Files are named relative to
 * the folder read.
 */
export function diffFindings(before: TopologyReading, after: TopologyReading, diff: TopologyDiff): Finding[] {
  const fileOf = (p: Path) => after.origins.get(p) ?? before.origins.get(p) ?? "";
  const findings: Finding[] = [];
  const wasPublic = new Set(before.paths.filter((p) => p.loadBalancer.scheme === "internet-facing").map(pathKey));
  for (const p of after.paths) {
    if (p.loadBalancer.scheme === "internet-facing" && !wasPublic.has(pathKey(p))) {
      findings.push({
        severity: "warning",
        message: `${pathLabel(p)} becomes reachable from the internet through ${lbText(p)} (backend ${backendLabel(p)})`,
        path: fileOf(p),
        group: `paths become reachable from the internet through ${lbText(p)}`,
      });
    }
  }
  for (const { before: b, after: a } of diff.changed) {
    if (b.tls && !a.tls) findings.push({ severity: "warning", message: `${pathLabel(a)} loses TLS: it was served over HTTPS/TLS and now is not`, path: fileOf(a), group: "paths lose TLS" });
  }
  findings.push(...loadBalancerFindings(before, after));
  findings.push(...destroyedApplicationFindings(before, after));
  findings.push(...servedTwice(after.paths, fileOf));
  const reached = new Set(after.paths.map(backendLabel));
  for (const b of [...new Map(before.paths.map((p) => [backendLabel(p), p])).values()]) {
    if (!reached.has(backendLabel(b))) findings.push({ severity: "info", message: `backend ${backendLabel(b)} is no longer reached by any path`, path: fileOf(b), group: "backends are no longer reached by any path" });
  }
  return findings;
}

const lbRefText = (lb: { type: string; name: string }) => `${lb.type} '${lb.name}'`;

/** Load balancers that disappear, or whose scheme changes: AWS replaces them (new DNS name). */
function loadBalancerFindings(before: TopologyReading, after: TopologyReading): Finding[] {
  const findings: Finding[] = [];
  for (const [name, { lb: b, file: beforeFile }] of before.loadBalancers) {
    const a = after.loadBalancers.get(name);
    if (a !== undefined) {
      if (a.lb.scheme !== b.scheme && !a.lb.external) {
        findings.push({ severity: "warning", message: `${lbRefText(a.lb)} changes scheme ${b.scheme} → ${a.lb.scheme}: the scheme cannot change in place, so it is replaced (new DNS name, brief outage)`, path: a.file });
      }
      continue;
    }
    if (b.external) continue;
    // Its paths now served by a load balancer of the same type that did not exist: a rename, e.g. of an ALB group.
    const keys = new Set(before.paths.filter((p) => p.loadBalancer.name === name).map(pathKey));
    const successor = after.paths.find((p) => keys.has(pathKey(p)) && p.loadBalancer.type === b.type && !before.loadBalancers.has(p.loadBalancer.name));
    findings.push(
      successor === undefined
        ? { severity: "error", message: `${lbRefText(b)} is deleted: nothing defines it any more (an emptied ALB group is deleted even with deletion protection)`, path: beforeFile }
        : { severity: "warning", message: `${lbRefText(b)} is replaced by ${lbText(successor)}: a new load balancer with a new DNS name takes over its paths, and the old one is deleted`, path: after.origins.get(successor) ?? beforeFile },
    );
  }
  return findings;
}

function servedTwice(after: readonly Path[], fileOf: (p: Path) => string): Finding[] {
  return [...groupBy(after, pathKey).values()].flatMap((paths) => {
    const routes = [...new Set(paths.map((p) => `${p.gateway.type} gateway '${p.gateway.name}' on ${lbText(p)}`))];
    const first = paths[0];
    if (routes.length < 2 || first === undefined) return [];
    return [{ severity: "error" as const, message: `${pathLabel(first)} is served twice: through ${routes.join(" and through ")}`, path: fileOf(first), group: "host+paths are served twice" }];
  });
}
