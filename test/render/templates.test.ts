import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { precompiled } from "../../src/render/generated/templates.js";
import { renderModel } from "../../src/render/render.ts";
import {
  compileTemplates,
  loadTemplates,
  TEMPLATE_NAMES,
  TemplateError,
  yamlScalar,
  type TemplateName,
} from "../../src/render/templates.ts";
import { HOLE_MARK } from "../../src/render/template-shapes.ts";
import { generateTemplates } from "../../scripts/template-precompile.mjs";
import { exampleModels } from "../support/example-models.ts";

const dir = mkdtempSync(join(tmpdir(), "ingress-gitops-templates-"));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

const builtIn = Object.fromEntries(TEMPLATE_NAMES.map((n) => [n, readFileSync(`templates/${n}.yaml.hbs`, "utf8")])) as Record<
  TemplateName,
  string
>;
const origins = Object.fromEntries(TEMPLATE_NAMES.map((n) => [n, `${n}.yaml.hbs`])) as Record<TemplateName, string>;

function withKongPlugin(source: string) {
  return compileTemplates({ ...builtIn, kongplugin: source }, origins);
}

test("the y helper writes JSON, which YAML reads back as the same value", () => {
  assert.equal(yamlScalar("a\nkind: Secret"), '"a\\nkind: Secret"');
  assert.equal(yamlScalar("\u007f\u0085"), '"\\u007f\\u0085"');
  assert.equal(yamlScalar(80), "80");
  assert.equal(yamlScalar({ a: [1, "x"] }), '{"a":[1,"x"]}');
  assert.throws(() => yamlScalar(undefined), /does not exist/);
});

test("the built-in templates are precompiled from their current sources", () => {
  // CI also rebuilds and fails on a stale src/render/generated/; this names the cause in a test run.
  assert.equal(readFileSync("src/render/generated/templates.js", "utf8"), generateTemplates(), "run npm run build");
  assert.deepEqual(Object.keys(precompiled).sort(), [...TEMPLATE_NAMES].sort());
  for (const name of TEMPLATE_NAMES) assert.equal(precompiled[name]?.source, builtIn[name], name);
});

test("the built-in templates pass the safety check, and compiled at run time render what their precompiled forms render", () => {
  const atRunTime = compileTemplates(builtIn, origins, {});
  const ahead = compileTemplates(builtIn, origins);
  const kinds = new Set<string>();
  for (const { file, model: topology } of exampleModels()) {
    const expected = renderModel(topology, ahead).files;
    assert.deepEqual(renderModel(topology, atRunTime).files, expected, file);
    for (const d of expected.flatMap((f) => f.documents ?? []) as { apiVersion?: string; kind?: string }[])
      if (d.kind !== undefined) kinds.add(`${d.apiVersion ?? ""} ${d.kind}`);
  }
  // Each template renders one kind: every template took part.
  assert.equal(kinds.size, TEMPLATE_NAMES.length, [...kinds].join(", "));
});

test("a template may write values only through {{y …}} and use only plain blocks", () => {
  const unsafe: Record<string, RegExp> = {
    "name: {{name}}": /writes a value without \{\{y …\}\}/,
    "name: {{{name}}}": /writes a value without/,
    "name: {{y (lookup . 'name')}}": /writes a value without/,
    "name: {{y name other}}": /writes a value without/,
    "{{> partial}}": /PartialStatement is not allowed/,
    "{{#each items}}{{#custom}}x{{/custom}}{{/each}}": /block \{\{#custom\}\} is not allowed/,
  };
  for (const [source, reason] of Object.entries(unsafe)) {
    assert.throws(
      () => withKongPlugin(`apiVersion: v1\n${source}\n`),
      (e: unknown) => e instanceof TemplateError && reason.test(e.message),
      source,
    );
  }
});

test("a template renders exactly one Kubernetes object", () => {
  const twoDocs = withKongPlugin("apiVersion: v1\nkind: A\nmetadata: {}\n---\napiVersion: v1\nkind: B\nmetadata: {}\n");
  assert.throws(() => twoDocs.render("kongplugin", {}), /rendered more than one document; a template renders exactly one/);
  const notAnObject = withKongPlugin("- just a list\n");
  assert.throws(() => notAnObject.render("kongplugin", {}), /not a Kubernetes object/);
  const missing = withKongPlugin("apiVersion: v1\nkind: A\nmetadata:\n  name: {{y name}}\n");
  assert.throws(
    () => missing.render("kongplugin", {}),
    /^Error: kongplugin\.yaml\.hbs: line 4: \{\{y …\}\} names a value the data does not have$/,
  );
});

test("no template can write the shape marker itself", () => {
  // template-shapes.ts marks each value with U+0000; in a template's text it would pass for a value.
  assert.throws(
    () => withKongPlugin(`apiVersion: v1\nkind: A\nmetadata:\n  name: {{y name}}\nx: ${HOLE_MARK}s\n`),
    /kongplugin\.yaml\.hbs: not a valid handlebars template: Lexical error/,
  );
});

test("a template that is not valid handlebars is refused with its name", () => {
  assert.throws(
    () => withKongPlugin("metadata: {name: {{y name}}}\n"),
    (e: unknown) => e instanceof TemplateError && /^kongplugin\.yaml\.hbs: not a valid handlebars template/.test(e.message),
  );
});

test("a folder of the user's overrides templates by name and rejects unknown ones", () => {
  writeFileSync(
    join(dir, "kongplugin.yaml.hbs"),
    "apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata: {name: {{y name}}, namespace: {{y namespace}}, labels: {team: edge}}\nplugin: {{y plugin}}\nconfig: {{y config}}\n",
  );
  const set = loadTemplates(dir);
  assert.equal(set.origins.kongplugin, join(dir, "kongplugin.yaml.hbs"));
  assert.equal(set.origins.ingress, join(process.cwd(), "templates", "ingress.yaml.hbs"));
  assert.deepEqual(set.render("kongplugin", { name: "p", namespace: "n", plugin: "cors", config: {} }).metadata, {
    name: "p",
    namespace: "n",
    labels: { team: "edge" },
  });
  writeFileSync(join(dir, "deployment.yaml.hbs"), "x");
  assert.throws(() => loadTemplates(dir), /unknown template deployment\.yaml\.hbs/);
});
