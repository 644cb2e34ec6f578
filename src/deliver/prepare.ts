// Planning against a base commit known only by its tree listing: a file whose rendered content
// has the base's blob id needs no fetching, so the base content of the rest is read in one go,
// and not at all when nothing differs. Shared by the GitHub and the local backend.
import { buildPlan, type PlanReport } from "../diff/plan.ts";
import { ownedFiles, ownerFolder, planWrites, type SpecFiles, type WritePlan } from "../plan/write-plan.ts";
import { applyChanges, blobSha, type TreeEntry } from "./git-objects.ts";

export interface BaseState {
  /** Blob entries of the base commit, at least those under the specs' folders. */
  readonly entries: readonly TreeEntry[];
  /** Contents at the base commit of the given repository paths. */
  read(paths: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

export interface Prepared {
  readonly write: WritePlan;
  readonly report: PlanReport;
  /** Whether the branch must hold anything the base does not. */
  readonly changed: boolean;
  /** Blob entries of the tree the branch must hold. */
  readonly entries: readonly TreeEntry[];
}

export async function prepare(specs: readonly SpecFiles[], base: BaseState): Promise<Prepared> {
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
  // Only files whose base content differs from the render are read; none when nothing differs.
  const fetched = unknown.length === 0 ? new Map<string, string>() : await base.read(unknown);
  const checkout = new Map([...known, ...fetched]);
  const write = planWrites(specs, checkout);
  return { write, report: buildPlan(write), changed: write.writes.size > 0 || write.deletes.length > 0, entries: applyChanges(base.entries, write.writes, write.deletes) };
}
