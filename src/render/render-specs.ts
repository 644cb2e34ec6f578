// Every validated spec of a run, rendered with one template set into the files each spec owns.
import { buildModel } from "../model/build.ts";
import type { Problem } from "../problems.ts";
import type { ValidSpec } from "../validate/validate.ts";
import { renderModel, type Rendered, type RenderedFile } from "./render.ts";
import { loadTemplates, type TemplateSet } from "./templates.ts";

/** A spec's files and what placing them in a repository needs. */
export interface SpecFiles {
  readonly spec: string;
  /** The spec file, as the ownership record names it (ValidSpec.name: its path in its repository). */
  readonly source: string;
  /** gitops.path, validated and normalized. */
  readonly folder: string;
  readonly files: readonly RenderedFile[];
  /** The spec's positioned warnings, which the plan lists among its findings. */
  readonly warnings?: readonly Problem[];
}

/** A spec's render: its files, placed, and the output the verify stage checks. */
export interface RenderedSpec extends SpecFiles, Rendered {}

/** `result[i]` is the render of `valid[i]`. Throws TemplateError (user-facing) before anything is written. */
export function renderSpecs(valid: readonly ValidSpec[], templatesDir?: string): RenderedSpec[] {
  const templates = loadTemplates(templatesDir);
  return valid.map((v) => renderSpec(v, templates));
}

/** One spec's render; throws TemplateError (user-facing) before anything is written. */
export function renderSpec(v: ValidSpec, templates: TemplateSet): RenderedSpec {
  const rendered = renderModel(buildModel(v), templates);
  return { spec: v.spec.metadata.name, source: v.name, folder: v.spec.gitops.path, warnings: v.warnings, ...rendered };
}
