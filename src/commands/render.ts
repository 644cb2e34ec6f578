import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve, sep } from "node:path";
import type { RenderedFile } from "../render/render.ts";
import { loadAndRender } from "./load-and-render.ts";
import type { CommandResult } from "./result.ts";

export interface RenderOptions {
  readonly out: string;
  readonly templates?: string;
  readonly cwd?: string;
}

export async function renderCommand(patterns: readonly string[], options: RenderOptions): Promise<CommandResult> {
  // Everything is rendered and validated before anything is written, so a failure leaves the output folder untouched.
  const loaded = await loadAndRender(patterns, options);
  if (!loaded.ok) {
    if (loaded.refusal === undefined) return { exitCode: 1, stdout: `${[...loaded.notes, "nothing was written"].join("\n")}\n` };
    return { exitCode: 1, stdout: loaded.notes.length > 0 ? `${loaded.notes.join("\n")}\n` : "", stderr: `${loaded.refusal}\nnothing was written\n` };
  }
  const lines = [...loaded.notes];
  for (const spec of loaded.rendered.specs) {
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
