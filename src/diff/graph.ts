// The Mermaid graph of a plan: what is reachable from where after the change, coloured by
// what changed. Pure: the same report gives the same text.
import { backendLabel, pathLabel, type Path } from "../topology/types.ts";
import { groupBy } from "../group-by.ts";
import type { PlanReport } from "./plan.ts";

export function graphSection(report: PlanReport, aggregated: boolean): string {
  const nodes = new Map<string, string>();
  const edges = new Map<string, { from: string; to: string; label?: string; status: "added" | "removed" | "changed" | "same" }>();
  const classes = new Map<string, "added" | "removed" | "changed">();
  const nodeCluster = new Map<string, string>();
  let cluster = "";
  const node = (label: string) => {
    const key = report.folders.length > 1 ? `${cluster}\u0000${label}` : label;
    const existing = nodes.get(key);
    if (existing !== undefined) return existing;
    const id = `n${nodes.size}`;
    nodes.set(key, id);
    nodeCluster.set(id, cluster);
    return id;
  };
  const counters = new Map<string, { added: number; removed: number; changed: number; total: number }>();
  const status = new Map<Path, "added" | "removed" | "changed">();
  for (const f of report.folders) {
    for (const p of f.topology.added) status.set(p, "added");
    for (const c of f.topology.changed) status.set(c.after, "changed");
  }
  const paths = report.folders.flatMap((f) => [...f.after.map((p) => ({ p, spec: f.spec })), ...f.topology.removed.map((p) => ({ p, spec: f.spec, removed: true as const }))]);
  for (const entry of paths) {
    const s = "removed" in entry ? "removed" : (status.get(entry.p) ?? "same");
    cluster = entry.spec;
    const lb = node(mermaidLabel(`${entry.p.loadBalancer.type} ${entry.p.loadBalancer.name}`, entry.p.loadBalancer.scheme));
    const direct = entry.p.gateway.type === "none";
    const gw = direct && !aggregated ? lb : node(mermaidLabel(direct ? `Services behind ${entry.p.loadBalancer.name}` : `${entry.p.gateway.type} ${entry.p.gateway.name}`));
    if (aggregated) {
      const key = `${lb}>${gw}`;
      const c = counters.get(key) ?? { added: 0, removed: 0, changed: 0, total: 0 };
      c.total++;
      if (s !== "same") c[s]++;
      counters.set(key, c);
      continue;
    }
    const route = node(mermaidLabel(pathLabel(entry.p)));
    const backend = node(mermaidLabel(backendLabel(entry.p)));
    if (s !== "same") classes.set(route, s);
    // A load balancer that forwards a port to a Service has no gateway in between.
    const hops = direct ? ([[lb, route], [route, backend]] as const) : ([[lb, gw], [gw, route], [route, backend]] as const);
    for (const [from, to] of hops) {
      const key = `${from}>${to}`;
      const prior = edges.get(key);
      if (prior === undefined || (prior.status === "removed" && s !== "removed")) edges.set(key, { from, to, status: s });
    }
  }
  if (aggregated) {
    for (const [key, c] of counters) {
      const [from = "", to = ""] = key.split(">");
      const delta = [c.added > 0 ? `+${c.added}` : "", c.removed > 0 ? `−${c.removed}` : "", c.changed > 0 ? `~${c.changed}` : ""].filter((d) => d !== "").join(" ");
      edges.set(key, { from, to, label: mermaidLabel(`${c.total} paths${delta === "" ? "" : ` (${delta})`}`), status: c.added + c.removed + c.changed > 0 ? "changed" : "same" });
    }
  }
  if (nodes.size === 0) return "### Topology after this change\n\nNothing is exposed.\n";
  const lines = ["flowchart LR"];
  if (report.folders.length > 1) {
    // A fleet: each cluster's load balancers, gateways and routes in a box of its own.
    const byCluster = groupBy(nodes, ([, id]) => nodeCluster.get(id) ?? "");
    report.folders.forEach((f, i) => {
      lines.push(`  subgraph c${i}["${mermaidLabel(f.spec)}"]`);
      for (const [key, id] of byCluster.get(f.spec) ?? []) lines.push(`    ${id}["${key.slice(key.indexOf("\u0000") + 1)}"]`);
      lines.push("  end");
    });
  } else {
    for (const [label, id] of nodes) lines.push(`  ${id}["${label}"]`);
  }
  const edgeList = [...edges.values()];
  edgeList.forEach((e) => lines.push(`  ${e.from} ${e.status === "removed" ? "-.->" : "-->"}${e.label === undefined ? "" : `|"${e.label}"|`} ${e.to}`));
  lines.push("  classDef added fill:#dafbe1,stroke:#1a7f37", "  classDef removed fill:#ffebe9,stroke:#cf222e,stroke-dasharray:4 3", "  classDef changed fill:#fff8c5,stroke:#9a6700");
  for (const [id, s] of classes) lines.push(`  class ${id} ${s}`);
  edgeList.forEach((e, i) => {
    if (e.status === "added") lines.push(`  linkStyle ${i} stroke:#1a7f37,stroke-width:2px`);
    if (e.status === "removed") lines.push(`  linkStyle ${i} stroke:#cf222e`);
    if (e.status === "changed") lines.push(`  linkStyle ${i} stroke:#9a6700,stroke-width:2px`);
  });
  const legend = "Green: added · red, dashed: removed · amber: changed.";
  return ["### Topology after this change", "", "```mermaid", ...lines, "```", "", legend, ""].join("\n");
}

/** Lines of a Mermaid label, each with the characters Mermaid would parse written as entity codes. */
function mermaidLabel(...lines: string[]): string {
  return lines.map((line) => line.replace(/["[\]{}()|<>#&;`]/g, (c) => `#${c.charCodeAt(0)};`)).join("<br/>");
}
