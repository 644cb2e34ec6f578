// Folders a pull request's branch changes that this run no longer renders: their spec left the
// run (deleted, renamed, or no longer matched by the `spec` patterns). Said, never dropped silently.
import { OWNERSHIP_FILE } from "../plan/ownership.ts";
import type { TreeEntry } from "./git-objects.ts";

/** Each spec folder holds an ownership record; one that the branch changed, outside `folders`, is a departed spec's. */
export function departedFolders(branch: readonly TreeEntry[], base: readonly TreeEntry[], folders: ReadonlySet<string>): string[] {
  const atBase = new Map(base.map((e) => [e.path, e.sha]));
  return branch
    .filter((e) => e.path.endsWith(`/${OWNERSHIP_FILE}`) && atBase.get(e.path) !== e.sha)
    .map((e) => e.path.slice(0, -OWNERSHIP_FILE.length - 1))
    .filter((folder) => !folders.has(folder))
    .sort();
}
