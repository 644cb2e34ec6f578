// The road every door takes before anything may be written: spec files → ValidSpec → Model →
// Rendered → the checks only the render shows (names across specs, file names) → Verified.
// Either every spec arrives Verified or none does. The action, every command and `validate`
// take this one road, so `validate` refuses exactly what a writing run would.
import { renderedNameProblems } from "../render/preflight.ts";
import { renderSpecs } from "../render/render-specs.ts";
import { TemplateError } from "../render/templates.ts";
import { hasErrors, sortProblems, type Problem } from "../problems.ts";
import type { ValidSpec } from "../validate/validate.ts";
import { RenderValidationError, verifySpecs, type Verified } from "../verify/verified.ts";
import { loadSpecs, type LoadedSpecs } from "./load-specs.ts";

/** Why a run whose specs are valid still renders nothing: a template override, or output failing its upstream schema. */
export type Refusal = TemplateError | RenderValidationError;

export type Ready =
  | {
      readonly ok: true;
      readonly specs: readonly ValidSpec[];
      /** `verified[i]` is the render of `specs[i]`. */
      readonly verified: readonly Verified[];
      /** Warnings and notices only. */
      readonly problems: readonly Problem[];
    }
  /** `specs` is empty when a spec has an error of its own; `refusal` is set when the render of the specs without errors was refused. */
  | { readonly ok: false; readonly specs: readonly ValidSpec[]; readonly problems: readonly Problem[]; readonly refusal?: Refusal };

export async function readySpecs(
  patterns: readonly string[],
  options: { readonly templates?: string; readonly cwd?: string },
): Promise<Ready> {
  return readyRender(await loadSpecs(patterns, options.cwd), options.templates);
}

/** The road from loaded specs on; `templatesDir` overrides the built-in templates. */
export function readyRender(loaded: LoadedSpecs, templatesDir?: string): Ready {
  if (hasErrors(loaded.problems)) {
    // The specs without errors of their own are still rendered for what only their render shows
    // (names across specs, file names, upstream schemas), so that one run says everything.
    const sound = renderChecked(loaded.sound, templatesDir);
    const problems = sortProblems([...loaded.problems, ...sound.problems]);
    return { ok: false, specs: [], problems, ...(sound.ok || sound.refusal === undefined ? {} : { refusal: sound.refusal }) };
  }
  const { specs } = loaded;
  const checked = renderChecked(specs, templatesDir);
  const problems = sortProblems([...loaded.problems, ...checked.problems]);
  if (!checked.ok) return { ok: false, specs, problems, ...(checked.refusal === undefined ? {} : { refusal: checked.refusal }) };
  return { ok: true, specs, verified: checked.verified, problems };
}

/** The render of specs that passed their checks, with what only it shows; `problems` holds only those. */
function renderChecked(
  specs: readonly ValidSpec[],
  templatesDir: string | undefined,
):
  | { readonly ok: true; readonly verified: readonly Verified[]; readonly problems: readonly Problem[] }
  | { readonly ok: false; readonly problems: readonly Problem[]; readonly refusal?: Refusal } {
  try {
    const rendered = renderSpecs(specs, templatesDir);
    const problems = renderedNameProblems(specs, rendered);
    if (hasErrors(problems)) return { ok: false, problems };
    return { ok: true, verified: verifySpecs(rendered), problems };
  } catch (error) {
    if (!(error instanceof TemplateError || error instanceof RenderValidationError)) throw error;
    return { ok: false, problems: [], refusal: error };
  }
}
