// The first steps every writing command shares: load and validate the specs, render them, and
// validate what was rendered; either everything is ready or nothing may be written.
import { RenderValidationError } from "../render/render.ts";
import { renderSpecs, type RenderedSpecs } from "../render/render-specs.ts";
import { TemplateError } from "../render/templates.ts";
import { loadSpecs } from "../spec/load.ts";
import { formatProblem, hasErrors } from "../spec/problems.ts";
import type { ValidSpec } from "../spec/validate.ts";

export type Loaded =
  | { readonly ok: true; readonly valid: readonly ValidSpec[]; readonly rendered: RenderedSpecs; readonly notes: readonly string[] }
  /** `notes` are the spec problems; `refusal` is a template or rendered-output error, when there was one. */
  | { readonly ok: false; readonly notes: readonly string[]; readonly refusal?: string };

/** Why nothing could be rendered: the spec problems, then the refusal if there was one. */
export function failureLines(loaded: Extract<Loaded, { ok: false }>): string[] {
  return [...loaded.notes, ...(loaded.refusal === undefined ? [] : [loaded.refusal])];
}

export async function loadAndRender(patterns: readonly string[], options: { readonly templates?: string; readonly cwd?: string }): Promise<Loaded> {
  const { specs, problems } = await loadSpecs(patterns, options.cwd);
  const notes = problems.map(formatProblem);
  if (hasErrors(problems)) return { ok: false, notes };
  try {
    const rendered = renderSpecs(specs, options.templates);
    rendered.verify();
    return { ok: true, valid: specs, rendered, notes };
  } catch (error) {
    if (!(error instanceof TemplateError || error instanceof RenderValidationError)) throw error;
    return { ok: false, notes, refusal: `ingress-gitops: ${error.message}` };
  }
}
