// A folder belongs to the spec its ownership record names. Two specs of one run cannot share or
// nest folders (validation refuses it); this is the same rule across runs, checked against the
// records already in the repository, so matrix runs cannot delete each other's files.
import { oneLine } from "../one-line.ts";
import { foldersOverlap } from "../validate/gitops-path.ts";
import { OWNERSHIP_FILE, parseOwnership, type Owner } from "./ownership.ts";

export interface Claim extends Owner {
  readonly folder: string;
}

/** The repository paths whose record could conflict with a claim: its own, those inside it, and those of the folders around it. */
export function recordPathsFor(folder: string, paths: Iterable<string>): string[] {
  const wanted: string[] = [];
  for (const path of paths) if (isRecord(path) && foldersOverlap(recordFolder(path), folder)) wanted.push(path);
  return wanted;
}

/**
 * Why each claim may not write its folder, naming both specs; empty when every claim is free. `records`: repository path → content.
 * A record is a file anyone can edit, so each reason is kept to one line whatever its owner holds.
 */
export function claimConflicts(claims: readonly Claim[], records: ReadonlyMap<string, string>): string[] {
  const conflicts: string[] = [];
  for (const claim of claims) {
    for (const [path, content] of records) {
      if (!isRecord(path)) continue;
      const folder = recordFolder(path);
      const owner = parseOwnership(content).owner;
      if (owner === undefined || !foldersOverlap(folder, claim.folder)) continue;
      if (folder === claim.folder && owner.spec === claim.spec) continue;
      const how =
        folder === claim.folder ? "is owned by" : folder.startsWith(`${claim.folder}/`) ? "holds the folder" : "lies inside the folder";
      const other = folder === claim.folder ? "" : ` '${folder}', owned by`;
      conflicts.push(
        oneLine(
          `'${claim.folder}' (gitops.path of spec '${claim.spec}' from ${claim.source}) ${how}${other} spec '${owner.spec}' from ${owner.source} (${path}); refusing to write there, so neither deletes the other's files. Give each spec its own folder, or remove the record if that spec is gone.`,
        ),
      );
    }
  }
  return conflicts;
}

function isRecord(path: string): boolean {
  return path.endsWith(`/${OWNERSHIP_FILE}`);
}

function recordFolder(path: string): string {
  return path.slice(0, Math.max(0, path.length - OWNERSHIP_FILE.length - 1));
}
