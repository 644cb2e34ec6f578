import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve, sep } from "node:path";
import { RenderValidationError, type RenderedFile } from "../render/render.ts";
import { renderSpecs } from "../render/render-specs.ts";
import { TemplateError } from "../render/templates.ts";
import { loadSpecs } from "../spec/load.ts";
import { formatProblem, hasErrors } from "../spec/problems.ts";
import type { CommandResult } from "./result.ts";

export interface RenderOptions {
  readonly out: string;
  readonly templates?: string;
  readonly cwd?: string;
}

export async function renderCommand(patterns: readonly string[], options: RenderOptions): Promise<CommandResult> {
  const { specs, problems } = await loadSpecs(patterns, options.cwd);
  const lines = problems.map(formatProblem);
  if (hasErrors(problems)) return { exitCode: 1, stdout: `${[...lines, "nothing was written"].join("\n")}\n` };
  let rendered;
  try {
    // Render everything before writing anything, so a failure leaves the output folder untouched.
    rendered = renderSpecs(specs, options.templates);
    rendered.verify();
  } catch (error) {
    if (!(error instanceof TemplateError || error instanceof RenderValidationError)) throw error;
    return { exitCode: 1, stdout: `${lines.join("\n")}${lines.length > 0 ? "\n" : ""}`, stderr: `ingress-gitops: ${error.message}\nnothing was written\n` };
  }
  lines.push(...rendered.warnings);
  for (const spec of rendered.specs) {
    const folder = resolve(options.cwd ?? process.cwd(), options.out, spec.folder);
    await writeOwned(folder, spec.files);
    lines.push(`${spec.spec}: wrote ${spec.files.length} files to ${folder}`);
  }
  return { exitCode: 0, stdout: `${lines.join("\n")}\n` };
}

/** Writes files strictly inside `folder`; a path that would leave it is a bug, refused. */
async function writeOwned(folder: string, files: readonly RenderedFile[]): Promise<void> {
  for (const file of files) {
    const target = resolve(folder, file.path);
    if (!target.startsWith(folder + sep)) throw new Error(`refusing to write ${file.path} outside ${folder}`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content);
  }
}
