// A run writes its files over any of the same name it does not own (on a first run into
// hand-written manifests, a `root.yaml` of one's own is common). What such a file holds that the render does not make would
// leave Git with nothing said but a file diff, so each is an error a workflow can stop on.
import { overwrittenOf } from "../plan/adoption.ts";
import type { FolderPlan } from "../plan/write-plan.ts";
import type { Finding } from "../topology/types.ts";

/** Files relative to the spec's folder, as the plan's other findings before it names them in the repository. */
export function overwrittenFindings({ before, rendered }: Pick<FolderPlan, "before" | "rendered">): Finding[] {
  return overwrittenOf(before, rendered).map(({ file, lost }) => ({
    severity: "error",
    message: `${file} is hand-written, and the render writes a file of that name over it: ${lost.join(", ")}, which the render does not make, would be removed from Git; move ${lost.length === 1 ? "it" : "them"} to another file (or folder) first`,
    path: file,
    group: "hand-written files are written over",
  }));
}
