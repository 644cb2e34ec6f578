// Which files in a spec's folder ingress-gitops owns, recorded in the folder itself, so that a
// file it no longer renders can be removed and a file a person added beside them never is.
export const OWNERSHIP_FILE = ".ingress-gitops.json";

export interface Ownership {
  readonly spec: string;
  /** Relative to the spec's folder, sorted; the ownership file itself is not listed. */
  readonly files: readonly string[];
}

export function ownershipContent(ownership: Ownership): string {
  return `${JSON.stringify({ generator: "ingress-gitops", spec: ownership.spec, files: [...ownership.files].sort() }, null, 2)}\n`;
}

/** The files an earlier run recorded; none when there is no record or it is not ours. */
export function parseOwnership(content: string | undefined): readonly string[] {
  if (content === undefined) return [];
  try {
    const parsed = JSON.parse(content) as { generator?: unknown; files?: unknown };
    if (parsed.generator !== "ingress-gitops" || !Array.isArray(parsed.files)) return [];
    return parsed.files.filter((f): f is string => typeof f === "string" && isInside(f));
  } catch {
    return [];
  }
}

/** A recorded path is trusted only if it stays inside the folder: the record is just a file anyone can edit. */
function isInside(path: string): boolean {
  return path !== "" && !path.startsWith("/") && !path.includes("\\") && !path.split("/").some((s) => s === ".." || s === "." || s === "");
}
