import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve, sep } from "node:path";
import { buildTopology } from "../model/build.ts";
import { RenderValidationError, renderTopology, type RenderedFile } from "../render/render.ts";
import { loadTemplates, TemplateError } from "../render/templates.ts";
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
    const templates = loadTemplates(options.templates);
    // Render everything before writing anything, so a failure leaves the output folder untouched.
    rendered = specs.map((valid) => ({ valid, result: renderTopology(buildTopology(valid), templates) }));
  } catch (error) {
    if (!(error instanceof TemplateError || error instanceof RenderValidationError)) throw error;
    return { exitCode: 1, stdout: `${lines.join("\n")}${lines.length > 0 ? "\n" : ""}`, stderr: `ingress-gitops: ${error.message}\nnothing was written\n` };
  }
  for (const { valid, result } of rendered) {
    const folder = resolve(options.cwd ?? process.cwd(), options.out, valid.spec.gitops.path);
    await writeOwned(folder, result.files);
    lines.push(...result.warnings.map((w) => `${valid.file}: warning: ${w}`));
    lines.push(`${valid.file}: wrote ${result.files.length} files to ${folder}`);
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
