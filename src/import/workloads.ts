// A Service's named targetPort, resolved to the container port of the pods it selects: the
// spec's targetPort is a number (Kubernetes resolves a name per pod, docs concepts/services-networking/service/#field-spec-ports).
import { isKind, list, record, str, stringEntries, type Doc } from "../topology/documents.ts";
import type { Notes } from "./notes.ts";

const WORKLOADS = ["Deployment", "StatefulSet", "DaemonSet"];

/** The port's `targetPort`, the `index`th of the Service's ports. */
export function resolveTargetPort(
  docs: readonly Doc[],
  service: Doc,
  index: number,
  targetPort: unknown,
  notes: Notes,
): number | undefined {
  if (typeof targetPort === "number") return targetPort;
  if (typeof targetPort !== "string") return undefined;
  const selector = Object.entries(stringEntries(service.spec["selector"]));
  const ports = docs
    .filter((d) => WORKLOADS.some((kind) => isKind(d, "apps", kind)) && d.namespace === service.namespace)
    .filter((d) => {
      const labels = stringEntries(record(record(record(d.spec["template"])["metadata"]))["labels"]);
      return selector.length > 0 && selector.every(([k, v]) => labels[k] === v);
    })
    .flatMap((d) => list(record(record(d.spec["template"])["spec"])["containers"]))
    .flatMap((c) => list(record(c)["ports"]).map(record))
    .filter((p) => str(p["name"]) === targetPort)
    .map((p) => p["containerPort"])
    .filter((p): p is number => typeof p === "number");
  const found = ports[0];
  const at = { doc: service, field: ["spec", "ports", index, "targetPort"] };
  if (found === undefined || ports.some((p) => p !== found)) {
    notes.unexpressed(
      at,
      `Service ${service.namespace}/${service.name}`,
      `targetPort '${targetPort}' names a container port that no workload here resolves to one number; the spec needs the number (set targetPort)`,
    );
    return undefined;
  }
  notes.chose(
    at,
    `Service ${service.namespace}/${service.name}`,
    `targetPort '${targetPort}' is container port ${found} of the pods it selects`,
  );
  return found;
}
