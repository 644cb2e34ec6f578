// One spec file's road from bytes to a validated spec: decode → parse → schema → semantics.
// Pure: the caller reads the file; nothing here touches the disk.
import { CHECKS } from "./checks/index.ts";
import { normalizeGitopsPath, quotePath } from "./gitops-path.ts";
import { hasErrors, problem, sortProblems, type Problem } from "../problems.ts";
import { checkSchema } from "./schema.ts";
import { decodeSpecBytes } from "../load/source.ts";
import { specName } from "../load/spec-name.ts";
import type { IngressSpec } from "./types.ts";
import { parseSpecText, type SourceDocument } from "../load/yaml-source.ts";

/** A spec that passed the schema, whether or not a check found an error in it. */
export interface TypedSpec {
  readonly file: string;
  /** How generated files name the spec: its path in its repository, however `file` was typed. */
  readonly name: string;
  /** The spec with defaults applied and gitops.path normalized. */
  readonly spec: IngressSpec;
  readonly source: SourceDocument;
  /** What the spec asks for that nothing would use or render, positioned: shown by every command, and in the plan's findings. */
  readonly warnings: readonly Problem[];
}

declare const VALID: unique symbol;

/** A spec with no error (warnings may remain); only validateSpecBytes makes one, so a TypedSpec with errors cannot pass for it. */
export type ValidSpec = TypedSpec & { readonly [VALID]: true };

export interface Validation {
  /** Present when there is no error (warnings may remain). */
  readonly valid?: ValidSpec;
  /** Present when the spec passed the schema, errors or not: enough for the checks across specs. */
  readonly typed?: TypedSpec;
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
  if (!schema.ok)
    return { problems: sortProblems([...schema.problems, ...gitopsPath.problems, ...guardedChecks(schema.data, source, schema.problems)]) };
  const ctx = { spec: schema.spec, source };
  const problems = sortProblems([...gitopsPath.problems, ...CHECKS.flatMap((check) => check(ctx))]);
  const spec =
    gitopsPath.normalized === undefined ? schema.spec : { ...schema.spec, gitops: { ...schema.spec.gitops, path: gitopsPath.normalized } };
  const typed: TypedSpec = { file, name, spec, source, warnings: problems };
  return hasErrors(problems) ? { typed, problems } : { valid: typed as ValidSpec, typed, problems };
}

/**
 * The semantic checks on a spec the schema refused, so that one run lists every mistake. Their
 * types no longer hold there, so a check that cannot read the data says nothing rather than
 * crash, a conclusion at a place the schema already faulted is left to the schema's message, and
 * warnings wait: about a partly refused spec they are as likely to mislead as to help.
 */
function guardedChecks(data: unknown, source: SourceDocument, schemaProblems: readonly Problem[]): Problem[] {
  const faulted = new Set(schemaProblems.map((p) => `${p.line}:${p.col}`));
  const ctx = { spec: data as IngressSpec, source };
  return CHECKS.flatMap((check) => {
    try {
      return check(ctx);
    } catch {
      return [];
    }
  }).filter((p) => p.severity === "error" && !faulted.has(`${p.line}:${p.col}`));
}

/** The spec's folder, normalized, or why it is refused. */
function checkGitopsPath(source: SourceDocument): { problems: Problem[]; normalized?: string } {
  const raw = (source.data as { gitops?: { path?: unknown } } | null)?.gitops?.path;
  if (typeof raw !== "string") return { problems: [] };
  const normalized = normalizeGitopsPath(raw);
  return normalized.ok
    ? { problems: [], normalized: normalized.path }
    : { problems: [problem(source.file, source.locate(["gitops", "path"]), `gitops.path: ${quotePath(raw)} ${normalized.reason}`)] };
}
