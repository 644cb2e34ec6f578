import { blockerRefusal, readFolder } from "../plan/checkout.ts";
import { extractTopology } from "../topology/extract.ts";
import { backendLabel, contractPath, exposureLabel, isExact, type Exposure } from "../topology/types.ts";
import type { CommandResult } from "./result.ts";

export async function topologyCommand(dir: string | undefined, options: { json: boolean }): Promise<CommandResult> {
  if (dir === undefined) return { exitCode: 2, stdout: "", stderr: "ingress-gitops: topology needs a folder of Kubernetes YAML\n" };
  const read = await readFolder(dir);
  if (!read.ok) return { exitCode: 1, stdout: "", stderr: `ingress-gitops: ${blockerRefusal(read.blocker, dir)}\n` };
  const files = [...read.files].filter(([path]) => /\.ya?ml$/.test(path)).map(([file, content]) => ({ file, content }));
  const { exposures, findings } = extractTopology(files);
  if (options.json)
    return {
      exitCode: 0,
      stdout: `${JSON.stringify({ paths: exposures.map(contractPath), findings: findings.map(({ severity, message, path }) => ({ severity, message, path })) }, null, 2)}\n`,
    };
  const lines = exposures.map(describe);
  lines.push(...findings.map((f) => `${f.severity}: ${f.path}: ${f.message}`));
  lines.push(`${exposures.length} path(s) from ${files.length} file(s)`);
  return { exitCode: 0, stdout: `${lines.join("\n")}\n` };
}

function describe(p: Exposure): string {
  const lb = `${p.loadBalancer.type} ${p.loadBalancer.name} (${p.loadBalancer.scheme}${p.loadBalancer.external ? ", external" : ""})`;
  const gateway = p.gateway.type === "none" ? "" : ` → ${p.gateway.type} ${p.gateway.name}`;
  return `${exposureLabel(p)}${isExact(p) ? " (exact)" : ""}: ${lb}${gateway} → ${backendLabel(p)}${p.tls ? " [tls]" : ""}`;
}
