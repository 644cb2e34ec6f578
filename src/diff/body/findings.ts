// The findings section: one line per finding, or at coarser detail one per kind, per cluster in a fleet.
import type { Finding } from "../../topology/types.ts";
import { groupBy } from "../../group-by.ts";
import { mdCode, mdText } from "../markdown-text.ts";
import type { FolderReport } from "../plan.ts";
import type { ClusterCache } from "./memo.ts";

export const SEVERITY_ICON = { error: "⛔", warning: "⚠️", info: "ℹ️" } as const;

function findingLine(f: Finding): string {
  return `- ${SEVERITY_ICON[f.severity]} **${f.severity}** ${mdText(f.message)} — ${mdCode(f.path)}`;
}

export function findingsSection(folders: readonly FolderReport[], multi: boolean, grouped: boolean, cache: ClusterCache): string {
  if (folders.every((f) => f.findings.length === 0)) return "### Findings\n\nNone.\n";
  const list = (findings: readonly Finding[]) => (grouped ? groupedFindings(findings) : findings.map(findingLine));
  if (!multi) return ["### Findings", "", ...list(folders[0]?.findings ?? []), ""].join("\n");
  // A fleet: each cluster's findings under its name, riskiest cluster first.
  const sections = folders
    .filter((f) => f.findings.length > 0)
    .map((f) => cache(f, `findings ${grouped}`, () => [`#### ${mdText(f.spec)}`, "", ...list(f.findings), ""].join("\n")));
  return ["### Findings", "", ...sections].join("\n");
}

function groupedFindings(findings: readonly Finding[]): string[] {
  const groups = groupBy(findings, (f) => `${f.severity}\u0000${f.group ?? f.message}`);
  return [...groups.values()].map((list) => {
    const [first] = list;
    if (first === undefined) return "";
    if (list.length === 1 || first.group === undefined) return `${findingLine(first)}${list.length > 1 ? ` (×${list.length})` : ""}`;
    return `- ${SEVERITY_ICON[first.severity]} **${first.severity}** ${list.length} ${mdText(first.group)}, e.g. ${mdText(first.message)}`;
  });
}
