// The plan of a run: which files change, how exposure changes and what a reviewer must not
// miss, for every spec's folder. Pure; `plan --json` prints `contractPlan(report)`, written piece by piece (plan-json.ts).
import { createHash } from "node:crypto";
import type { Adoption } from "../plan/adoption.ts";
import type { WritePlan } from "../plan/write-plan.ts";
import { extractTopology } from "../topology/extract.ts";
import {
  contractPath,
  exposureLabel,
  type ContractPath,
  type Exposure,
  type Finding,
  type ManifestFile,
  type RouteKind,
  type TopologyReading,
} from "../topology/types.ts";
import { diffFindings, diffTopology, type TopologyDiff } from "./topology-diff.ts";
import { driftFindings } from "./drift.ts";
import { adoptionInstallFindings } from "./installs.ts";
import { overwrittenFindings } from "./overwritten.ts";
import { compareText } from "../compare-text.ts";
import { SEVERITY_RANK } from "../problems.ts";
import { unifiedPatch, type UnifiedPatch } from "./unified-patch.ts";

export interface FileDiff {
  /** Repository-relative. */
  readonly path: string;
  readonly status: "added" | "changed" | "removed";
  readonly patch: string;
  readonly additions: number;
  readonly deletions: number;
}

export interface FolderReport {
  readonly spec: string;
  readonly folder: string;
  readonly before: readonly Exposure[];
  readonly after: readonly Exposure[];
  readonly topology: TopologyDiff;
  readonly findings: readonly Finding[];
  readonly files: readonly FileDiff[];
  /** The first run into a folder of hand-written manifests: what it keeps and takes over. */
  readonly adoption?: AdoptionReport;
}

export interface AdoptionReport extends Adoption {
  /** Paths exactly as they were. */
  readonly kept: number;
  /** Paths added, removed or changed. */
  readonly changed: number;
  /** Each path that is not kept, and the file it is (or was) read from: rendered, or hand-written and left as it is. */
  readonly differences: readonly PathDifference[];
}

export interface PathDifference {
  readonly path: string;
  readonly change: "added" | "removed" | "changed";
  readonly file: string;
  readonly handWritten: boolean;
}

export interface PlanReport {
  readonly folders: readonly FolderReport[];
  /** Identifies what the run would write: equal digests, nothing to do. */
  readonly digest: string;
}

/**
 * A changed entry of the plan: the contract's before and after, and, only when another kind of
 * object routes the path (an Ingress replaced by an HTTPRoute), those kinds (an optional addition).
 */
export interface ChangedPath {
  readonly before: ContractPath;
  readonly after: ContractPath;
  readonly route?: { readonly before: RouteKind; readonly after: RouteKind };
}

function changedPath(c: { readonly before: Exposure; readonly after: Exposure }): ChangedPath {
  const paths = { before: contractPath(c.before), after: contractPath(c.after) };
  return c.before.routeKind === c.after.routeKind ? paths : { ...paths, route: { before: c.before.routeKind, after: c.after.routeKind } };
}

/** The `plan --json` object of the contract. */
export interface Plan {
  readonly files: { readonly added: readonly string[]; readonly changed: readonly string[]; readonly removed: readonly string[] };
  readonly topology: {
    readonly added: readonly ContractPath[];
    readonly removed: readonly ContractPath[];
    readonly changed: readonly ChangedPath[];
  };
  readonly findings: readonly Finding[];
  /** Every file's unified diff: what a PR body too large for GitHub leaves out points here. */
  readonly diffs: readonly { readonly path: string; readonly status: FileDiff["status"]; readonly patch: string }[];
}

export function buildPlan(write: WritePlan): PlanReport {
  return { folders: folderReports(write), digest: planDigest(write.writes, write.deletes) };
}

