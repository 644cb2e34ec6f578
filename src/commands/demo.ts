// The main job end to end with nothing set up: a throwaway GitOps repository stands in for GitHub.
// Version 1 of the bundled example is delivered and merged; version 2 adds a route and opens the
// internal ALB to the internet, and the demo shows what a reviewer would see. With --adopt it
// shows the first run a team with ingress already running makes instead: hand-written manifests
// committed, imported as a spec, and delivered as "the same paths, now generated".
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parseDocument } from "yaml";
import { assetPath } from "../assets.ts";
import { plural } from "../diff/body/words.ts";
import { importSpec } from "../import/import.ts";
import { readyRender } from "../pipeline/ready-specs.ts";
import { renderSpecs } from "../render/render-specs.ts";
import { validateSpecBytes, type ValidSpec } from "../validate/validate.ts";
import { deliverLocally } from "./deliver.ts";
import type { CommandResult } from "./result.ts";

const run = promisify(execFile);
const EXAMPLE = "examples/combined.yaml";
const APPSET_EXAMPLE = "examples/alb-istio-applicationset.yaml";
/** Hand-written manifests, and the folder of the demo repository they are committed to. */
const HAND_WRITTEN = "examples/adopt";
const ADOPTED_FOLDER = "clusters/prod/ingress";

export async function demoCommand(options: { keep: boolean; adopt?: boolean }): Promise<CommandResult> {
  const repo = await mkdtemp(join(tmpdir(), "ingress-gitops-demo-"));
  const git = async (...args: string[]) => (await run("git", ["-C", repo, ...args], { encoding: "utf8" })).stdout.trim();
  try {
    await git("init", "-q", "-b", "main");
    await git("config", "user.name", "Demo Platform Team");
    await git("config", "user.email", "platform@example.com");
    await writeFile(join(repo, "README.md"), "# GitOps repository\n\nArgo CD syncs what is merged here.\n");
    await git("add", "README.md");
    await git("commit", "-q", "-m", "Initial commit");
    if (options.adopt === true) return { exitCode: 0, stdout: await adoptDemo(repo, git, options.keep) };

    const v1Text = await readFile(assetPath(EXAMPLE), "utf8");
    const deliver = async (text: string) => {
      const example = spec(EXAMPLE, text);
      const ready = readyRender({ specs: [example], sound: [example], problems: [] });
      if (!ready.ok) throw new Error(`the bundled example does not render: ${ready.refusal?.message ?? JSON.stringify(ready.problems)}`);
      return deliverLocally([EXAMPLE], ready, { gitops: repo });
    };
    const v1 = await deliver(v1Text);
    const branch = "ingress-gitops/platform-apne1";
    await git("merge", "-q", "--ff-only", branch);
    const v2 = await deliver(secondVersion(v1Text));
    const log = await git("log", "--oneline", "--graph", "--decorate", "-n", "4", branch);
    const body = v2.body ?? "";
    const lines = [
      `ingress-gitops demo: a throwaway GitOps repository at ${repo}${options.keep ? "" : " (removed afterwards; --keep keeps it)"}`,
      "",
      `1. ${EXAMPLE} (every gateway type in one cluster) rendered and committed on ${branch}:`,
      `   ${v1.operation}, ${v1.report.folders.flatMap((f) => f.files).length} files, commit ${(v1.headSha ?? "").slice(0, 12)}; merged into main as if the PR were approved.`,
      "2. Version 2 of the spec: a new route behind the Istio gateway, and the internal ALB in front of Istio turned internet-facing.",
      `   ${v2.operation} ${branch}; the base branch main is untouched. The branch now:`,
      ...log.split("\n").map((l) => `     ${l}`),
      "",
      `3. The pull request body a reviewer sees (also written to ${v2.bodyFile ?? ""}), up to the file diffs:`,
      "",
      body.slice(0, body.indexOf("### Files") === -1 ? body.length : body.indexOf("### Files")).trimEnd(),
      "",
      `(then the diffs of ${v2.report.folders.flatMap((f) => f.files).length} files in collapsible blocks)`,
      "",
      `4. ApplicationSet mode (${APPSET_EXAMPLE}; Argo CD 3.2 or later with progressive syncs):`,
      `   ${rollout(await readFile(assetPath(APPSET_EXAMPLE), "utf8"))}`,
    ];
    return { exitCode: 0, stdout: `${lines.join("\n")}\n` };
  } finally {
    if (!options.keep) await rm(repo, { recursive: true, force: true });
  }
}

