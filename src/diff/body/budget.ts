// How much of the body fits its limit: the detail shown, coarser at each step in a stated order
// (file diffs, the graph, clusters without changes, per-cluster detail into counts, the fleet
// table's rows), and the note that says each cut and where the rest is. The file diffs are not a
// step of their own: they always get the room the rest leaves (body/file-diffs.ts), so they are
// the first thing cut, and whatever a later cut frees goes back to the riskiest of them.
import { mdText } from "../markdown-text.ts";
import type { FolderReport } from "../plan.ts";
import { hasChanges } from "./risk.ts";
import { plural } from "./words.ts";

/** How much of the body is shown; each step down is one cut, in the order the header states. */
export interface Detail {
  readonly graph: "full" | "aggregated" | "none";
  readonly unchangedRows: boolean;
  /** Findings and exposure tables per cluster, coarser at each step. */
  readonly perCluster: "full" | "grouped" | "by-gateway";
  /** Clusters that keep findings and exposure tables, riskiest first; the rest only have the fleet table's counts. */
  readonly detailed: number;
  /** Clusters in the fleet table, riskiest first; the rest are counted. */
  readonly clusterRows: number;
}

/** Where a reader finds what the body leaves out: a link where there is one (the run's job summary). */
export interface Elsewhere {
  readonly label: string;
  readonly url?: string;
}

/** The most detail for `clusters` clusters that `fits`; at the last step, the fewest fleet rows, fitting or not. */
export function fittingDetail(clusters: number, fits: (detail: Detail) => boolean): Detail {
  const n = clusters;
  const full: Detail = { graph: "full", unchangedRows: true, perCluster: "full", detailed: n, clusterRows: n };
  const coarse: Detail = { ...full, graph: "none", unchangedRows: false, perCluster: "by-gateway" };
  const steps: Detail[] = [
    full,
    { ...full, graph: "aggregated" },
    { ...full, graph: "none" },
    { ...full, graph: "none", unchangedRows: false },
    { ...coarse, perCluster: "grouped" },
    coarse,
  ];
  const fitting = steps.find(fits);
  if (fitting !== undefined) return fitting;
  // Then per-cluster detail into counts, the least risky first; then the fleet table's rows.
  const detailed = largest(n, (k) => fits({ ...coarse, detailed: k }));
  if (detailed > 0) return { ...coarse, detailed };
  const rows = largest(n, (r) => fits({ ...coarse, detailed: 0, clusterRows: r }));
  return { ...coarse, detailed: 0, clusterRows: rows };
}

/** The largest k in 0..max for which `ok` holds, `ok` being true up to some k and false after. */
function largest(max: number, ok: (k: number) => boolean): number {
  let [low, high] = [0, max];
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (ok(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** What `detail` leaves out of the body of `folders`, in the order of the steps (file diffs aside: their count is known later). */
export function cutsOf(folders: readonly FolderReport[], detail: Detail): string[] {
  const multi = folders.length > 1;
  const changed = folders.filter(hasChanges).length;
  const unchanged = folders.length - changed;
  const listed = detail.unchangedRows ? folders.length : changed;
  const undetailed = Math.max(0, changed - detail.detailed);
  return [
    ...(detail.graph === "aggregated"
      ? ["the graph's routes and backends (it shows load balancers and gateways)"]
      : detail.graph === "none"
        ? ["the graph"]
        : []),
    ...(multi && !detail.unchangedRows && unchanged > 0 ? [`the rows of ${plural(unchanged, "cluster")} without changes`] : []),
    ...(detail.perCluster === "grouped"
      ? ["findings one by one (they are grouped by kind) and paths one by one (they are counted per host)"]
      : []),
    ...(detail.perCluster === "by-gateway"
      ? ["findings one by one (they are grouped by kind) and paths one by one (they are counted per load balancer and gateway)"]
      : []),
    ...(undetailed > 0
      ? [
          multi
            ? `the findings and paths of ${plural(undetailed, "less risky cluster")} (the table counts them)`
            : "the findings and paths (the line above counts them)",
        ]
      : []),
    ...(multi && detail.clusterRows < listed ? [`the rows of ${plural(listed - detail.clusterRows, "less risky cluster")}`] : []),
  ];
}

export function cutNotice(cuts: readonly string[], fullReport: Elsewhere): string[] {
  if (cuts.length === 0) return [];
  const where = fullReport.url === undefined ? mdText(fullReport.label) : `[${mdText(fullReport.label)}](<${fullReport.url}>)`;
  return [`> ✂️ **Shortened to stay under the size limit**, in this order: ${cuts.join("; ")}. What is left out is in ${where}.`, ""];
}
