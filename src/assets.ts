import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// The same code runs from src/ (under tsx) and bundled from dist/: the two sit at different
// depths, so find the package root by walking up to the folder that holds package.json.
function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "schema"))) return dir;
    if (dirname(dir) === dir) throw new Error(`ingress-gitops: cannot find its package root above ${start}`);
  }
}

let root: string | undefined;

/** Absolute path of a file shipped with ingress-gitops (schemas, templates, examples). */
export function assetPath(...segments: string[]): string {
  root ??= findPackageRoot(dirname(fileURLToPath(import.meta.url)));
  return join(root, ...segments);
}
