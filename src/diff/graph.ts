// The Mermaid graph of a report: only the paths that change, with the load balancers, gateways and
// backends they pass through, each node and edge coloured by its own change, and what a reviewer
// must not miss (new internet exposure, a deleted or replaced load balancer, TLS lost) drawn
// unlike a plain addition. Pure: the same report gives the same text.
import { backendLabel, exposureKey, exposureLabel, isExact, type Exposure, type LoadBalancerRef } from "../topology/types.ts";
import type { FolderReport, PlanReport } from "./plan.ts";
import { newlyPublicExposures, successorOf } from "./topology-diff.ts";
import { Memo } from "../memo.ts";
import { plural } from "./body/words.ts";

/**
 * Past this many routes the graph shows load balancers and gateways only. Measured with mermaid 12
 * in Chromium (scripts/measure-graph.ts): each route adds about 106 px of height (4 routes: 384 px,
 * 8: 808, 12: 1,232, 30: 3,140), so 10 routes, with their gateways and backends, stay within about
 * one screen (≈1,000 px).
 */
export const DETAILED_ROUTE_LIMIT = 10;

type Change = "added" | "removed" | "same";

/** How a node looks; one per node, the most alarming that applies. */
type Look = "exposed" | "deleted" | "replaced" | "tlsLost" | "removed" | "added" | "changed" | "public" | "internal";

const LOOKS: Record<Look, { readonly style: string; readonly legend: string }> = {
  exposed: {
    style: "fill:#ffd8b5,stroke:#bc4c00,stroke-width:3px,color:#1f2328",
    legend: "orange, thick: newly reachable from the internet",
  },
  deleted: {
    style: "fill:#ff8182,stroke:#a40e26,stroke-width:3px,stroke-dasharray:6 3,color:#1f2328",
    legend: "deep red, dashed: load balancer deleted",
  },
  replaced: {
    style: "fill:#ffcecb,stroke:#a40e26,stroke-width:3px,color:#1f2328",
    legend: "red, thick: load balancer replaced (new DNS name)",
  },
  tlsLost: { style: "fill:#ffebe9,stroke:#cf222e,stroke-width:3px,color:#1f2328", legend: "red: TLS removed" },
  removed: { style: "fill:#ffebe9,stroke:#cf222e,stroke-dasharray:4 3,color:#1f2328", legend: "red, dashed: removed" },
  added: { style: "fill:#dafbe1,stroke:#1a7f37,color:#1f2328", legend: "green: added" },
  changed: { style: "fill:#fff8c5,stroke:#9a6700,color:#1f2328", legend: "amber: changed" },
  public: { style: "fill:#ddf4ff,stroke:#0969da,stroke-width:2px,color:#1f2328", legend: "blue: internet-facing, unchanged" },
  internal: { style: "fill:#f6f8fa,stroke:#6e7781,color:#1f2328", legend: "grey: internal, unchanged" },
};
const LOOK_ORDER = Object.keys(LOOKS) as Look[];

const EDGE_STYLE = { added: "stroke:#1a7f37,stroke-width:2px", removed: "stroke:#cf222e,stroke-dasharray:4 3" } as const;

interface GraphNode {
  readonly id: string;
  readonly cluster: number;
  readonly lines: readonly string[];
  look: Look | undefined;
}

interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly change: Change;
  /** Aggregated graphs only: how many changed paths of each kind take this edge. */
  readonly counts: Map<string, number>;
}

interface Graph {
  readonly nodes: Map<string, GraphNode>;
  readonly edges: Map<string, GraphEdge>;
}

/** One hop's end: a key that names the same thing before and after, its label, and how it looks. */
interface Stop {
  readonly key: string;
  readonly lines: readonly string[];
  readonly look: Look | undefined;
}

type Side = "before" | "after";
type Drawn = { readonly p: Exposure; readonly side: Side; readonly kind: "added" | "removed" | "changed" };

/** `routeLimit` is for measuring (scripts/measure-graph.ts): the body always uses the measured limit. */
export function graphSection(report: PlanReport, aggregated: boolean, routeLimit = DETAILED_ROUTE_LIMIT): string {
  return graphSections(report, routeLimit)(aggregated);
}

