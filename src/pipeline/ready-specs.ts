// The road every door takes before anything may be written: spec files → ValidSpec → Model →
// Rendered → the checks only the render shows (names across specs, file names) → Verified.
// Either every spec arrives Verified or none does. The action, every command and `validate`
// take this one road, so `validate` refuses exactly what a writing run would.
import { claimOf } from "../plan/read-checkout.ts";
import type { Claim } from "../plan/claims.ts";
import { namePreflight } from "../render/preflight.ts";
import { renderSpec } from "../render/render-specs.ts";
import { loadTemplates, TemplateError } from "../render/templates.ts";
import { hasErrors, sortProblems, type Problem } from "../problems.ts";
import type { ValidSpec } from "../validate/validate.ts";
import { RenderValidationError, verifySpec, type Verified } from "../verify/verified.ts";
import { loadSpecs, type LoadedSpecs } from "./load-specs.ts";

/** Why a run whose specs are valid still renders nothing: a template override, or output failing its upstream schema. */
export type Refusal = TemplateError | RenderValidationError;

/** A spec as the doors name it once it is rendered: its file, and the folder it claims for its name. */
export interface ReadySpec extends Claim {
  /** As given (ValidSpec.file). */
  readonly file: string;
}

/** `T`: what the door made of each Verified spec as it arrived (`use`), the Verified spec itself unless it asked for less. */
export type Ready<T = Verified> =
  | {
      readonly ok: true;
      readonly specs: readonly ReadySpec[];
      /** `results[i]` is made from the render of `specs[i]`. */
      readonly results: readonly T[];
      /** Warnings and notices only. */
      readonly problems: readonly Problem[];
    }
  /** `specs` is empty when a spec has an error of its own; `refusal` is set when the render of the specs without errors was refused. */
  | { readonly ok: false; readonly specs: readonly ReadySpec[]; readonly problems: readonly Problem[]; readonly refusal?: Refusal };

interface ReadyOptions {
  readonly templates?: string;
  readonly cwd?: string;
}

export async function readySpecs(patterns: readonly string[], options: ReadyOptions): Promise<Ready>;
export async function readySpecs<T>(patterns: readonly string[], options: ReadyOptions, use: (v: Verified) => T): Promise<Ready<T>>;
export async function readySpecs(
  patterns: readonly string[],
  options: ReadyOptions,
  use: (v: Verified) => unknown = keep,
): Promise<Ready<unknown>> {
  return readyRender(await loadSpecs(patterns, options.cwd), options.templates, use);
}

/**
 * The road from loaded specs on; `templatesDir` overrides the built-in templates. Each spec is
 * rendered, checked, verified and handed to `use` before the next is rendered, so a door that
 * keeps less than the render (the plan keeps its report) holds one spec's render at a time.
 * `use` is not called once the run is refused: what it made is of no use then. The specs are
 * taken out of `loaded` (its `specs` and `sound` are empty afterwards) and each is let go once
 * rendered: a fleet's parsed specs, positions and all, were a quarter of what its plan held.
 */
export function readyRender(loaded: LoadedSpecs, templatesDir?: string): Ready;
export function readyRender<T>(loaded: LoadedSpecs, templatesDir: string | undefined, use: (v: Verified) => T): Ready<T>;
export function readyRender(loaded: LoadedSpecs, templatesDir?: string, use: (v: Verified) => unknown = keep): Ready<unknown> {
  const specs = loaded.specs.map(readySpec);
  const erring = hasErrors(loaded.problems);
  // Taken out, and nothing else keeps them, so that each is garbage once rendered (renderChecked).
  const taken = (erring ? loaded.sound : loaded.specs).splice(0);
  loaded.specs.length = 0;
  loaded.sound.length = 0;
  if (erring) {
    // The specs without errors of their own are still rendered for what only their render shows
    // (names across specs, file names, upstream schemas), so that one run says everything.
    const checked = renderChecked(taken, templatesDir, () => undefined);
    const problems = sortProblems([...loaded.problems, ...checked.problems]);
    return { ok: false, specs: [], problems, ...(checked.ok || checked.refusal === undefined ? {} : { refusal: checked.refusal }) };
  }
  const checked = renderChecked(taken, templatesDir, use);
  const problems = sortProblems([...loaded.problems, ...checked.problems]);
  if (!checked.ok) return { ok: false, specs, problems, ...(checked.refusal === undefined ? {} : { refusal: checked.refusal }) };
  return { ok: true, specs, results: checked.results, problems };
}

function readySpec(v: ValidSpec): ReadySpec {
  return { ...claimOf(v), file: v.file };
}

/** The doors that write keep every Verified spec: nothing may be written before the last is verified. */
const keep = (v: Verified) => v;

/**
 * The render of specs that passed their checks, with what only it shows; `problems` holds only
 * those. What refuses a run, first to last: a template (TemplateError), the render's checks
 * (preflight.ts), the first spec whose output fails its upstream schema (RenderValidationError).
 */
function renderChecked<T>(
  /** Emptied as the specs are rendered, so that each is garbage once its render is. */
  specs: ValidSpec[],
  templatesDir: string | undefined,
  use: (v: Verified) => T,
):
  | { readonly ok: true; readonly results: readonly T[]; readonly problems: readonly Problem[] }
  | { readonly ok: false; readonly problems: readonly Problem[]; readonly refusal?: Refusal } {
  try {
    const templates = loadTemplates(templatesDir);
    const preflight = namePreflight();
    const problems: Problem[] = [];
    const results: T[] = [];
    let invalid: RenderValidationError | undefined;
    specs.reverse();
    for (let v = specs.pop(); v !== undefined; v = specs.pop()) {
      const rendered = renderSpec(v, templates);
      problems.push(...preflight.add(v, rendered));
      // Once the run is refused, the other specs are rendered only for what would refuse it first.
      if (invalid !== undefined || hasErrors(problems)) continue;
      let verified: Verified;
      try {
        verified = verifySpec(rendered);
      } catch (error) {
        if (!(error instanceof RenderValidationError)) throw error;
        invalid = error;
        continue;
      }
      results.push(use(verified));
    }
    if (hasErrors(problems)) return { ok: false, problems };
    if (invalid !== undefined) return { ok: false, problems: [], refusal: invalid };
    return { ok: true, results, problems };
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    return { ok: false, problems: [], refusal: error };
  }
}
