// A file of the checkout where the render needs a folder (a person's file named `apps`), or files
// under a path the render writes as a file: the write would fail half-way, after other files and
// other specs' folders were written, so it is refused before anything is.
import type { SpecFiles } from "../render/render-specs.ts";
import { ownedFiles, type Checkout } from "./write-plan.ts";

/** Why the specs' files cannot be written into the checkout, one line per path in the way; empty when nothing is. */
export function pathsInTheWay(specs: readonly SpecFiles[], checkout: Checkout): string[] {
  const folders = new Set([...checkout.keys()].flatMap((path) => ancestors(path)));
  const refusals = new Set<string>();
  for (const spec of specs) {
    for (const file of ownedFiles(spec).keys()) {
      const path = `${spec.folder}/${file}`;
      const blocking = ancestors(path).find((folder) => folder.length > spec.folder.length && checkout.has(folder));
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
