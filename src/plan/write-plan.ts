// What delivery must write and delete so that each spec's folder holds exactly what was
// rendered, touching nothing it does not own. Pure: the checkout comes in as a map.
import type { RenderedFile } from "../render/render.ts";
import { OWNERSHIP_FILE, ownershipContent, parseOwnership } from "./ownership.ts";

export interface SpecFiles {
  readonly spec: string;
  /** gitops.path, validated and normalized. */
  readonly folder: string;
  readonly files: readonly RenderedFile[];
}

/** Repository-relative path → content, for the files under the specs' folders. */
export type Checkout = ReadonlyMap<string, string>;

export interface FolderPlan {
  readonly spec: string;
  readonly folder: string;
  /** Repository-relative paths. */
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  /** The folder's files before and after, relative to the folder. */
  readonly before: ReadonlyMap<string, string>;
  readonly after: ReadonlyMap<string, string>;
  /** The documents of the rendered files among `after`, already parsed. */
  readonly rendered: ReadonlyMap<string, readonly unknown[]>;
}

export interface WritePlan {
  readonly folders: readonly FolderPlan[];
  /** Repository-relative path → new content (added and changed). */
  readonly writes: ReadonlyMap<string, string>;
  /** Repository-relative paths. */
  readonly deletes: readonly string[];
}

export function planWrites(specs: readonly SpecFiles[], checkout: Checkout): WritePlan {
  const folders = specs.map((s) => planFolder(s, checkout));
  const writes = new Map<string, string>();
  for (const f of folders) for (const path of [...f.added, ...f.changed]) writes.set(path, f.after.get(path.slice(f.folder.length + 1)) ?? "");
  return { folders, writes, deletes: folders.flatMap((f) => f.removed) };
}

function planFolder(spec: SpecFiles, checkout: Checkout): FolderPlan {
  const prefix = `${spec.folder}/`;
  const before = new Map([...checkout].filter(([path]) => path.startsWith(prefix)).map(([path, content]) => [path.slice(prefix.length), content]));
  const rendered = new Map(spec.files.map((f) => [f.path, f.content]));
  rendered.set(OWNERSHIP_FILE, ownershipContent({ spec: spec.spec, files: [...rendered.keys()] }));
  const previouslyOwned = parseOwnership(before.get(OWNERSHIP_FILE));
  const removed = previouslyOwned.filter((path) => !rendered.has(path) && before.has(path));
  const after = new Map(before);
  for (const path of removed) after.delete(path);
  for (const [path, content] of rendered) after.set(path, content);
  const added = [...rendered.keys()].filter((path) => !before.has(path));
  const changed = [...rendered].filter(([path, content]) => before.has(path) && before.get(path) !== content).map(([path]) => path);
  const repo = (paths: readonly string[]) => paths.map((p) => `${prefix}${p}`).sort();
  const parsed = new Map(spec.files.flatMap((f) => (f.documents === undefined ? [] : [[f.path, f.documents] as const])));
  return { spec: spec.spec, folder: spec.folder, added: repo(added), changed: repo(changed), removed: repo(removed), before, after, rendered: parsed };
}
