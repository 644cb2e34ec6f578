// Planning against a base commit known only by its tree listing: a file whose rendered content
// has the base's blob id needs no fetching, so the base content of the rest is read in one go,
// and not at all when nothing differs. Shared by the GitHub and the local backend.
import { buildPlan, type PlanReport } from "../diff/plan.ts";
import { linkRefusal } from "../plan/checkout.ts";
import { claimConflicts, recordPathsFor } from "../plan/claims.ts";
import { pathsInTheWay } from "../plan/in-the-way.ts";
import { ownedFiles, ownerFolder, planWrites, type WritePlan } from "../plan/write-plan.ts";
import type { Verified } from "../verify/verified.ts";
import { applyChanges, blobSha, type TreeEntry } from "./git-objects.ts";

export interface BaseState {
  /** Blob entries of the base commit, at least those under the specs' folders and the folders around them. */
  readonly entries: readonly TreeEntry[];
  /** Contents at the base commit of the given repository paths. */
  read(paths: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

export type Prepared =
  | {
      readonly ok: true;
      readonly write: WritePlan;
      readonly report: PlanReport;
      /** Whether the branch must hold anything the base does not. */
      readonly changed: boolean;
      /** Blob entries of the tree the branch must hold. */
      readonly entries: readonly TreeEntry[];
    }
  /** Why nothing may be written: a link or a file in the way of a folder, or a folder another spec owns. */
  | { readonly ok: false; readonly refusals: readonly string[] };

/** Git's mode for a symbolic link: the blob holds the target, which a checkout would follow. */
const LINK_MODE = "120000";

export async function prepare(specs: readonly Verified[], base: BaseState): Promise<Prepared> {
  const links = linksInTheWay(specs, base.entries);
  if (links.length > 0) return { ok: false, refusals: links };
  const inTheWay = pathsInTheWay(
    specs,
    base.entries.filter((e) => e.type === "blob").map((e) => e.path),
  );
  if (inTheWay.length > 0) return { ok: false, refusals: inTheWay };
  const rendered = new Map<string, string>();
  for (const spec of specs) for (const [path, content] of ownedFiles(spec)) rendered.set(`${spec.folder}/${path}`, content);
  const folders = new Set(specs.map((s) => s.folder));
  const inFolders = base.entries.filter((e) => e.type === "blob" && ownerFolder(e.path, folders) !== undefined);
  const known = new Map<string, string>();
  const unknown: string[] = [];
  for (const entry of inFolders) {
    const content = rendered.get(entry.path);
    if (content !== undefined && blobSha(content) === entry.sha) known.set(entry.path, content);
    else unknown.push(entry.path);
  }
  // The records of the folders around each spec's folder name who owns them; those inside are read above.
  const around = specs
    .flatMap((s) =>
      recordPathsFor(
        s.folder,
        base.entries.map((e) => e.path),
      ),
    )
    .filter((p) => !known.has(p) && !unknown.includes(p));
  const wanted = [...unknown, ...around];
  // Only files whose base content differs from the render are read; none when nothing differs.
  const fetched = wanted.length === 0 ? new Map<string, string>() : await base.read(wanted);
  const conflicts = claimConflicts(specs, new Map([...known, ...fetched]));
  if (conflicts.length > 0) return { ok: false, refusals: conflicts };
  const checkout = new Map([...known, ...fetched].filter(([path]) => !around.includes(path)));
  const write = planWrites(specs, checkout);
  return {
    ok: true,
    write,
    report: buildPlan(write),
    changed: write.writes.size > 0 || write.deletes.length > 0,
    entries: applyChanges(base.entries, write.writes, write.deletes),
  };
}

/** A link at a spec's folder, on the way to it or inside it: Argo CD and every checkout would follow it out of the folder. */
function linksInTheWay(specs: readonly Verified[], entries: readonly TreeEntry[]): string[] {
  return specs.flatMap((s) =>
    entries
      .filter(
        (e) => e.mode === LINK_MODE && (e.path === s.folder || s.folder.startsWith(`${e.path}/`) || e.path.startsWith(`${s.folder}/`)),
      )
      .map((e) => linkRefusal(e.path, s.folder)),
  );
}
