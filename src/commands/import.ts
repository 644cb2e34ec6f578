// `import FILE|DIR|-... [--name N]`: the spec that renders what the manifests already expose, on
// stdout; every choice and leftover is a comment in it, and each leftover a warning on stderr.
import { lstat } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { importSpec } from "../import/import.ts";
import { noteLine } from "../import/notes.ts";
import { readManifests, TOPOLOGY_INPUTS } from "./topology.ts";
import type { CommandResult } from "./result.ts";

export interface ImportOptions {
  readonly name?: string;
  /** What `-` reads: the door's standard input. */
  readonly stdin: () => Promise<string>;
}

/** The spec's schema beside the bundle (dist/cli.js) or the source (src/commands/), for the modeline. */
const SCHEMA = fileURLToPath(
  new URL(
    import.meta.url.includes("/dist/") ? "../schema/ingress-spec.schema.json" : "../../schema/ingress-spec.schema.json",
    import.meta.url,
  ),
);

export async function importCommand(inputs: readonly string[], options: ImportOptions): Promise<CommandResult> {
  if (inputs.length === 0) return usage(`import needs Kubernetes YAML to read (import ${TOPOLOGY_INPUTS}... [--name N])`);
  const read = await readManifests(inputs, options.stdin);
  if (!read.ok) return { exitCode: read.exitCode, stdout: "", stderr: `ingress-gitops: ${read.message}\n` };
  const [only] = inputs;
  const gitopsPath = inputs.length === 1 && only !== undefined && only !== "-" ? await repositoryPath(resolve(only)) : undefined;
  const result = importSpec(read.files, {
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(gitopsPath === undefined ? {} : { gitopsPath }),
    schema: SCHEMA,
    inputs,
  });
  if (!result.ok) return { exitCode: 1, stdout: "", stderr: `ingress-gitops: ${result.message}\n` };
  const warnings = result.notes.filter((n) => n.kind === "unexpressed").map((n) => `warning: ${noteLine(n)}`);
  const summary = `ingress-gitops: imported ${result.paths} path(s) from ${read.files.length} file(s); ${warnings.length} thing(s) not expressed, listed in the spec's header`;
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
