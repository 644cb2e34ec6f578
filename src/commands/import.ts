// `import DIR|FILE... [--name N]`: the spec that renders what the manifests already expose, on
// stdout; every choice and leftover is a comment in it, and each leftover a warning on stderr.
import { lstat, readFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { importSpec } from "../import/import.ts";
import { noteLine } from "../import/notes.ts";
import { linkRefusal, readFolder } from "../plan/checkout.ts";
import type { ManifestFile } from "../topology/types.ts";
import type { CommandResult } from "./result.ts";

export interface ImportOptions {
  readonly name?: string;
  readonly cwd?: string;
}

/** The spec's schema beside the bundle (dist/cli.js) or the source (src/commands/), for the modeline. */
const SCHEMA = fileURLToPath(
  new URL(
    import.meta.url.includes("/dist/") ? "../schema/ingress-spec.schema.json" : "../../schema/ingress-spec.schema.json",
    import.meta.url,
  ),
);

export async function importCommand(inputs: readonly string[], options: ImportOptions): Promise<CommandResult> {
  if (inputs.length === 0) return usage("import needs a folder or file of Kubernetes YAML (import DIR|FILE... [--name N])");
  const cwd = options.cwd ?? process.cwd();
  const files: ManifestFile[] = [];
  for (const input of inputs) {
    const path = resolve(cwd, input);
    const kind = await lstat(path).then(
      (s) => (s.isSymbolicLink() ? "link" : s.isDirectory() ? "folder" : "file"),
      () => "missing",
    );
    if (kind === "missing") return usage(`${input}: no such file or folder`);
    if (kind === "link") return { exitCode: 1, stdout: "", stderr: `ingress-gitops: ${linkRefusal(input, input)}\n` };
    if (kind === "file") {
      files.push({ file: input, content: await readFile(path, "utf8") });
      continue;
    }
    const read = await readFolder(path);
    if (!read.ok) return { exitCode: 1, stdout: "", stderr: `ingress-gitops: ${linkRefusal(join(input, read.link), input)}\n` };
    for (const [file, content] of read.files)
      if (/\.ya?ml$/.test(file)) files.push({ file: inputs.length === 1 ? file : `${input}/${file}`, content });
  }
  const gitopsPath = inputs.length === 1 && inputs[0] !== undefined ? await repositoryPath(resolve(cwd, inputs[0])) : undefined;
  const result = importSpec(files, {
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(gitopsPath === undefined ? {} : { gitopsPath }),
    schema: SCHEMA,
    inputs,
  });
  if (!result.ok) return { exitCode: 1, stdout: "", stderr: `ingress-gitops: ${result.message}\n` };
  const warnings = result.notes.filter((n) => n.kind === "unexpressed").map((n) => `warning: ${noteLine(n)}`);
  const summary = `ingress-gitops: imported ${result.paths} path(s) from ${files.length} file(s); ${warnings.length} thing(s) not expressed, listed in the spec's header`;
  return { exitCode: 0, stdout: result.text, stderr: `${[...warnings, summary].join("\n")}\n` };
}

const usage = (message: string): CommandResult => ({ exitCode: 2, stdout: "", stderr: `ingress-gitops: ${message}\n` });

/** A folder's path inside the git repository that holds it: the spec's gitops.path, if it adopts that folder. */
async function repositoryPath(folder: string): Promise<string | undefined> {
  const isFolder = await lstat(folder).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isFolder) return undefined;
  for (let at = folder; ; at = dirname(at)) {
    const git = await lstat(join(at, ".git")).then(
      () => true,
      () => false,
    );
    if (git) {
      const inside = relative(at, folder);
      return inside === "" || isAbsolute(inside) || inside.startsWith("..") ? undefined : inside.split(sep).join("/");
    }
    if (dirname(at) === at) return undefined;
  }
}
