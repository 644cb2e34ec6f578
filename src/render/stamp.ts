// Every generated object says that it is generated, by whom and from which spec entry, so a
// reviewer (and the topology diff) can tell why it exists and why it changed.
import type { SpecEntry, Model } from "../model/types.ts";
import type { KubeObject } from "./templates.ts";

export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
export const MANAGED_BY = "ingress-gitops";
export const SPEC_LABEL = "ingress-gitops.io/spec";
export const SOURCE_ANNOTATION = "ingress-gitops.io/source";

export function stamp(object: KubeObject, model: Model, source: SpecEntry): KubeObject {
  const metadata = object.metadata as { labels?: Record<string, string>; annotations?: Record<string, string> };
  return {
    ...object,
    metadata: {
      ...object.metadata,
      labels: { ...metadata.labels, [MANAGED_BY_LABEL]: MANAGED_BY, [SPEC_LABEL]: model.name },
      annotations: { ...metadata.annotations, [SOURCE_ANNOTATION]: source },
    },
  };
}
