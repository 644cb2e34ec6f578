import { planMarkdown } from "../diff/markdown.ts";
import { deliverToLocalRepo, type LocalDelivery } from "../deliver/local.ts";
import { RenderValidationError } from "../render/render.ts";
import { renderSpecs } from "../render/render-specs.ts";
import { TemplateError } from "../render/templates.ts";
import { loadSpecs } from "../spec/load.ts";
import { formatProblem, hasErrors } from "../spec/problems.ts";
import type { ValidSpec } from "../spec/validate.ts";
import type { CommandResult } from "./result.ts";

export interface DeliverOptions {
  readonly gitops: string;
  readonly branch?: string;
  readonly base?: string;
  readonly templates?: string;
  readonly cwd?: string;
}

/** `ingress-gitops/<name>` for one spec; one fixed branch per spec set otherwise. */
export function defaultBranch(names: readonly string[]): string {
  return names.length === 1 ? `ingress-gitops/${names[0] ?? ""}` : `ingress-gitops/fleet-${[...names].sort().join("-").slice(0, 60)}`;
}

export function defaultTitle(names: readonly string[]): string {
  return `Ingress: ${[...names].sort().join(", ")}`;
}

/** Validates, renders and commits the plan on a branch of a local git repository. */
export async function deliverLocally(valid: readonly ValidSpec[], options: DeliverOptions): Promise<LocalDelivery> {
  const rendered = renderSpecs(valid, options.templates);
  rendered.verify();
  const names = valid.map((v) => v.spec.metadata.name);
  return deliverToLocalRepo(
    { repo: options.gitops, branch: options.branch ?? defaultBranch(names), ...(options.base === undefined ? {} : { base: options.base }) },
    rendered.specs,
    `${defaultTitle(names)}\n\nRendered by ingress-gitops.`,
    (report, limit) => planMarkdown(report, { limit, fullReport: "`plan --json`" }),
  );
}

export async function deliverCommand(patterns: readonly string[], options: DeliverOptions): Promise<CommandResult> {
  const { specs, problems } = await loadSpecs(patterns, options.cwd);
  const notes = problems.map(formatProblem);
  if (hasErrors(problems)) return { exitCode: 1, stdout: "", stderr: `${notes.join("\n")}\nnothing was written\n` };
  let delivery;
  try {
    delivery = await deliverLocally(specs, options);
  } catch (error) {
    if (!(error instanceof TemplateError || error instanceof RenderValidationError)) throw error;
    return { exitCode: 1, stdout: "", stderr: `ingress-gitops: ${error.message}\nnothing was written\n` };
  }
  const lines = [`${delivery.operation}: ${describe(delivery)}`];
  if (delivery.body !== undefined) lines.push("", delivery.body);
  return { exitCode: 0, stdout: `${lines.join("\n")}\n`, ...(notes.length > 0 ? { stderr: `${notes.join("\n")}\n` } : {}) };
}

function describe(d: LocalDelivery): string {
  if (d.operation === "none") return `${d.base} already holds what the specs render; nothing to commit`;
  if (d.operation === "unchanged") return `the branch already holds this render (${d.headSha ?? ""}); nothing to commit`;
  return `committed ${d.headSha ?? ""} on top of ${d.base}; PR body written to ${d.bodyFile ?? ""}`;
}