/**
 * The section at either level of detail, for a body that tries both: past the route limit the
 * detailed level draws the aggregated graph too, so that graph is built and written once.
 */
export function graphSections(report: PlanReport, routeLimit = DETAILED_ROUTE_LIMIT): (aggregated: boolean) => string {
  let routes: number | undefined;
  const drawings = new Memo<boolean, { readonly empty: boolean; readonly lines: readonly string[] }>();
  const drawing = (aggregated: boolean) =>
    drawings.get(aggregated, () => {
      const graph = buildGraph(report, aggregated);
      return { empty: graph.nodes.size === 0, lines: ["```mermaid", ...mermaid(report, graph), "```", "", legend(graph), ""] };
    });
  return (aggregated) => {
    routes ??= report.folders.reduce((n, f) => n + new Set(drawnPaths(f).map(({ p }) => exposureKey(p))).size, 0);
    const tooMany = !aggregated && routes > routeLimit;
    const { empty, lines } = drawing(aggregated || tooMany);
    if (empty) return "### Topology after this change\n\nNo path changes: nothing to draw.\n";
    const note = tooMany
      ? [
          `${routes} routes change, too many to draw one by one: the graph shows load balancers and gateways, and the table below lists every path.`,
          "",
        ]
      : [];
    return ["### Topology after this change", "", ...note, ...lines].join("\n");
  };
}

/** The paths a change touches, each on the side it is drawn from; a changed path on both, after first, so its labels say what it becomes. */
function drawnPaths(f: FolderReport): Drawn[] {
  return [
    ...f.topology.added.map((p): Drawn => ({ p, side: "after", kind: "added" })),
    ...f.topology.changed.flatMap((c): Drawn[] => [
      { p: c.after, side: "after", kind: "changed" },
      { p: c.before, side: "before", kind: "changed" },
    ]),
    ...f.topology.removed.map((p): Drawn => ({ p, side: "before", kind: "removed" })),
  ];
}

function buildGraph(report: PlanReport, aggregated: boolean): Graph {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  report.folders.forEach((f, cluster) => {
    const view = folderView(f, `${cluster}\u0000`, aggregated);
    const node = (stop: Stop) => {
      const existing = nodes.get(stop.key);
      if (existing !== undefined) {
        if (stop.look !== undefined && (existing.look === undefined || LOOK_ORDER.indexOf(stop.look) < LOOK_ORDER.indexOf(existing.look)))
          existing.look = stop.look;
        return existing;
      }
      const created: GraphNode = { id: `n${nodes.size}`, cluster, lines: stop.lines, look: stop.look };
      nodes.set(stop.key, created);
      return created;
    };
    for (const drawn of drawnPaths(f)) {
      const stops = view.chain(drawn);
      for (const [a, b] of hops(stops)) {
        const key = `${a.key}>${b.key}`;
        const [from, to] = [node(a), node(b)];
        const edge = edges.get(key) ?? { from: from.id, to: to.id, change: view.edgeChange(key), counts: new Map<string, number>() };
        edges.set(key, edge);
        // A changed path is counted once, where it is now.
        if (aggregated && !(drawn.kind === "changed" && drawn.side === "before")) {
          const what = view.routeLook(drawn) === "exposed" ? "newly public" : drawn.kind;
          edge.counts.set(what, (edge.counts.get(what) ?? 0) + 1);
        }
      }
    }
  });
  return { nodes, edges };
}

function hops<T>(stops: readonly T[]): [T, T][] {
  return stops.slice(1).map((s, i) => [stops[i] as T, s]);
}

