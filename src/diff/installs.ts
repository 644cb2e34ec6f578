// An adoption (a first run into hand-written manifests) installs, through Argo CD, the
// controllers its render needs. Those manifests were being served, so the cluster already runs
// these controllers, installed outside the folder (Helm, eksctl, istioctl): what Argo CD then does
// to them, and at which version, is the one change an adoption makes that no path shows.
import type { Finding, TopologyReading } from "../topology/types.ts";

/** Applications the render adds that install what no hand-written Application in the folder installed. Files relative to the folder. */
export function adoptionInstallFindings(before: TopologyReading, after: TopologyReading): Finding[] {
  const had = new Set(before.applications.map((a) => a.installs));
  return after.applications
    .filter((a) => !had.has(a.installs))
    .map((a) => ({
      severity: "warning",
      message: `Argo CD Application '${a.name}' comes with this adoption and installs ${a.installs}; the hand-written manifests are served by an install made outside this folder, whose objects Argo CD takes over where their names match and runs beside where they do not: check that install's version and release name against this Application before merging`,
      path: a.file,
      group: "the adoption installs controllers the cluster already runs",
    }));
}
