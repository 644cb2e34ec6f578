// The top of the body: the risk in one sentence across the whole fleet, then one line of counts.
import { exposureLabel, type Destroyed } from "../../topology/types.ts";
import { mdCode, mdText } from "../markdown-text.ts";
import type { FileDiff, FolderReport, PlanReport } from "../plan.ts";
import { count, hasChanges, newlyPublic } from "./risk.ts";
import { plural, some } from "./words.ts";

/** One sentence, before any table: what becomes internet-facing and what is destroyed, across the fleet. */
export function headline(folders: readonly FolderReport[]): string {
  const multi = folders.length > 1;
  const inCluster = (f: FolderReport, what: string) => (multi ? `${what} in ${mdText(f.spec)}` : what);
  const named = (d: Destroyed) => (d.kind === "load balancer" ? mdCode(d.name) : `${mdCode(d.name)} (${mdText(d.installs)})`);
  // One load balancer can be both renamed and rescheduled: name each once per cluster.
  const destroyedOf = (kind: Destroyed["kind"]) =>
    folders.flatMap((f) => [...new Set(f.findings.flatMap((x) => (x.destroys?.kind === kind ? [inCluster(f, named(x.destroys))] : [])))]);
  const destroyed = destroyedOf("load balancer");
  const deletedApps = destroyedOf("application");
  const exposedBy = folders.map((f) => ({ f, exposures: newlyPublic(f) })).filter((e) => e.exposures.length > 0);
  const exposed = exposedBy.flatMap(({ f, exposures }) => exposures.map((p) => inCluster(f, mdCode(exposureLabel(p)))));
  const otherErrors = folders.reduce((n, f) => n + f.findings.filter((x) => x.severity === "error" && x.destroys === undefined).length, 0);
  const parts = [
    ...(destroyed.length > 0 ? [`⛔ **destroys or replaces ${plural(destroyed.length, "load balancer")}** (${some(destroyed)})`] : []),
    ...(deletedApps.length > 0
      ? [
          `⛔ **deletes ${plural(deletedApps.length, "Argo CD Application")} and what ${deletedApps.length === 1 ? "it" : "they"} installed** (${some(deletedApps)})`,
        ]
      : []),
    ...(exposed.length > 0
      ? [
          `⚠️ **makes ${plural(exposed.length, "path")} internet-facing** (${some(exposed)})${multi ? ` in ${exposedBy.length} of ${plural(folders.length, "cluster")}` : ""}`,
        ]
      : []),
  ];
  const also = otherErrors > 0 ? `; ${plural(otherErrors, "other error")} below` : "";
  if (parts.length === 0) return `**Risk:** nothing becomes internet-facing and no load balancer is destroyed or replaced${also}.`;
  return `**Risk:** this change ${parts.join(" and ")}${also}.`;
}

export function summaryLine(report: PlanReport): string {
  const files = report.folders.flatMap((f) => f.files);
  const status = (s: FileDiff["status"]) => files.filter((f) => f.status === s).length;
  const topo = (pick: (f: FolderReport) => readonly unknown[]) => report.folders.reduce((n, f) => n + pick(f).length, 0);
  const findings = report.folders.flatMap((f) => f.findings);
  return [
    ...(report.folders.length > 1
      ? [`**${plural(report.folders.length, "cluster")}** (${report.folders.filter(hasChanges).length} changed)`]
      : []),
    `**${plural(files.length, "file")}** (${status("added")} added, ${status("changed")} changed, ${status("removed")} removed)`,
    `**paths** ${topo((f) => f.topology.added)} added, ${topo((f) => f.topology.removed)} removed, ${topo((f) => f.topology.changed)} changed`,
    `**findings** ${plural(count(findings, "error"), "error")}, ${plural(count(findings, "warning"), "warning")}, ${count(findings, "info")} info`,
  ].join(" · ");
}