/** What a folder's nodes and edges are and how they look, judged over every path before and after, drawn or not. */
function folderView(f: FolderReport, prefix: string, aggregated: boolean) {
  const lbsOf = (paths: readonly Exposure[]) => new Map(paths.map((p) => [p.loadBalancer.name, p.loadBalancer]));
  const [lbsBefore, lbsAfter] = [lbsOf(f.before), lbsOf(f.after)];
  const wasPublic = new Set(f.before.filter((p) => p.loadBalancer.scheme === "internet-facing").map(exposureKey));
  const changedAfter = new Set([...f.topology.added, ...f.topology.changed.map((c) => c.after)]);
  const unchanged = new Map<string, number>();
  for (const p of f.after) if (!changedAfter.has(p)) unchanged.set(p.loadBalancer.name, (unchanged.get(p.loadBalancer.name) ?? 0) + 1);
  const tlsBefore = new Map(f.topology.changed.map((c) => [c.after, c.before.tls]));
  const newlyPublic = new Set(newlyPublicExposures(f.before, f.after).map((p) => p.loadBalancer.name));
  const routeLook = ({ p, side, kind }: Drawn): Look => {
    if (side === "before") return kind === "removed" ? "removed" : "changed";
    if (p.loadBalancer.scheme === "internet-facing" && !wasPublic.has(exposureKey(p))) return "exposed";
    if (tlsBefore.get(p) === true && !p.tls) return "tlsLost";
    return kind;
  };
  const tlsLine = (p: Exposure, side: Side) => {
    if (side === "after" && tlsBefore.get(p) === true && !p.tls) return "🔓 TLS removed";
    return p.tls ? "🔒 TLS" : "no TLS";
  };
  const lbStop = (ref: LoadBalancerRef): Stop => {
    const { look, note } = loadBalancerChange(ref.name, lbsBefore, lbsAfter, f, newlyPublic.has(ref.name));
    const lb = lbsAfter.get(ref.name) ?? ref;
    const count = unchanged.get(ref.name) ?? 0;
    const lines = [
      `${lb.type.toUpperCase()} ${lb.name}`,
      `${lb.scheme}${lb.external ? " (external)" : ""}`,
      ...(note === undefined ? [] : [note]),
      ...(count > 0 ? [`${plural(count, "unchanged path")} not drawn`] : []),
    ];
    return { key: `${prefix}lb\u0000${lb.name}`, lines, look };
  };
  const chainOf = (p: Exposure, lbLook: Stop | undefined, drawn: Drawn | undefined): Stop[] => {
    const lb = p.loadBalancer;
    const stops: Stop[] = [lbLook ?? { key: `${prefix}lb\u0000${lb.name}`, lines: [], look: undefined }];
    const other = (key: string, lines: string[]) => ({ key: `${prefix}${key}`, lines, look: undefined });
    if (p.gateway.type !== "none")
      stops.push(other(`gw\u0000${p.gateway.type}\u0000${p.gateway.name}`, [p.gateway.name, `${p.gateway.type} gateway`]));
    else if (aggregated) stops.push(other(`direct\u0000${lb.name}`, [`Services behind ${lb.name}`]));
    if (aggregated) return stops;
    const route = `${exposureLabel(p)}${isExact(p) ? " (exact)" : ""}`;
    stops.push({
      ...other(`route\u0000${exposureKey(p)}`, [`${route} · ${tlsLine(p, drawn?.side ?? "after")}`]),
      look: drawn === undefined ? undefined : routeLook(drawn),
    });
    stops.push(other(`backend\u0000${backendLabel(p)}`, [backendLabel(p)]));
    return stops;
  };
  const keysOf = (paths: readonly Exposure[]) => {
    const chains = paths.map((p) => chainOf(p, undefined, undefined));
    return {
      stops: new Set(chains.flat().map((s) => s.key)),
      edges: new Set(chains.flatMap((c) => hops(c).map(([a, b]) => `${a.key}>${b.key}`))),
    };
  };
  const [before, after] = [keysOf(f.before), keysOf(f.after)];
  const existence = (key: string, inBefore: ReadonlySet<string>, inAfter: ReadonlySet<string>): Change =>
    !inAfter.has(key) ? "removed" : inBefore.has(key) ? "same" : "added";
  return {
    routeLook,
    edgeChange: (key: string) => existence(key, before.edges, after.edges),
    chain(drawn: Drawn): Stop[] {
      const stops = chainOf(drawn.p, lbStop(drawn.p.loadBalancer), drawn);
      // Gateways and backends look only added or removed; the load balancer and route were judged above.
      return stops.map((s, i) => {
        if (i === 0 || s.look !== undefined) return s;
        const change = existence(s.key, before.stops, after.stops);
        return change === "same" ? s : { ...s, look: change };
      });
    },
  };
}

