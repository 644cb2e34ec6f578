// The first steps every command but `topology` shares: load and validate the specs, render them,
// check what only the render shows (names across specs, file names) and validate what was
// rendered; either everything is ready or nothing may be written. `validate` runs the same road,
// so it refuses exactly what a writing command would.
import { RenderValidationError } from "../render/render.ts";
import { renderedNameProblems } from "../render/preflight.ts";
import { renderSpecs, type RenderedSpecs } from "../render/render-specs.ts";
import { TemplateError } from "../render/templates.ts";
import { loadSpecs } from "../pipeline/load-specs.ts";
import { formatProblem, hasErrors, sortProblems, type Problem } from "../problems.ts";
import type { ValidSpec } from "../validate/validate.ts";

export type Loaded =
  | {
      readonly ok: true;
      readonly valid: readonly ValidSpec[];
      readonly rendered: RenderedSpecs;
      readonly problems: readonly Problem[];
      readonly notes: readonly string[];
    }
  /** `notes` are the spec problems; `refusal` is a template or rendered-output error, when there was one. */
  | { readonly ok: false; readonly problems: readonly Problem[]; readonly notes: readonly string[]; readonly refusal?: string };

/** Why nothing could be rendered: the spec problems, then the refusal if there was one. */
export function failureLines(loaded: Extract<Loaded, { ok: false }>): string[] {
  return [...loaded.notes, ...(loaded.refusal === undefined ? [] : [loaded.refusal])];
}

export async function loadAndRender(
  patterns: readonly string[],
  options: { readonly templates?: string; readonly cwd?: string },
): Promise<Loaded> {
  const loaded = await loadSpecs(patterns, options.cwd);
  if (hasErrors(loaded.problems)) return { ok: false, problems: loaded.problems, notes: loaded.problems.map(formatProblem) };
  const { specs } = loaded;
  let problems = loaded.problems;
  try {
    const rendered = renderSpecs(specs, options.templates);
    problems = sortProblems([...problems, ...renderedNameProblems(specs, rendered)]);
    const notes = problems.map(formatProblem);
    if (hasErrors(problems)) return { ok: false, problems, notes };
    rendered.verify();
    return { ok: true, valid: specs, rendered, problems, notes };
  } catch (error) {
    if (!(error instanceof TemplateError || error instanceof RenderValidationError)) throw error;
    return { ok: false, problems, notes: problems.map(formatProblem), refusal: `ingress-gitops: ${error.message}` };
  }
}
