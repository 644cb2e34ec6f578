// The checkout a run plans against, read from a folder on disk (`render --out`, `plan --gitops`):
// each spec's folder, refused when a link or a file is in the way or another spec owns or nests
// with it. The folders are read before the render, from the specs alone, so that each spec can
// be planned as soon as it is rendered; only the files in the way of the render wait for it.
import type { SpecFiles } from "../render/render-specs.ts";
import type { ValidSpec } from "../validate/validate.ts";
import type { Checkout } from "./write-plan.ts";
import { claimConflicts, type Claim } from "./claims.ts";
import { boundedMap } from "./bounded-map.ts";
import { blockerRefusal, readFolder } from "./checkout.ts";
import { pathsInTheWay } from "./in-the-way.ts";

const FOLDERS_AT_ONCE = 4;

export interface FolderReads {
  /** Each spec's folder → its files (repository paths); none for a folder that could not be read. */
  readonly folders: ReadonlyMap<string, Checkout>;
  /** What stands where a folder must be (a link, a file), in the specs' order. */
  readonly blockers: readonly string[];
  /** Folders whose records name another spec, or that nest with another spec's folder. */
  readonly claims: readonly string[];
}

/** The claim a spec makes on its folder, as its render will record it (render-specs.ts). */
export function claimOf(v: ValidSpec): Claim {
  return { folder: v.spec.gitops.path, spec: v.spec.metadata.name, source: v.name };
}

export async function readFolders(root: string, claims: readonly Claim[]): Promise<FolderReads> {
  const folders = new Map<string, Checkout>();
  const records = new Map<string, string>();
  const blockers: string[] = [];
  // Folders are read a few at a time, each its files a few at a time (checkout.ts).
  const reads = await boundedMap(claims, FOLDERS_AT_ONCE, (claim) => readFolder(root, claim.folder));
  for (const [i, claim] of claims.entries()) {
    const read = reads[i];
    if (read === undefined) continue;
    if (!read.ok) {
      blockers.push(blockerRefusal(read.blocker, claim.folder));
      continue;
    }
    folders.set(claim.folder, read.files);
    for (const [path, content] of [...read.files, ...read.records]) records.set(path, content);
  }
  return { folders, blockers, claims: claimConflicts(claims, records) };
}

/** The files of the folder in the way of a spec's render. Folders never nest, so only the spec's own folder can hold them. */
export function inTheWay(reads: FolderReads, spec: SpecFiles): string[] {
  return pathsInTheWay([spec], reads.folders.get(spec.folder)?.keys() ?? []);
}

/** Every reason the run may not write the checkout, in the order a reader fixes them: blockers, files in the way of the renders, claims. */
export function checkoutRefusals(reads: FolderReads, inTheWayOfRenders: readonly string[]): string[] {
  return [...reads.blockers, ...inTheWayOfRenders, ...reads.claims];
}

/** The whole checkout, for a plan of every spec at once. */
export function wholeCheckout(reads: FolderReads): Checkout {
  return new Map([...reads.folders.values()].flatMap((files) => [...files]));
}