/** A load balancer's fate (exposed when it makes a path newly public): new, deleted, replaced (a scheme change, or its paths taken over by a new one of its type), or unchanged by scheme. */
function loadBalancerChange(
  name: string,
  before: ReadonlyMap<string, LoadBalancerRef>,
  after: ReadonlyMap<string, LoadBalancerRef>,
  f: FolderReport,
  exposes: boolean,
): { look: Look; note?: string } {
  const [b, a] = [before.get(name), after.get(name)];
  if (b === undefined) return { look: exposes ? "exposed" : "added", note: "new" };
  if (a === undefined) {
    if (b.external) return { look: "removed", note: "no longer used (external: not deleted)" };
    const successor = successorOf(b, f.before, f.after, (n) => before.has(n))?.loadBalancer;
    if (successor !== undefined)
      return { look: "replaced", note: `♻ replaced by ${successor.type.toUpperCase()} ${successor.name} (new DNS name)` };
    // ALBC deletes an ALB when the last Ingress of its group goes; an NLB goes with its Service.
    return { look: "deleted", note: b.type === "alb" ? "🗑 deleted: its last route is gone" : "🗑 deleted with its Service" };
  }
  if (a.scheme === b.scheme) return { look: a.scheme === "internet-facing" ? "public" : "internal" };
  const flip = `${b.scheme} → ${a.scheme}`;
  // The scheme cannot change in place: AWS makes a new load balancer, unless it is managed outside the cluster.
  const note = a.external ? `scheme ${flip}` : `♻ replaced: scheme ${flip} (new DNS name)`;
  return { look: exposes ? "exposed" : a.external ? "changed" : "replaced", note };
}

function mermaid(report: PlanReport, graph: Graph): string[] {
  const lines = ["flowchart LR"];
  const declare = (n: GraphNode, indent: string) => `${indent}${n.id}["${mermaidLabel(...n.lines)}"]`;
  const all = [...graph.nodes.values()];
  if (report.folders.length > 1) {
    // A fleet: each changed cluster's nodes in a box of its own.
    report.folders.forEach((f, i) => {
      const mine = all.filter((n) => n.cluster === i);
      if (mine.length === 0) return;
      lines.push(`  subgraph c${i}["${mermaidLabel(f.spec)}"]`, ...mine.map((n) => declare(n, "    ")), "  end");
    });
  } else {
    lines.push(...all.map((n) => declare(n, "  ")));
  }
  const edgeList = [...graph.edges.values()];
  for (const e of edgeList) {
    const label = [...e.counts].map(([what, n]) => `${n} ${what}`).join(", ");
    lines.push(`  ${e.from} ${e.change === "removed" ? "-.->" : "-->"}${label === "" ? "" : `|"${mermaidLabel(label)}"|`} ${e.to}`);
  }
  const used = LOOK_ORDER.filter((look) => all.some((n) => n.look === look));
  for (const look of used) lines.push(`  classDef ${look} ${LOOKS[look].style}`);
  for (const look of used)
    lines.push(
      `  class ${all
        .filter((n) => n.look === look)
        .map((n) => n.id)
        .join(",")} ${look}`,
    );
  for (const change of ["added", "removed"] as const) {
    const indices = edgeList.flatMap((e, i) => (e.change === change ? [i] : []));
    if (indices.length > 0) lines.push(`  linkStyle ${indices.join(",")} ${EDGE_STYLE[change]}`);
  }
  return lines;
}

/** What the colours present in this graph mean, and nothing about those it does not use. */
function legend(graph: Graph): string {
  const nodes = [...graph.nodes.values()];
  const edges = [...graph.edges.values()];
  const looks = LOOK_ORDER.filter((look) => nodes.some((n) => n.look === look)).map((look) => LOOKS[look].legend);
  const edgeWords = [
    ...(edges.some((e) => e.change === "added") ? ["green edge: new connection"] : []),
    ...(edges.some((e) => e.change === "removed") ? ["red dashed edge: connection removed"] : []),
  ];
  return `Only changed paths are drawn, with what they pass through. ${[...looks, ...edgeWords].map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" · ")}.`;
}

/** Lines of a Mermaid label, each with the characters Mermaid would parse written as entity codes. */
function mermaidLabel(...lines: string[]): string {
  return lines.map((line) => line.replace(/["[\]{}()|<>#&;`]/g, (c) => `#${c.charCodeAt(0)};`)).join("<br/>");
}