/** A folder of hand-written manifests on main, imported, then delivered: the adoption PR. */
async function adoptDemo(repo: string, git: (...args: string[]) => Promise<string>, keep: boolean): Promise<string> {
  const names = (await readdir(assetPath(HAND_WRITTEN))).filter((n) => n.endsWith(".yaml")).sort();
  const files = await Promise.all(
    names.map(async (file) => ({ file, content: await readFile(assetPath(`${HAND_WRITTEN}/${file}`), "utf8") })),
  );
  await mkdir(join(repo, ADOPTED_FOLDER), { recursive: true });
  for (const { file, content } of files) await writeFile(join(repo, ADOPTED_FOLDER, file), content);
  await git("add", ".");
  await git("commit", "-q", "-m", "Ingress, written by hand");
  const imported = importSpec(files, {
    name: "prod",
    gitopsPath: ADOPTED_FOLDER,
    schema: assetPath("schema/ingress-spec.schema.json"),
    inputs: [ADOPTED_FOLDER],
  });
  if (!imported.ok) throw new Error(`the bundled hand-written manifests do not import: ${imported.message}`);
  const specFile = "ingress-spec.yaml";
  const adopted = spec(specFile, imported.text);
  const ready = readyRender({ specs: [adopted], sound: [adopted], problems: [] });
  if (!ready.ok) throw new Error(`the imported spec does not render: ${ready.refusal?.message ?? JSON.stringify(ready.problems)}`);
  const branch = "ingress-gitops/prod";
  const delivery = await deliverLocally([specFile], ready, { gitops: repo, branch });
  const body = delivery.body ?? "";
  const head = imported.text.slice(0, imported.text.indexOf("\nloadBalancers:"));
  return `${[
    `ingress-gitops demo --adopt: a throwaway GitOps repository at ${repo}${keep ? "" : " (removed afterwards; --keep keeps it)"}`,
    "",
    `1. ${names.join(", ")} from ${HAND_WRITTEN}/ committed by hand to ${ADOPTED_FOLDER}/ on main: ${plural(imported.paths, "path")} exposed, no ownership record.`,
    `2. node dist/cli.js import ${ADOPTED_FOLDER} > ${specFile} writes (up to its load balancers):`,
    "",
    ...head.split("\n").map((l) => `     ${l}`),
    "",
    `3. Delivered like any spec: ${delivery.operation} ${branch}; the base branch main is untouched.`,
    `4. The pull request body a reviewer sees (also written to ${delivery.bodyFile ?? ""}), up to the file diffs:`,
    "",
    body.slice(0, body.indexOf("### Files") === -1 ? body.length : body.indexOf("### Files")).trimEnd(),
  ].join("\n")}\n`;
}

function spec(file: string, text: string): ValidSpec {
  const { valid, problems } = validateSpecBytes(file, new TextEncoder().encode(text));
  if (valid === undefined) throw new Error(`the bundled example does not validate: ${JSON.stringify(problems)}`);
  return valid;
}

/** How Argo CD would install the ApplicationSet example: what it generates, in which RollingSync steps. */
function rollout(text: string): string {
  const files = renderSpecs([spec(APPSET_EXAMPLE, text)]).flatMap((s) => s.files);
  const set = files.find((f) => f.path === "apps/charts.yaml")?.documents?.[0] as
    | {
        spec: {
          generators: { list: { elements: { name: string; wave: string }[] } }[];
          strategy: { rollingSync: { steps: { matchExpressions: { values: string[] }[] }[] } };
        };
      }
    | undefined;
  if (set === undefined) throw new Error(`${APPSET_EXAMPLE} renders no ApplicationSet`);
  const elements = set.spec.generators.flatMap((g) => g.list.elements);
  const steps = set.spec.strategy.rollingSync.steps.map((step) => {
    const values = step.matchExpressions.flatMap((m) => m.values);
    return `${values.join(",")} (${elements
      .filter((e) => values.includes(e.wave))
      .map((e) => e.name)
      .join(", ")})`;
  });
  const rest = files.filter((f) => f.path.startsWith("apps/") && f.path !== "apps/charts.yaml").map((f) => f.path);
  return `apps/charts.yaml generates ${elements.length} Applications, synced step by step: ${steps.join(" → ")}; then, in the root's last wave, ${rest.join(", ")}.`;
}

/** The change a platform team might propose: a new route, and an internal ALB made public. */
function secondVersion(text: string): string {
  const doc = parseDocument(text);
  const lbs = doc.get("loadBalancers") as { items: { get(key: string): unknown; set(key: string, value: unknown): void }[] };
  for (const lb of lbs.items) if (lb.get("name") === "internal-alb") lb.set("scheme", "internet-facing");
  const routes = doc.get("routes") as { add(value: unknown): void };
  routes.add(
    doc.createNode({
      name: "billing",
      namespace: "billing",
      gateway: "mesh",
      hosts: ["billing.internal.example.com"],
      rules: [{ path: "/invoices", backend: { service: "billing", port: 8080 } }],
    }),
  );
  return doc.toString();
}
