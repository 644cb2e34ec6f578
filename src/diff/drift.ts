// Drift: the cluster as a dump shows it against Git as the plan leaves it. A path only the cluster
// serves was made by hand (Argo CD does not own it); one only Git has is not in the cluster (not
// synced yet, or failing). Pure; the findings join the plan's, with its severities.
import { backendLabel, exposureLabel, type Exposure, type Finding, type TopologyReading } from "../topology/types.ts";
import { diffTopology } from "./topology-diff.ts";

/** The file a finding about Git names: the spec's folder, where the path is rendered. */
export function driftFindings(live: TopologyReading, git: readonly Exposure[], folder: string): Finding[] {
  const diff = diffTopology(live.exposures, git);
  const where = (p: Exposure) =>
    `${lbText(p)} → ${p.gateway.type === "none" ? "" : `${p.gateway.type} '${p.gateway.name}' → `}${backendLabel(p)}`;
  const inCluster = (p: Exposure) => live.origins.get(p) ?? "";
  return [
    ...diff.removed.map((p): Finding => ({
      severity: "warning",
      message: `drift: ${exposureLabel(p)} is served in the cluster (${where(p)}) but not in Git: made by hand, so Argo CD neither keeps nor removes it`,
      path: inCluster(p),
      group: "paths are in the cluster but not in Git",
    })),
    ...diff.added.map((p): Finding => ({
      severity: "warning",
      message: `drift: ${exposureLabel(p)} is in Git (${where(p)}) but not served in the cluster: not synced yet, or failing`,
      path: folder,
      group: "paths are in Git but not in the cluster",
    })),
    ...diff.changed.map(({ before, after }): Finding => ({
      severity: "warning",
      message: `drift: ${exposureLabel(after)} is served in the cluster as ${where(before)}${before.tls ? " [tls]" : ""}, in Git as ${where(after)}${after.tls ? " [tls]" : ""}`,
      path: inCluster(before),
      group: "paths differ between the cluster and Git",
    })),
  ];
}

const lbText = (p: Exposure) => `${p.loadBalancer.type} '${p.loadBalancer.name}' ${p.loadBalancer.scheme}`;
