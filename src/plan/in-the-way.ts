// A file where the render needs a folder (a person's file named `apps`, or at the spec's folder),
// or files under a path the render writes as a file: on disk the write would fail half-way, after
// other specs' folders were written, and in a git tree the person's file would silently give way,
// so it is refused before anything is written.
import type { SpecFiles } from "../render/render-specs.ts";
import { ownedFiles } from "./write-plan.ts";

/** Why the specs' files cannot be written among `existing` (repository paths of files), one line per path in the way; empty when nothing is. */
export function pathsInTheWay(specs: readonly SpecFiles[], existing: Iterable<string>): string[] {
  const files = new Set(existing);
  const folders = new Set([...files].flatMap((path) => ancestors(path)));
  const refusals = new Set<string>();
  for (const spec of specs) {
    for (const file of ownedFiles(spec).keys()) {
      const path = `${spec.folder}/${file}`;
      const blocking = ancestors(path).find((folder) => files.has(folder));
      if (blocking !== undefined) refusals.add(`${blocking} is a file, but spec '${spec.spec}' writes files inside it; move it away`);
      else if (folders.has(path)) refusals.add(`${path} is a folder, but spec '${spec.spec}' writes a file there; move it away`);
    }
  }
  return [...refusals];
}

/** `a/b/c` → `a`, `a/b`. */
function ancestors(path: string): string[] {
  const segments = path.split("/");
  return segments.slice(1).map((_, i) => segments.slice(0, i + 1).join("/"));
}
