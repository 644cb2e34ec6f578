// What delivery must write and delete so that each spec's folder holds exactly what was
// rendered, touching nothing it does not own. Pure: the checkout comes in as a map.
import type { Problem } from "../problems.ts";
import type { SpecFiles } from "../render/render-specs.ts";
import type { Verified } from "../verify/verified.ts";
import { adoptionOf, type Adoption } from "./adoption.ts";
import { OWNERSHIP_FILE, ownershipContent, parseOwnership } from "./ownership.ts";

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
  readonly warnings: readonly Problem[];
  /** The first run into a folder of hand-written manifests: what it takes over, and what it leaves. */
  readonly adoption?: Adoption;
}

declare const PLANNED: unique symbol;

/** Only planWrites makes one, from Verified specs: what a writer is handed was verified. */
export interface WritePlan {
  readonly [PLANNED]: true;
  readonly folders: readonly FolderPlan[];
  /** Repository-relative path → new content (added and changed). */
  readonly writes: ReadonlyMap<string, string>;
  /** Repository-relative paths. */
  readonly deletes: readonly string[];
}

/**
 * Which of `folders` holds a repository path, if any. Spec folders never nest (validation
 * refuses it), so the first folder found on the way down is the only one.
 */
export function ownerFolder(path: string, folders: ReadonlySet<string>): string | undefined {
  for (let slash = path.indexOf("/"); slash !== -1; slash = path.indexOf("/", slash + 1)) {
    const folder = path.slice(0, slash);
    if (folders.has(folder)) return folder;
  }
  return undefined;
}

export function planWrites(specs: readonly Verified[], checkout: Checkout): WritePlan {
  // One pass over the checkout, not one per spec: a fleet's checkout is large.
  const byFolder = new Map<string, Map<string, string>>(specs.map((s) => [s.folder, new Map()]));
  const owned = new Set(byFolder.keys());
  for (const [path, content] of checkout) {
    const folder = ownerFolder(path, owned);
    if (folder !== undefined) byFolder.get(folder)?.set(path.slice(folder.length + 1), content);
  }
  const folders = specs.map((s) => planFolder(s, byFolder.get(s.folder) ?? new Map()));
  const writes = new Map<string, string>();
  for (const f of folders)
    for (const path of [...f.added, ...f.changed]) writes.set(path, f.after.get(path.slice(f.folder.length + 1)) ?? "");
  return { folders, writes, deletes: folders.flatMap((f) => f.removed) } as Omit<WritePlan, typeof PLANNED> as WritePlan;
}

/** Every file a spec's folder must hold, relative to the folder: the render and its ownership record. */
export function ownedFiles(spec: SpecFiles): Map<string, string> {
  const files = new Map(spec.files.map((f) => [f.path, f.content]));
  files.set(OWNERSHIP_FILE, ownershipContent({ spec: spec.spec, source: spec.source, files: [...files.keys()] }));
  return files;
}

/** `before`: the folder's files in the checkout, relative to the folder. */
function planFolder(spec: SpecFiles, before: ReadonlyMap<string, string>): FolderPlan {
  const prefix = `${spec.folder}/`;
  const rendered = ownedFiles(spec);
  const previouslyOwned = parseOwnership(before.get(OWNERSHIP_FILE)).files;
  const parsed = new Map(spec.files.flatMap((f) => (f.documents === undefined ? [] : [[f.path, f.documents] as const])));
  const adoption = adoptionOf(before, parsed);
  const removed = [...previouslyOwned.filter((path) => !rendered.has(path) && before.has(path)), ...(adoption?.removed ?? [])];
  const after = new Map(before);
  for (const path of removed) after.delete(path);
  for (const [path, content] of adoption?.rewritten ?? []) after.set(path, content);
  for (const [path, content] of rendered) after.set(path, content);
  const added = [...rendered.keys()].filter((path) => !before.has(path));
  const changed = [
    ...[...rendered].filter(([path, content]) => before.has(path) && before.get(path) !== content).map(([path]) => path),
    ...(adoption?.rewritten.keys() ?? []),
  ];
  const repo = (paths: readonly string[]) => paths.map((p) => `${prefix}${p}`).sort();
  return {
    spec: spec.spec,
    folder: spec.folder,
    added: repo(added),
    changed: repo(changed),
    removed: repo(removed),
    before,
    after,
    rendered: parsed,
    warnings: spec.warnings ?? [],
    ...(adoption === undefined ? {} : { adoption }),
  };
}
