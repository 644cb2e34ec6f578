// The README restates code in places; these keep the two in step.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { parse } from "yaml";
import { withGeneratedSections } from "../scripts/readme-sections.ts";
import { renderCase, renderCases } from "../scripts/update-render-goldens.ts";

const readme = readFileSync("README.md", "utf8");

test("the README's generated sections match the schema and the compatibility table", () => {
  assert.equal(readme, withGeneratedSections(readme), "run `npm run docs` and commit README.md");
});

test("the quick start's first two commands are the demo and the test command", () => {
  const quickStart = readme.slice(readme.indexOf("## Quick start"));
  const commands = [...quickStart.matchAll(/^(node dist\/cli\.js demo|npm ci && npm test)\b/gm)].map((m) => m[1]);
  assert.deepEqual(commands.slice(0, 2), ["node dist/cli.js demo", "npm ci && npm test"]);
  const firstBlock = /```sh\n([\s\S]*?)```/.exec(quickStart)?.[1] ?? "";
  assert.deepEqual(
    firstBlock
      .trim()
      .split("\n")
      .map((line) => line.split("#")[0]?.trim()),
    ["node dist/cli.js demo", "npm ci && npm test"],
  );
});

test("every action input and output is documented in the README with its default", () => {
  const action = parse(readFileSync("action.yml", "utf8")) as {
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, unknown>;
  };
  for (const [name, input] of Object.entries(action.inputs)) {
    const row = readme.split("\n").find((line) => line.startsWith(`| \`${name}\` |`));
    assert.ok(row, `input ${name} is missing from the README`);
    if (input.default !== undefined && input.default !== "") assert.ok(row.includes(`\`${input.default}\``), `input ${name}'s default`);
  }
  for (const name of Object.keys(action.outputs))
    assert.ok(readme.includes(`| \`${name}\` |`), `output ${name} is missing from the README`);
});

test(".ci/run builds and checks dist/ once, then runs the README's test command and the end-to-end suites", () => {
  const ci = readFileSync(".ci/run", "utf8");
  assert.match(ci, /^npm ci\b/m);
  assert.deepEqual([...ci.matchAll(/^npm run build$/gm)].length, 1, "one build");
  assert.match(ci, /git diff --quiet -- dist/);
  const steps = ["npm run build", "PROPERTY_RUNS=full npm test", "npm run test:e2e", "npm run test:node24"];
  const at = steps.map((step) => ci.search(new RegExp(`^${step}$`, "m")));
  assert.ok(
    at.every((index, i) => index >= 0 && (i === 0 || index > (at[i - 1] ?? 0))),
    `in this order: ${steps.join(", ")}`,
  );
});

test("no test script builds dist/: .ci/run builds it once, and the unit suite does not need it", () => {
  const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
  assert.equal(scripts["pretest"], undefined);
  for (const name of ["test", "test:e2e", "test:node24"]) assert.doesNotMatch(scripts[name] ?? "", /build/, name);
});

test("the README's AppProject sourceRepos name every repository a rendered Application pulls from", () => {
  // Argo CD refuses to sync an Application whose source the AppProject does not allow.
  const project = readme.slice(readme.indexOf("**The AppProject**"), readme.indexOf("- **Route namespaces must exist.**"));
  assert.ok(project.includes("`sourceRepos`"));
  for (const c of renderCases()) {
    const rendered = renderCase(c.spec);
    const gitops = /^\s+repoURL: (\S+)$/m.exec(rendered.files.find((f) => f.path === "root.yaml")?.content ?? "")?.[1];
    const pulled = rendered.files
      .filter((f) => f.path.startsWith("apps/"))
      .flatMap((f) => [...f.content.matchAll(/repoURL: "?([^"\s]+)"?$/gm)].map((m) => m[1] ?? ""))
      .filter((url) => url !== gitops && !url.startsWith("{{"));
    for (const url of new Set(pulled)) assert.ok(project.includes(`\`${url}\``), `${c.name}: ${url} is not in the README's AppProject`);
  }
});

test("the README's example table links every example spec, and only those", () => {
  const examples = readdirSync("examples")
    .filter((f) => f.endsWith(".yaml"))
    .sort();
  const linked = [...readme.matchAll(/^\| \[`([^`]+\.yaml)`\]\(examples\/\1\) \|/gm)].map((m) => m[1]).sort();
  assert.deepEqual(linked, examples);
});
