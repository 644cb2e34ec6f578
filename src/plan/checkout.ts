// The file-system door of planning: reads the files under a folder of a GitOps checkout into
// memory, and writes a plan back. No symbolic link is ever followed, on the way to the folder or
// inside it: a link is refused by name, so a checkout cannot lead a read or a write outside itself.
import { constants } from "node:fs";
import { lstat, mkdir, open, readdir, rm, rmdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { boundedMap } from "./bounded-map.ts";
import { OWNERSHIP_FILE } from "./ownership.ts";
import { ownerFolder, type WritePlan } from "./write-plan.ts";
import { compareText } from "../compare-text.ts";
import { oneLine } from "../one-line.ts";

/** Files of one folder read at the same time. */
const READS_AT_ONCE = 16;

export type FolderRead =
  /** `files`: every regular file under the folder, keyed by its path relative to the root; empty if the folder does not exist. `records`: the ownership records of the folders around it. */
  | { readonly ok: true; readonly files: Map<string, string>; readonly records: Map<string, string> }
  /** `blocker.path`: relative to the root. */
  | { readonly ok: false; readonly blocker: Blocker };

/** What stands where the folder must be: a symbolic link (at it, on the way or inside), or something other than a folder at it or on the way (`path` "": the root itself). */
export interface Blocker {
  readonly kind: "link" | "not a folder";
  readonly path: string;
}

/** One line whatever the link is named: the name comes from the repository, where anyone may have made it. */
export function linkRefusal(link: string, folder: string): string {
  return oneLine(
    `${link} is a symbolic link${link === folder ? "" : ` ${folder.startsWith(`${link}/`) ? "on the way to" : "inside"} the folder ${folder}`}; ingress-gitops never follows links, so that nothing outside the folder is read or written. Replace it with a real folder or file.`,
  );
}

export function blockerRefusal(blocker: Blocker, folder: string): string {
  if (blocker.kind === "link") return linkRefusal(blocker.path, folder);
  if (blocker.path === "") return `the folder that should hold ${folder} is a file, not a folder; name a folder.`;
  return `${blocker.path} is a file, not a folder${blocker.path === folder ? "" : `, on the way to the folder ${folder}`}; the folder's files could not be written there. Move it away, or choose another gitops.path.`;
}

export async function readFolder(root: string, folder = ""): Promise<FolderRead> {
  const records = new Map<string, string>();
  const segments = folder === "" ? [] : folder.split("/");
  const rootKind = segments.length === 0 ? "folder" : await kindOf(root);
  if (rootKind === "file" || rootKind === "other") return { ok: false, blocker: { kind: "not a folder", path: "" } };
  for (let i = 1; i <= segments.length; i++) {
    const at = segments.slice(0, i).join("/");
    const kind = await kindOf(join(root, at));
    if (kind === "link") return { ok: false, blocker: { kind, path: at } };
    // Writing would fail there, after other specs' folders were written.
    if (kind === "file" || kind === "other") return { ok: false, blocker: { kind: "not a folder", path: at } };
    if (kind !== "folder") return { ok: true, files: new Map(), records };
    if (i < segments.length && (await kindOf(join(root, at, OWNERSHIP_FILE))) === "file")
      records.set(`${at}/${OWNERSHIP_FILE}`, await readNoFollow(join(root, at, OWNERSHIP_FILE)));
  }
  const paths: string[] = [];
  if (segments.length === 0 && (await kindOf(root)) !== "folder") return { ok: true, files: new Map(), records };
  async function walk(relative: string): Promise<string | undefined> {
    const entries = await readdir(join(root, relative), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => compareText(a.name, b.name))) {
      const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isSymbolicLink()) return path;
      if (entry.isDirectory() && entry.name !== ".git") {
        const link = await walk(path);
        if (link !== undefined) return link;
      } else if (entry.isFile()) paths.push(path);
    }
    return undefined;
  }
  const link = await walk(folder);
  if (link !== undefined) return { ok: false, blocker: { kind: "link", path: link } };
  const contents = await boundedMap(paths, READS_AT_ONCE, (path) => readNoFollow(join(root, path)));
  return { ok: true, files: new Map(paths.map((path, i) => [path, contents[i] ?? ""])), records };
}

/** Applies a plan's writes and deletes (paths relative to `root`) that readFolder has just cleared of links; a link that appears meanwhile fails the write instead of being followed. */
export async function writeFolder(root: string, { folders, writes, deletes }: WritePlan): Promise<void> {
  const owned = new Set(folders.map((f) => f.folder));
  for (const path of deletes) {
    await rm(join(root, path), { force: true });
    await removeEmptied(root, dirname(path), ownerFolder(path, owned));
  }
  for (const [path, content] of writes) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    const file = await open(join(root, path), constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW);
    try {
      await file.writeFile(content);
    } finally {
      await file.close();
    }
  }
}

/** Git keeps no empty folder, so the folders a removal emptied go too, up to the spec's folder: DIR then reads as a checkout of the commit delivery makes. */
async function removeEmptied(root: string, from: string, folder: string | undefined): Promise<void> {
  for (let at = from; folder !== undefined && at.startsWith(`${folder}/`); at = dirname(at)) {
    if ((await readdir(join(root, at))).length > 0) return;
    await rmdir(join(root, at));
  }
}

async function kindOf(path: string): Promise<"missing" | "link" | "folder" | "file" | "other"> {
  try {
    const info = await lstat(path);
    return info.isSymbolicLink() ? "link" : info.isDirectory() ? "folder" : info.isFile() ? "file" : "other";
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    throw error;
  }
}

/** O_NOFOLLOW: a file swapped for a link after the listing is refused by the kernel, not read. */
async function readNoFollow(path: string): Promise<string> {
  const file = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    return await file.readFile("utf8");
  } finally {
    await file.close();
  }
}
