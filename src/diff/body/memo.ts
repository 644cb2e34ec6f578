// Memos for the PR body. A body tries several steps of detail (body/budget.ts), and the steps that
// cut clusters try how many fit by bisection: each section, and each cluster's part of one, would
// be written again at every try. Made once per input instead, a try only joins parts already written.
import { Memo } from "../../memo.ts";
import type { FolderReport } from "../plan.ts";

/** `make()` for this cluster and key, made the first time only; the key names every input besides the cluster. */
export type ClusterCache = <T>(folder: FolderReport, key: string, make: () => T) => T;

export function clusterCache(): ClusterCache {
  const byCluster = new Memo<FolderReport, Memo<string, unknown>>();
  // Each key of a cluster is only ever made by the one `make` that names it, so what is there is its T.
  return <T>(folder: FolderReport, key: string, make: () => T): T =>
    byCluster.get(folder, () => new Memo<string, unknown>()).get(key, make) as T;
}