/** The report of each folder of a plan; a run planned spec by spec joins them with the digest of all its writes (planDigest). */
export function folderReports(write: WritePlan): FolderReport[] {
  return write.folders.map((folder): FolderReport => {
    const yaml = (files: ReadonlyMap<string, string>, parsed: ReadonlyMap<string, readonly unknown[]>): ManifestFile[] =>
      [...files]
        .filter(([path]) => /\.ya?ml$/.test(path))
        .map(([path, content]) => {
          const documents = parsed.get(path);
          return documents === undefined ? { file: path, content } : { file: path, content, documents };
        });
    // What was rendered is read from its objects; a file from the checkout equal to one is the same objects.
    const sameAsRendered = new Map([...folder.rendered].filter(([path]) => folder.before.get(path) === folder.after.get(path)));
    const before = extractTopology(yaml(folder.before, sameAsRendered));
    const after = extractTopology(yaml(folder.after, folder.rendered));
    const topology = diffTopology(before.exposures, after.exposures);
    const inFolder = (file: string) => `${folder.folder}/${file}`;
    // A spec's own warnings name the spec file and the field's position rather than a file of the folder.
    const specFindings = folder.warnings.map((p): Finding => ({
      severity: p.severity,
      message: p.message,
      path: `${p.file}:${p.line}:${p.col}`,
    }));
    const findings = [
      ...[
        ...diffFindings(before, after, topology),
        ...after.findings,
        ...overwrittenFindings(folder),
        ...(folder.adoption === undefined ? [] : adoptionInstallFindings(before, after)),
      ].map((f) => ({
        ...f,
        path: inFolder(f.path),
      })),
      ...specFindings,
    ].sort(byRisk);
    const local = (repoPath: string) => repoPath.slice(folder.folder.length + 1);
    const files: FileDiff[] = [
      ...folder.added.map((p) => new LazyFileDiff(p, "added", undefined, folder.after.get(local(p)))),
      ...folder.changed.map((p) => new LazyFileDiff(p, "changed", folder.before.get(local(p)), folder.after.get(local(p)))),
      ...folder.removed.map((p) => new LazyFileDiff(p, "removed", folder.before.get(local(p)), undefined)),
    ].sort((a, b) => compareText(a.path, b.path));
    const changedPaths = topology.added.length + topology.removed.length + topology.changed.length;
    const adoption =
      folder.adoption === undefined
        ? {}
        : {
            adoption: {
              ...folder.adoption,
              kept: before.exposures.length - topology.removed.length - topology.changed.length,
              changed: changedPaths,
              differences: differencesOf(topology, before.origins, after.origins, (file) => !folder.rendered.has(file)),
            },
          };
    return {
      spec: folder.spec,
      folder: folder.folder,
      before: before.exposures,
      after: after.exposures,
      topology,
      findings,
      files,
      ...adoption,
    };
  });
}

function differencesOf(
  topology: TopologyDiff,
  before: ReadonlyMap<Exposure, string>,
  after: ReadonlyMap<Exposure, string>,
  handWritten: (file: string) => boolean,
): PathDifference[] {
  const of = (e: Exposure, change: PathDifference["change"], origins: ReadonlyMap<Exposure, string>): PathDifference => {
    const file = origins.get(e) ?? "";
    return { path: exposureLabel(e), change, file, handWritten: handWritten(file) };
  };
  return [
    ...topology.added.map((e) => of(e, "added", after)),
    ...topology.removed.map((e) => of(e, "removed", before)),
    ...topology.changed.map((c) => of(c.after, "changed", after)),
  ];
}

const byRisk = (a: Finding, b: Finding) =>
  SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || compareText(a.path, b.path) || compareText(a.message, b.message);

/** The report with the drift between a cluster dump and the one folder's exposure after the run among its findings. */
export function withDrift(report: PlanReport, live: TopologyReading): PlanReport {
  return {
    ...report,
    folders: report.folders.map((f) => ({ ...f, findings: [...f.findings, ...driftFindings(live, f.after, f.folder)].sort(byRisk) })),
  };
}

