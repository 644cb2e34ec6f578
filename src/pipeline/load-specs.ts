// The file-system door of the spec stage: expands paths and globs, reads each file (refusing
// oversized ones before reading them), validates every spec and then the set as a whole.
import { access, readFile, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { filesNamed } from "../named-files.ts";
import { checkFleet } from "../validate/fleet.ts";
import { hasErrors, problem, sortProblems, type Problem } from "../problems.ts";
import { checkRunLimits, routeLimit } from "../validate/run-limits.ts";
import { MAX_SPEC_BYTES, oversize } from "../load/source.ts";
import { fileSpecName } from "../load/spec-name.ts";
import { validateSpecBytes, type TypedSpec, type ValidSpec } from "../validate/validate.ts";

/** Loaded for one road: readyRender takes `specs` and `sound` out as it renders them. */
export interface LoadedSpecs {
  /** Every spec, when none has an error; empty otherwise (nothing may be written then). */
  readonly specs: ValidSpec[];
  /** The specs no error names, even when others have one (none when the run is over its limits). */
  readonly sound: ValidSpec[];
  readonly problems: Problem[];
}

const START = { line: 1, col: 1 };

export async function loadSpecs(patterns: readonly string[], cwd = process.cwd()): Promise<LoadedSpecs> {
  const { files, problems } = await expandPatterns(patterns, cwd);
  const results = await Promise.all(files.map((file) => loadOne(file, cwd)));
  const all = [...problems, ...results.flatMap((r) => r.problems)];
  const specs = results.flatMap((r) => (r.valid ? [r.valid] : []));
  // Specs with errors of their own are still compared with the others: one run says everything.
  const limits = checkRunLimits(specs, routeLimit(process.env));
  all.push(...checkFleet(results.flatMap((r) => (r.typed ? [r.typed] : []))), ...limits);
  const sorted = sortProblems(all);
  const erring = new Set(sorted.filter((p) => p.severity === "error").map((p) => p.file));
  // A run over its limits renders nothing at all: that is what the limits guard against.
  const sound = limits.length > 0 ? [] : specs.filter((s) => !erring.has(s.file));
  return { specs: hasErrors(sorted) ? [] : specs, sound, problems: sorted };
}

async function expandPatterns(patterns: readonly string[], cwd: string): Promise<{ files: string[]; problems: Problem[] }> {
  const files = new Set<string>();
  const problems: Problem[] = [];
  if (patterns.length === 0) problems.push(problem("(arguments)", START, "no spec given; name spec files or globs"));
  for (const pattern of patterns) {
    const named = await filesNamed(pattern, cwd);
    if (named.glob && named.files.length === 0) problems.push(problem(pattern, START, "no file matches this pattern"));
    for (const file of named.files) files.add(file);
  }
  return { files: [...files].sort(), problems };
}

async function loadOne(file: string, cwd: string): Promise<{ valid?: ValidSpec; typed?: TypedSpec; problems: Problem[] }> {
  const absolute = resolve(cwd, file);
  try {
    const info = await stat(absolute);
    if (!info.isFile()) return { problems: [problem(file, START, "not a file")] };
    if (info.size > MAX_SPEC_BYTES) return { problems: [problem(file, START, oversize(info.size))] };
    return validateSpecBytes(file, await readFile(absolute), fileSpecName(absolute, await repositoryRoot(absolute)));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : (error as Error).message;
    return { problems: [problem(file, START, `cannot read the spec: ${why}`)] };
  }
}

/** The root of the git repository holding the file: the nearest folder above it with a `.git` (a folder, or a worktree's file). */
async function repositoryRoot(absolute: string): Promise<string | undefined> {
  for (let dir = dirname(absolute); ; dir = dirname(dir)) {
    if (await exists(resolve(dir, ".git"))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
