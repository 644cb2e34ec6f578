// What a reviewer must see first: every section lists clusters, rows and files riskiest first,
// by the same measures.
import { compareText } from "../../compare-text.ts";
import type { Finding, Exposure } from "../../topology/types.ts";
import type { FolderReport } from "../plan.ts";
import { newlyPublicExposures } from "../topology-diff.ts";

export const count = (findings: readonly Finding[], severity: Finding["severity"]) =>
  findings.filter((f) => f.severity === severity).length;

/** Exposures that the internet reaches after the change and did not before; asked for at every attempt to fit, so kept. */
export function newlyPublic(f: FolderReport): readonly Exposure[] {
  const known = exposure.get(f);
  if (known !== undefined) return known;
  const exposures = newlyPublicExposures(f.before, f.after);
  exposure.set(f, exposures);
  return exposures;
}

const exposure = new WeakMap<FolderReport, readonly Exposure[]>();

export const hasChanges = (f: FolderReport) => f.files.length > 0 || f.findings.length > 0;

/** Riskiest first: errors, then warnings, then new exposure, then size of change; then by name. */
export function byRisk(folders: readonly FolderReport[]): FolderReport[] {
  const key = (f: FolderReport) => [
    count(f.findings, "error"),
    count(f.findings, "warning"),
    newlyPublic(f).length,
    f.topology.added.length + f.topology.removed.length + f.topology.changed.length,
    f.files.length,
  ];
  const keyed = folders.map((f) => ({ f, k: key(f) }));
  keyed.sort((a, b) => {
    const differs = a.k.findIndex((v, i) => v !== b.k[i]);
    return differs === -1 ? compareText(a.f.spec, b.f.spec) : (b.k[differs] ?? 0) - (a.k[differs] ?? 0);
  });
  return keyed.map(({ f }) => f);
}
