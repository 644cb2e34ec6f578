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
  /** `specs` is empty when a spec has an error of its own; `refusal` is set when the specs were valid but their render was refused. */
  | { readonly ok: false; readonly specs: readonly ValidSpec[]; readonly problems: readonly Problem[]; readonly refusal?: Refusal };

export async function readySpecs(
  patterns: readonly string[],
  options: { readonly templates?: string; readonly cwd?: string },
): Promise<Ready> {
  return readyRender(await loadSpecs(patterns, options.cwd), options.templates);
}

/** The road from loaded specs on; `templatesDir` overrides the built-in templates. */
export function readyRender(loaded: LoadedSpecs, templatesDir?: string): Ready {
  if (hasErrors(loaded.problems)) return { ok: false, specs: [], problems: loaded.problems };
  const { specs } = loaded;
  let problems = loaded.problems;
  try {
    const rendered = renderSpecs(specs, templatesDir);
    problems = sortProblems([...problems, ...renderedNameProblems(specs, rendered)]);
    if (hasErrors(problems)) return { ok: false, specs, problems };
    return { ok: true, specs, verified: verifySpecs(rendered), problems };
  } catch (error) {
    if (!(error instanceof TemplateError || error instanceof RenderValidationError)) throw error;
    return { ok: false, specs, problems, refusal: error };
  }
}
