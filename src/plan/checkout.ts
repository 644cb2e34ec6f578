// The file-system door of planning: reads the files under a folder of a GitOps checkout into
// memory. Links are not followed, so a checkout cannot lead the reader outside itself.
import { lstat, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/** Every regular file under `root/folder`, keyed by its path relative to `root`; empty if the folder does not exist. */
export async function readFolder(root: string, folder = ""): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  async function walk(relative: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(join(root, relative), { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "ENOTDIR") return;
      throw error;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory() && entry.name !== ".git") await walk(path);
      else if (entry.isFile() && (await lstat(join(root, path))).isFile()) files.set(path, await readFile(join(root, path), "utf8"));
    }
  }
  await walk(folder);
  return files;
}
