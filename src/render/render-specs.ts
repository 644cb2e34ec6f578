// Every validated spec of a run, rendered with one template set into the files each spec owns.
import { buildModel } from "../model/build.ts";
import type { SpecFiles } from "../plan/write-plan.ts";
import type { ValidSpec } from "../validate/validate.ts";
import { renderModel } from "./render.ts";
import { loadTemplates } from "./templates.ts";

export interface RenderedSpecs {
  readonly specs: readonly SpecFiles[];
  /** Strict validation of everything rendered (see Rendered.verify); call before writing. */
  verify(): void;
}

/** Throws TemplateError or RenderValidationError (user-facing) before anything is written. */
export function renderSpecs(valid: readonly ValidSpec[], templatesDir?: string): RenderedSpecs {
  const templates = loadTemplates(templatesDir);
  const results = valid.map((v) => ({ v, rendered: renderModel(buildModel(v), templates) }));
  return {
    specs: results.map(({ v, rendered }) => ({
      spec: v.spec.metadata.name,
      source: v.name,
      folder: v.spec.gitops.path,
      files: rendered.files,
      warnings: v.warnings,
    })),
    verify: () => {
      for (const { rendered } of results) rendered.verify();
    },
  };
}
