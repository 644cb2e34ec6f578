// How generated files name the spec they came from. The header of every output file says it, so
// it must be the same whichever way the path was typed (`./spec.yaml`, `../x/spec.yaml`, an
// absolute path) and must never carry the runner's directory into the GitOps repository.
import { basename, isAbsolute, posix, relative, sep } from "node:path";

/** Where a spec file sits in the git repository that holds it (both absolute paths). */
export interface InRepository {
  readonly absolute: string;
  readonly root: string;
}

/**
 * The spec's path relative to the repository that holds it, when one does; otherwise the path
 * as typed if it stays inside the working folder, or else the base name.
 */
export function specName(file: string, repository?: InRepository): string {
  const inside = repository === undefined ? undefined : relative(repository.root, repository.absolute);
  if (inside !== undefined && inside !== "" && !inside.startsWith("..") && !isAbsolute(inside)) return inside.split(sep).join("/");
  const typed = posix.normalize(file.split(sep).join("/"));
  return isAbsolute(file) || typed === ".." || typed.startsWith("../") ? basename(file) : typed;
}
