import { lstat, readFile } from "node:fs/promises";
import { blockerRefusal, linkRefusal, readFolder } from "../plan/checkout.ts";
import { extractTopology } from "../topology/extract.ts";
import { backendLabel, contractPath, exposureLabel, isExact, type Exposure, type ManifestFile } from "../topology/types.ts";
import type { CommandResult } from "./result.ts";

export interface TopologyOptions {
  readonly json: boolean;
  /** What `-` reads: the door's standard input. */
  readonly stdin: () => Promise<string>;
}

export const TOPOLOGY_INPUTS = "FILE|DIR|-";

export async function topologyCommand(inputs: readonly string[], options: TopologyOptions): Promise<CommandResult> {
  if (inputs.length === 0)
    return { exitCode: 2, stdout: "", stderr: `ingress-gitops: topology needs Kubernetes YAML to read (${TOPOLOGY_INPUTS} ...)\n` };
  const read = await readManifests(inputs, options.stdin);
  if (!read.ok) return { exitCode: read.exitCode, stdout: "", stderr: `ingress-gitops: ${read.message}\n` };
  const { exposures, findings } = extractTopology(read.files);
  if (options.json)
    return {
      exitCode: 0,
      stdout: `${JSON.stringify({ paths: exposures.map(contractPath), findings: findings.map(({ severity, message, path }) => ({ severity, message, path })) }, null, 2)}\n`,
    };
  const lines = exposures.map(describe);
  lines.push(...findings.map((f) => `${f.severity}: ${f.path}: ${f.message}`));
  lines.push(`${exposures.length} path(s) from ${read.files.length} file(s)`);
  return { exitCode: 0, stdout: `${lines.join("\n")}\n` };
}

export type ManifestsRead =
  | { readonly ok: true; readonly files: readonly ManifestFile[] }
  | { readonly ok: false; readonly exitCode: 1 | 2; readonly message: string };

/**
 * The YAML of every input: a file as it is, a folder's `.yaml`/`.yml` files, `-` standard input.
 * Files are named relative to a folder read alone, else prefixed with the input they came from,
 * so that findings name a file the user can open. A missing input is a usage error.
 */
export async function readManifests(inputs: readonly string[], stdin: () => Promise<string>): Promise<ManifestsRead> {
  if (inputs.filter((i) => i === "-").length > 1) return { ok: false, exitCode: 2, message: "standard input (-) can be read only once" };
  const files: ManifestFile[] = [];
  for (const input of inputs) {
    if (input === "-") {
      files.push({ file: "<stdin>", content: await stdin() });
      continue;
    }
    const kind = await kindOf(input);
    if (kind === "missing") return { ok: false, exitCode: 2, message: `no such file or folder: ${input}` };
    if (kind === "link") return { ok: false, exitCode: 1, message: linkRefusal(input, input) };
    if (kind === "file") {
      files.push({ file: input, content: await readFile(input, "utf8") });
      continue;
    }
    const folder = await readFolder(input);
    if (!folder.ok) return { ok: false, exitCode: 1, message: blockerRefusal(folder.blocker, input) };
    const prefix = inputs.length === 1 ? "" : `${input.replace(/\/+$/, "")}/`;
    for (const [path, content] of folder.files) if (/\.ya?ml$/.test(path)) files.push({ file: `${prefix}${path}`, content });
  }
  return { ok: true, files };
}

async function kindOf(path: string): Promise<"missing" | "link" | "file" | "folder"> {
  try {
    const stat = await lstat(path);
    return stat.isSymbolicLink() ? "link" : stat.isDirectory() ? "folder" : "file";
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "ENOTDIR") return "missing";
    throw error;
  }
}

function describe(p: Exposure): string {
  const lb = `${p.loadBalancer.type} ${p.loadBalancer.name} (${p.loadBalancer.scheme}${p.loadBalancer.external ? ", external" : ""})`;
  const gateway = p.gateway.type === "none" ? "" : ` → ${p.gateway.type} ${p.gateway.name}`;
  return `${exposureLabel(p)}${isExact(p) ? " (exact)" : ""}: ${lb}${gateway} → ${backendLabel(p)}${p.tls ? " [tls]" : ""}`;
}