export function contractPlan(report: PlanReport): Plan {
  const { files, topology, findings } = contractLists(report);
  const all = <T>(list: ContractList<T>) => [...list()];
  return {
    files: { added: all(files.added), changed: all(files.changed), removed: all(files.removed) },
    topology: { added: all(topology.added), removed: all(topology.removed), changed: all(topology.changed) },
    findings: all(findings),
    diffs: [...contractDiffs(report)],
  };
}

/** A list of the plan object, made folder by folder as it is read. */
export type ContractList<T> = () => Generator<T>;

/**
 * The lists of the plan object but its diffs, in its order, each made as it is read: a fleet's
 * paths and findings are tens of megabytes of text, which `planJson` writes entry by entry.
 */
export function contractLists(report: PlanReport): {
  readonly files: { readonly [K in keyof Plan["files"]]: ContractList<string> };
  readonly topology: { readonly [K in keyof Plan["topology"]]: ContractList<Plan["topology"][K][number]> };
  readonly findings: ContractList<Finding>;
} {
  const all = <T>(pick: (f: FolderReport) => readonly T[]): ContractList<T> =>
    function* () {
      for (const folder of report.folders) yield* pick(folder);
    };
  const byStatus = (status: FileDiff["status"]) => all((f) => f.files.filter((d) => d.status === status).map((d) => d.path));
  return {
    files: { added: byStatus("added"), changed: byStatus("changed"), removed: byStatus("removed") },
    topology: {
      added: all((f) => f.topology.added.map(contractPath)),
      removed: all((f) => f.topology.removed.map(contractPath)),
      changed: all((f) => f.topology.changed.map(changedPath)),
    },
    findings: all((f) => f.findings.map(({ severity, message, path }) => ({ severity, message, path }))),
  };
}

/** Each file's diff of the plan, made as it is asked for. */
export function* contractDiffs(report: PlanReport): Generator<Plan["diffs"][number]> {
  for (const folder of report.folders) for (const { path, status, patch } of folder.files) yield { path, status, patch };
}

/**
 * The patch and its counts are computed when read: the PR body shows only the files its budget
 * holds, so a large run's other patches are never built. The counts are kept; the patch is not,
 * since a fleet's patches are the size of its files and `plan --json` writes each one once. A
 * class, so that a fleet's tens of thousands of files share their getters rather than each
 * holding five closures of its own.
 */
class LazyFileDiff implements FileDiff {
  #counts: Omit<UnifiedPatch, "patch"> | undefined;

  constructor(
    readonly path: string,
    readonly status: FileDiff["status"],
    private readonly before: string | undefined,
    private readonly after: string | undefined,
  ) {}

  get patch(): string {
    return this.#make().patch;
  }

  get additions(): number {
    return (this.#counts ?? this.#make()).additions;
  }

  get deletions(): number {
    return (this.#counts ?? this.#make()).deletions;
  }

  // Every making of the patch keeps its counts: a file block reads the patch, then the counts.
  #make(): UnifiedPatch {
    const made = unifiedPatch(this.path, this.before, this.after);
    this.#counts ??= { additions: made.additions, deletions: made.deletions };
    return made;
  }
}

/**
 * What a run writes and deletes, one digest over every folder in path order. A run planned spec
 * by spec hands in all its folders' writes: digests of single folders cannot be chained into
 * these bytes, since the specs' order is not the paths' (`a-b/` sorts before `a/`).
 */
export function planDigest(writes: ReadonlyMap<string, string>, deletes: readonly string[]): string {
  const hash = createHash("sha256");
  // The content hashed as it is rather than copied into one string with its path: the same bytes.
  for (const [path, content] of [...writes].sort(([a], [b]) => compareText(a, b)))
    hash.update(`write ${path}\0`).update(content).update("\0");
  for (const path of [...deletes].sort()) hash.update(`delete ${path}\0`);
  return hash.digest("hex");
}
