// One spec file's road from bytes to a validated spec: decode → parse → schema → semantics.
// Pure: the caller reads the file; nothing here touches the disk.
import { CHECKS } from "./checks/index.ts";
import { normalizeGitopsPath, quotePath } from "./gitops-path.ts";
import { hasErrors, problem, sortProblems, type Problem } from "./problems.ts";
import { checkSchema } from "./schema.ts";
import { decodeSpecBytes } from "./source.ts";
import { specName } from "./spec-name.ts";
import type { IngressSpec } from "./types.ts";
import { parseSpecText, type SourceDocument } from "./yaml-source.ts";

export interface ValidSpec {
  readonly file: string;
  /** How generated files name the spec: its path in its repository, however `file` was typed. */
  readonly name: string;
  /** The spec with defaults applied and gitops.path normalized. */
  readonly spec: IngressSpec;
  readonly source: SourceDocument;
}

export interface Validation {
  /** Present when there is no error (warnings may remain). */
  readonly valid?: ValidSpec;
  readonly problems: Problem[];
}

export function validateSpecBytes(file: string, bytes: Uint8Array, name = specName(file)): Validation {
  const decoded = decodeSpecBytes(file, bytes);
  if (!decoded.ok) return { problems: [decoded.problem] };
  const parsed = parseSpecText(file, decoded.text);
  if (!parsed.ok) return { problems: sortProblems(parsed.problems) };
  const source = parsed.document;

  // The folder check runs even when the rest of the spec is broken: it guards the file system.
  const gitopsPath = checkGitopsPath(source);
  const schema = checkSchema(source);
  if (!schema.ok) return { problems: sortProblems([...schema.problems, ...gitopsPath.problems]) };
  const ctx = { spec: schema.spec, source };
  const problems = sortProblems([...gitopsPath.problems, ...CHECKS.flatMap((check) => check(ctx))]);
  if (hasErrors(problems)) return { problems };
  const spec = gitopsPath.normalized === undefined ? schema.spec : { ...schema.spec, gitops: { ...schema.spec.gitops, path: gitopsPath.normalized } };
  return { valid: { file, name, spec, source }, problems };
}

/** The spec's folder, normalized, or why it is refused. */
function checkGitopsPath(source: SourceDocument): { problems: Problem[]; normalized?: string } {
  const raw = (source.data as { gitops?: { path?: unknown } } | null)?.gitops?.path;
  if (typeof raw !== "string") return { problems: [] };
  const normalized = normalizeGitopsPath(raw);
  return normalized.ok ? { problems: [], normalized: normalized.path } : { problems: [problem(source.file, source.locate(["gitops", "path"]), `gitops.path: ${quotePath(raw)} ${normalized.reason}`)] };
}
