// How generated files name the spec they came from. The header of every output file says it, so
// it must be the same whichever way the path was typed (`./spec.yaml`, `../x/spec.yaml`, an
// absolute path) and must never carry the runner's directory into the GitOps repository.
import { basename, isAbsolute, posix, relative, sep } from "node:path";

/**
 * A spec file read from disk (`absolute`): its path in the git repository whose root is `root`,
 * or, with no repository around it, its base name; nothing else is the same however it was typed.
 */
export function fileSpecName(absolute: string, root: string | undefined): string {
  const inside = root === undefined ? undefined : relative(root, absolute);
  if (inside !== undefined && inside !== "" && !inside.startsWith("..") && !isAbsolute(inside)) return inside.split(sep).join("/");
  return basename(absolute);
}

/** A spec given in memory under a label (a path relative to the repository root): the label normalized, or its base name if it is absolute or leaves. */
export function specName(label: string): string {
  const typed = posix.normalize(label.split(sep).join("/"));
  return isAbsolute(label) || typed === ".." || typed.startsWith("../") ? basename(label) : typed;
}
