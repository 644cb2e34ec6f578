// Removals Argo CD turns into destroying something the whole cluster depends on. Each is an
// error, so `fail-on: error` stops the run until a person has decided it is meant.
import type { Finding, TopologyReading } from "../topology/types.ts";

/** A controller, CRD-owning or CNI Application in the folder before and not after. */
export function destroyedApplicationFindings(before: TopologyReading, after: TopologyReading): Finding[] {
  const kept = new Set(after.applications.map((a) => a.name));
  return before.applications
    .filter((app) => !kept.has(app.name))
    .map((app) => ({
      severity: "error" as const,
      // What Argo CD does follows the finalizer of the Application as it is in the cluster now.
      message: app.cascades
        ? `Argo CD Application '${app.name}' is removed and, through its resources finalizer, deletes what it installed: ${app.installs}`
        : `Argo CD Application '${app.name}' is removed: Argo CD stops managing ${app.installs}; all of it stays in the cluster, unmanaged, until someone deletes it`,
      path: app.file,
      group: "Applications that installed controllers, CRDs or the CNI are removed",
      // Only a cascading removal destroys; without the finalizer everything stays, unmanaged.
      ...(app.cascades ? { destroys: { kind: "application" as const, name: app.name, installs: app.installs } } : {}),
    }));
}
