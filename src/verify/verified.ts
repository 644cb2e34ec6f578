// The verify stage: a render becomes Verified only by passing strict validation of every object
// and values file against the pinned upstream schemas. Every writer (the write plan, and through
// it the checkout writer and both delivery backends) takes Verified, so "validated before
// writing" is a fact the type checker holds, not a call each door must remember.
import type { Rendered, RenderedOutput } from "../render/render.ts";
import type { RenderedSpec, SpecFiles } from "../render/render-specs.ts";
import { validateHelmValues } from "./helm-values.ts";
import { validateManifest } from "./manifest.ts";
import type { OutputProblem } from "./types.ts";

declare const VERIFIED: unique symbol;

/** A spec's files that passed verify; only verifySpec makes one (the brand keeps a plain SpecFiles out). */
export type Verified = SpecFiles & { readonly [VERIFIED]: true };

/** A document that fails validation is a bug in a provider or in a user template: nothing may be written. */
export class RenderValidationError extends Error {
  constructor(readonly problems: readonly (OutputProblem & { file: string })[]) {
    super(
      `rendered output fails its upstream schema (a bug in ingress-gitops or in a template override):\n${problems.map((p) => `  ${p.file}: ${p.document} ${p.path || "/"}: ${p.message}`).join("\n")}`,
    );
  }
}

/** Every spec's render, verified; throws RenderValidationError for the first spec whose output fails. */
export function verifySpecs(rendered: readonly RenderedSpec[]): Verified[] {
  return rendered.map(verifySpec);
}

export function verifySpec(rendered: RenderedSpec): Verified {
  verifyRendered(rendered);
  return rendered as SpecFiles as Verified;
}

/** Throws RenderValidationError when any object or values file of the render fails its upstream schema. */
export function verifyRendered(rendered: Rendered): void {
  const problems = outputProblems(rendered.output);
  if (problems.length > 0) throw new RenderValidationError(problems);
}

function outputProblems(output: RenderedOutput): (OutputProblem & { file: string })[] {
  const ctx = {
    ...(output.gatewayAPI === undefined ? {} : { gatewayAPI: output.gatewayAPI }),
    ...(output.albcVersion === undefined ? {} : { albcVersion: output.albcVersion }),
  };
  return [
    ...output.objects.flatMap(({ path, object }) => validateManifest(object, ctx).map((p) => ({ ...p, file: path }))),
    ...output.values.flatMap(({ path, chart }) =>
      validateHelmValues(chart.valuesChart, chart.version, chart.values).map((p) => ({ ...p, file: path })),
    ),
  ];
}
