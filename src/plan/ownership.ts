// Which files in a spec's folder ingress-gitops owns, and for which spec, recorded in the folder
// itself: a file it no longer renders can be removed, a file a person added beside them never
// is, and a run of another spec cannot take the folder over.

export const OWNERSHIP_FILE = ".ingress-gitops.json";

/** The spec a folder belongs to: its metadata.name, and the spec file it was rendered from. */
export interface Owner {
  readonly spec: string;
  readonly source: string;
}

export interface Ownership extends Owner {
  /** Relative to the spec's folder, sorted; the ownership file itself is not listed. */
  readonly files: readonly string[];
}

export function ownershipContent(ownership: Ownership): string {
  return `${JSON.stringify({ generator: "ingress-gitops", spec: ownership.spec, source: ownership.source, files: [...ownership.files].sort() }, null, 2)}\n`;
}

/** What an earlier run recorded: no owner and no files when there is no record or it is not ours. */
export function parseOwnership(content: string | undefined): { readonly owner?: Owner; readonly files: readonly string[] } {
  if (content === undefined) return { files: [] };
  try {
    const parsed = JSON.parse(content) as { generator?: unknown; spec?: unknown; source?: unknown; files?: unknown };
    if (parsed.generator !== "ingress-gitops" || !Array.isArray(parsed.files)) return { files: [] };
    const files = parsed.files.filter((f): f is string => typeof f === "string" && isInside(f));
    // Records written before the source was recorded name only the spec.
    if (typeof parsed.spec !== "string") return { files };
    return { owner: { spec: parsed.spec, source: typeof parsed.source === "string" ? parsed.source : "an earlier version" }, files };
  } catch {
    return { files: [] };
  }
}

/** A recorded path is trusted only if it stays inside the folder: the record is just a file anyone can edit. */
function isInside(path: string): boolean {
  return path !== "" && !path.startsWith("/") && !path.includes("\\") && !path.split("/").some((s) => s === ".." || s === "." || s === "");
}
