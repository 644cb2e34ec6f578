// The "Changed paths" section: each exposure a change adds, removes or changes, riskiest first;
// at coarser detail counted per host or per load balancer ▸ gateway.
import { compareText } from "../../compare-text.ts";
import { backendLabel, exposureHost, exposureKey, exposureLabel, isExact, type Exposure } from "../../topology/types.ts";
import { mdCode, mdText } from "../markdown-text.ts";
import type { FolderReport } from "../plan.ts";
import type { ClusterCache } from "./memo.ts";
import { newlyPublic } from "./risk.ts";

type Row = { change: "added" | "removed" | "changed"; before?: Exposure; after: Exposure };

/** One row per exposure, or counts per host or per load balancer ▸ gateway. */
export type Grain = "exposure" | "host" | "gateway";

/** A cluster's changed exposures, riskiest first: newly public, then removed, changed, added; then by host and URL path. */
function rowsOf(f: FolderReport): Row[] {
  const exposed = new Set(newlyPublic(f));
  const rank = (r: Row) => (exposed.has(r.after) ? 0 : { removed: 1, changed: 2, added: 3 }[r.change]);
  // Rank and key worked out once per row, not once per comparison.
  return [
    ...f.topology.added.map((after): Row => ({ change: "added", after })),
    ...f.topology.removed.map((after): Row => ({ change: "removed", after })),
    ...f.topology.changed.map((c): Row => ({ change: "changed", before: c.before, after: c.after })),
  ]
    .map((row) => ({ row, rank: rank(row), key: exposureKey(row.after) }))
    .sort((a, b) => a.rank - b.rank || compareText(a.key, b.key))
    .map(({ row }) => row);
}

const CHANGE = { added: "➕ added", removed: "➖ removed", changed: "✏️ changed" } as const;

// `▸` joins hops of one exposure (load balancer ▸ gateway); `→` only ever means before → after.
function entryCell(p: Exposure): string {
  const lb = `${p.loadBalancer.type} ${mdCode(p.loadBalancer.name, "cell")} ${p.loadBalancer.scheme}${p.loadBalancer.external ? " (external)" : ""}`;
  return p.gateway.type === "none" ? lb : `${lb} ▸ ${p.gateway.type} ${mdCode(p.gateway.name, "cell")}`;
}

/** `before → after` where a field changed, else the value. */
function cell(row: Row, render: (p: Exposure) => string): string {
  const after = render(row.after);
  if (row.before === undefined) return after;
  const before = render(row.before);
  return before === after ? after : `${before} → **${after}**`;
}

// Five columns, the long ones last-but-one, so the table fits GitHub's column without scrolling.
const EXPOSURE_HEADER = "| change | host and path | TLS | load balancer ▸ gateway | backend |";
const EXPOSURE_RULE = "|---|---|---|---|---|";

function exposureRow(r: Row): string {
  const route = `${mdCode(exposureLabel(r.after), "cell")}${isExact(r.after) ? " (exact)" : ""}`;
  const tls = cell(r, (p) => (p.tls ? "🔒 yes" : "no"));
  // The kind of object that routes it is shown only where it changes (an Ingress replaced by an HTTPRoute).
  const kindChanges = r.before !== undefined && r.before.routeKind !== r.after.routeKind;
  const entry = cell(r, (p) => (kindChanges ? `${entryCell(p)} (${p.routeKind})` : entryCell(p)));
  return `| ${CHANGE[r.change]} | ${route} | ${tls} | ${entry} | ${cell(r, (p) => mdCode(backendLabel(p), "cell"))} |`;
}

export function exposureTable(folders: readonly FolderReport[], multi: boolean, grain: Grain, cache: ClusterCache): string {
  const perCluster = folders
    .map((f) => cache(f, `paths ${grain} ${multi}`, () => clusterPaths(f, multi, grain, cache)))
    .filter((c) => c.rows > 0);
  const total = perCluster.reduce((n, c) => n + c.rows, 0);
  if (total === 0) return "### Changed paths\n\nNo path changes.\n";
  if (grain === "exposure") return ["### Changed paths", "", ...perCluster.map((c) => c.text)].join("\n");
  const label = grain === "host" ? "host" : "load balancer ▸ gateway";
  const columns = `${multi ? "cluster | " : ""}${label} | added | removed | changed`;
  return [
    `### Changed paths (${total}, by ${label})`,
    "",
    `| ${columns} |`,
    `|${"---|".repeat(columns.split("|").length)}`,
    ...perCluster.map((c) => c.text),
    "",
  ].join("\n");
}

/** A cluster's lines of the table, joined: its own table, or its count rows. */
function clusterPaths(f: FolderReport, multi: boolean, grain: Grain, cache: ClusterCache): { rows: number; text: string } {
  const rows = cache(f, "rows", () => rowsOf(f));
  if (rows.length === 0) return { rows: 0, text: "" };
  if (grain === "exposure")
    return {
      rows: rows.length,
      text: [...(multi ? [`#### ${mdText(f.spec)}`, ""] : []), EXPOSURE_HEADER, EXPOSURE_RULE, ...rows.map(exposureRow), ""].join("\n"),
    };
  const counts = new Map<string, { added: number; removed: number; changed: number }>();
  for (const r of rows) {
    const key = grain === "host" ? mdCode(exposureHost(r.after), "cell") : entryCell(r.after);
    const c = counts.get(key) ?? { added: 0, removed: 0, changed: 0 };
    c[r.change]++;
    counts.set(key, c);
  }
  const lines = [...counts].map(
    ([key, c]) => `| ${multi ? `${mdText(f.spec)} | ` : ""}${key} | ${c.added} | ${c.removed} | ${c.changed} |`,
  );
  return { rows: rows.length, text: lines.join("\n") };
}
