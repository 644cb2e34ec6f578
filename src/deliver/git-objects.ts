// Git object ids computed locally, so delivery can tell what differs without asking GitHub for
// file contents: the blob id of rendered content, and the root tree id after a change.
import { createHash } from "node:crypto";

export interface TreeEntry {
  /** Repository-relative. */
  readonly path: string;
  /** Git's file modes as the API writes them: 100644, 100755, 120000, 160000 (040000 for trees). */
  readonly mode: string;
  readonly type: "blob" | "tree" | "commit";
  readonly sha: string;
}

function objectId(type: string, body: Buffer): string {
  return createHash("sha1").update(`${type} ${body.length}\0`).update(body).digest("hex");
}

export function blobSha(content: string): string {
  return objectId("blob", Buffer.from(content, "utf8"));
}

/** The entries after writing `writes` and deleting `deletes` (which lie in folders listed entry by entry). */
export function applyChanges(base: readonly TreeEntry[], writes: ReadonlyMap<string, string>, deletes: readonly string[]): TreeEntry[] {
  const gone = new Set([...deletes, ...writes.keys()]);
  return [
    ...base.filter((e) => !gone.has(e.path)),
    ...[...writes].map(([path, content]): TreeEntry => ({ path, mode: "100644", type: "blob", sha: blobSha(content) })),
  ];
}

/** The entries with others' changes applied (`entry` undefined: deleted), except at `keep`'s paths, which are this run's own. */
export function applyPatch(
  entries: readonly TreeEntry[],
  patch: readonly { readonly path: string; readonly entry: TreeEntry | undefined }[],
  keep: ReadonlySet<string>,
): TreeEntry[] {
  const changes = patch.filter((p) => !keep.has(p.path));
  const gone = new Set(changes.map((p) => p.path));
  return [...entries.filter((e) => !gone.has(e.path)), ...changes.flatMap((p) => (p.entry === undefined ? [] : [p.entry]))];
}

interface Folder {
  readonly files: Map<string, TreeEntry>;
  readonly folders: Map<string, Folder>;
  /** A folder known only by its id (a tree entry of a listing that did not descend into it). */
  sha?: string;
}

/**
 * The root tree id of a set of entries, as git would write it: blob and submodule entries, and
 * tree entries for folders not listed entry by entry (their id is taken as it is), so a change
 * deep in one folder needs no listing of the others.
 */
export function treeSha(entries: readonly TreeEntry[]): string {
  const root: Folder = { files: new Map(), folders: new Map() };
  for (const entry of entries) {
    const parts = entry.path.split("/");
    const name = parts.pop() ?? "";
    let folder = root;
    for (const part of [...parts, ...(entry.type === "tree" ? [name] : [])]) {
      let next = folder.folders.get(part);
      if (next === undefined) {
        next = { files: new Map(), folders: new Map() };
        folder.folders.set(part, next);
      }
      folder = next;
    }
    if (entry.type === "tree") folder.sha = entry.sha;
    else folder.files.set(name, entry);
  }
  return writeTree(root);
}

function writeTree(folder: Folder): string {
  if (folder.sha !== undefined && folder.files.size === 0 && folder.folders.size === 0) return folder.sha;
  const items = [
    ...[...folder.files].map(([name, e]) => ({ name, sortKey: name, mode: e.mode.replace(/^0+/, ""), sha: e.sha })),
    ...[...folder.folders].map(([name, sub]) => ({ name, sortKey: `${name}/`, mode: "40000", sha: writeTree(sub) })),
  ];
  // Git orders entries by name, comparing a folder's name as if it ended in "/", byte by byte.
  items.sort((a, b) => Buffer.compare(Buffer.from(a.sortKey), Buffer.from(b.sortKey)));
  const body = Buffer.concat(items.map((i) => Buffer.concat([Buffer.from(`${i.mode} ${i.name}\0`), Buffer.from(i.sha, "hex")])));
  return objectId("tree", body);
}
