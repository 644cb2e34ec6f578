// One row per cluster, riskiest first, so a fleet change reads at a glance before its details.
import { mdText } from "../markdown-text.ts";
import type { FolderReport } from "../plan.ts";
import type { ClusterCache } from "./memo.ts";
import { SEVERITY_ICON as ICON } from "./findings.ts";
import { count, newlyPublic } from "./risk.ts";
import { plural } from "./words.ts";

/** `more` clusters are left out of the table and counted under it. */
export function fleetTable(folders: readonly FolderReport[], more: number, cache: ClusterCache): string {
  const rows = folders.map((f) => cache(f, "fleet row", () => fleetRow(f)));
  const rest = more > 0 ? [`${plural(more, "more cluster")} not listed.`, ""] : [];
  if (rows.length === 0) return rest.join("\n");
  return ["| cluster | findings | newly internet-facing | paths (+ − ~) | files |", "|---|---|---|---|---|", ...rows, "", ...rest].join(
    "\n",
  );
}

function fleetRow(f: FolderReport): string {
  const risk = `${ICON.error} ${count(f.findings, "error")} · ${ICON.warning} ${count(f.findings, "warning")} · ${ICON.info} ${count(f.findings, "info")}`;
  const changes = `+${f.topology.added.length} −${f.topology.removed.length} ~${f.topology.changed.length}`;
  return `| ${mdText(f.spec)} | ${risk} | ${newlyPublic(f).length} | ${changes} | ${f.files.length} |`;
}
