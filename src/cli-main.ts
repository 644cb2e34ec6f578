// The command line door: parses arguments, runs one command, prints what it returns.
import { parseArgs } from "node:util";
import pkg from "../package.json" with { type: "json" };
import type { CommandResult, DoorResult } from "./commands/result.ts";
import { deliverCommand } from "./commands/deliver.ts";
import { demoCommand } from "./commands/demo.ts";
import { importCommand } from "./commands/import.ts";
import { planCommand } from "./commands/plan.ts";
import { renderCommand } from "./commands/render.ts";
import { TOPOLOGY_INPUTS, topologyCommand } from "./commands/topology.ts";
import { validateCommand } from "./commands/validate.ts";

interface Command {
  readonly usage: string;
  readonly summary: string;
  run(positionals: string[], flags: Flags): Promise<DoorResult>;
}

interface Flags {
  json: boolean;
  out?: string;
  gitops?: string;
  templates?: string;
  branch?: string;
  base?: string;
  name?: string;
  keep: boolean;
  adopt: boolean;
  live?: string;
}

const usage = (message: string): CommandResult => ({ exitCode: 2, stdout: "", stderr: `ingress-gitops: ${message}\n` });

const COMMANDS: Record<string, Command> = {
  validate: {
    usage: "validate SPEC... [--json]",
    summary: "check specs; print every problem as file:line:col: message (exit 1 on errors)",
    run: (specs, flags) => validateCommand(specs, { json: flags.json }),
  },
  render: {
    usage: "render SPEC... --out DIR [--templates DIR]",
    summary: "write what each spec owns under DIR/<gitops.path>/",
    run: (specs, flags) =>
      flags.out === undefined
        ? Promise.resolve(usage("render needs --out DIR"))
        : renderCommand(specs, { out: flags.out, ...(flags.templates === undefined ? {} : { templates: flags.templates }) }),
  },
  plan: {
    usage: `plan SPEC... --gitops DIR [--json] [--templates DIR] [--live ${TOPOLOGY_INPUTS}]`,
    summary:
      "compare with the GitOps checkout at DIR and print the PR body (or the plan JSON); --live adds drift from a cluster dump; writes nothing",
    run: (specs, flags) =>
      flags.gitops === undefined
        ? Promise.resolve(usage("plan needs --gitops DIR"))
        : planCommand(specs, {
            gitops: flags.gitops,
            json: flags.json,
            ...(flags.templates === undefined ? {} : { templates: flags.templates }),
            ...(flags.live === undefined ? {} : { live: flags.live, stdin: readStdin }),
          }),
  },
  topology: {
    usage: `topology ${TOPOLOGY_INPUTS}... [--json]`,
    summary: "the exposure paths found in Kubernetes YAML: files, folders, a kubectl dump, standard input (-)",
    run: (inputs, flags) => topologyCommand(inputs, { json: flags.json, stdin: readStdin }),
  },
  import: {
    usage: `import ${TOPOLOGY_INPUTS}... [--name N]`,
    summary: "print a spec that renders what existing manifests expose; what it cannot express is listed (stderr and comments)",
    run: (inputs, flags) => importCommand(inputs, { ...(flags.name === undefined ? {} : { name: flags.name }), stdin: readStdin }),
  },
  demo: {
    usage: "demo [--adopt] [--keep]",
    summary: "the main job end to end on the bundled examples, nothing to set up; --adopt: importing a hand-written folder",
    run: (_, flags) => demoCommand({ keep: flags.keep, adopt: flags.adopt }),
  },
  deliver: {
    usage: "deliver SPEC... --gitops REPO [--branch B] [--base B]",
    summary: "commit the plan on a branch of a local git repository and write the PR body; the base branch is untouched",
    run: (specs, flags) =>
      flags.gitops === undefined
        ? Promise.resolve(usage("deliver needs --gitops REPO (a local git repository)"))
        : deliverCommand(specs, {
            gitops: flags.gitops,
            ...(flags.branch === undefined ? {} : { branch: flags.branch }),
            ...(flags.base === undefined ? {} : { base: flags.base }),
            ...(flags.templates === undefined ? {} : { templates: flags.templates }),
          }),
  },
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function help(): string {
  const width = Math.max(...Object.values(COMMANDS).map((c) => c.usage.length));
  const rows = Object.values(COMMANDS).map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`);
  return [
    `ingress-gitops ${pkg.version}: EKS ingress specs → Argo CD GitOps files and a topology-diff PR`,
    "",
    "usage: ingress-gitops COMMAND [ARGS]",
    "",
    ...rows,
    "",
    "  --help     this text",
    "  --version  the version",
    "",
  ].join("\n");
}

async function main(argv: string[]): Promise<DoorResult> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
        json: { type: "boolean" },
        out: { type: "string" },
        gitops: { type: "string" },
        templates: { type: "string" },
        branch: { type: "string" },
        base: { type: "string" },
        keep: { type: "boolean" },
        name: { type: "string" },
        adopt: { type: "boolean" },
        live: { type: "string" },
      },
    });
  } catch (error) {
    return { exitCode: 2, stdout: "", stderr: `ingress-gitops: ${(error as Error).message}\n\n${help()}` };
  }
  const { values, positionals } = parsed;
  if (values.version === true) return { exitCode: 0, stdout: `${pkg.version}\n` };
  const [name, ...rest] = positionals;
  if (values.help === true || name === undefined || name === "help")
    return { exitCode: name === undefined && values.help !== true ? 2 : 0, stdout: help() };
  const command = COMMANDS[name];
  if (command === undefined) return { exitCode: 2, stdout: "", stderr: `ingress-gitops: unknown command '${name}'\n\n${help()}` };
  const flags: Flags = { json: values.json === true, keep: values.keep === true, adopt: values.adopt === true };
  if (values.out !== undefined) flags.out = values.out;
  if (values.gitops !== undefined) flags.gitops = values.gitops;
  if (values.templates !== undefined) flags.templates = values.templates;
  if (values.branch !== undefined) flags.branch = values.branch;
  if (values.base !== undefined) flags.base = values.base;
  if (values.name !== undefined) flags.name = values.name;
  if (values.live !== undefined) flags.live = values.live;
  return command.run(rest, flags);
}

/** Chunks gathered into writes of about a mebibyte: one write each would be a system call per file diff. */
function writeOut(stdout: DoorResult["stdout"]): void {
  if (typeof stdout === "string") {
    process.stdout.write(stdout);
    return;
  }
  let pending: string[] = [];
  let size = 0;
  for (const chunk of stdout.chunks) {
    pending.push(chunk);
    size += chunk.length;
    if (size < 1 << 20) continue;
    process.stdout.write(pending.join(""));
    [pending, size] = [[], 0];
  }
  process.stdout.write(pending.join(""));
}

const result = await main(process.argv.slice(2)).catch((error: unknown): CommandResult => ({
  exitCode: 3,
  stdout: "",
  stderr: `ingress-gitops: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
}));
writeOut(result.stdout);
if (result.stderr !== undefined) process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
