import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { compileTemplates, loadTemplates, TEMPLATE_NAMES, TemplateError, yamlScalar, type TemplateName } from "../../src/render/templates.ts";

const dir = mkdtempSync(join(tmpdir(), "ingress-gitops-templates-"));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

const builtIn = Object.fromEntries(TEMPLATE_NAMES.map((n) => [n, readFileSync(`templates/${n}.yaml.hbs`, "utf8")])) as Record<TemplateName, string>;
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
    assert.throws(() => withKongPlugin(`apiVersion: v1\n${source}\n`), (e: unknown) => e instanceof TemplateError && reason.test(e.message), source);
  }
});

test("a template renders exactly one Kubernetes object", () => {
  const twoDocs = withKongPlugin("apiVersion: v1\nkind: A\nmetadata: {}\n---\napiVersion: v1\nkind: B\nmetadata: {}\n");
  assert.throws(() => twoDocs.render("kongplugin", {}), /rendered more than one document; a template renders exactly one/);
  const notAnObject = withKongPlugin("- just a list\n");
  assert.throws(() => notAnObject.render("kongplugin", {}), /not a Kubernetes object/);
  const missing = withKongPlugin("apiVersion: v1\nkind: A\nmetadata:\n  name: {{y name}}\n");
  assert.throws(() => missing.render("kongplugin", {}), /^Error: kongplugin\.yaml\.hbs: line 4: \{\{y …\}\} names a value the data does not have$/);
});

test("a template that is not valid handlebars is refused with its name", () => {
  assert.throws(() => withKongPlugin("metadata: {name: {{y name}}}\n"), (e: unknown) => e instanceof TemplateError && /^kongplugin\.yaml\.hbs: not a valid handlebars template/.test(e.message));
});

test("a folder of the user's overrides templates by name and rejects unknown ones", () => {
  writeFileSync(join(dir, "kongplugin.yaml.hbs"), "apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata: {name: {{y name}}, namespace: {{y namespace}}, labels: {team: edge}}\nplugin: {{y plugin}}\nconfig: {{y config}}\n");
  const set = loadTemplates(dir);
  assert.equal(set.origins.kongplugin, join(dir, "kongplugin.yaml.hbs"));
  assert.equal(set.origins.ingress, join(process.cwd(), "templates", "ingress.yaml.hbs"));
  assert.deepEqual(set.render("kongplugin", { name: "p", namespace: "n", plugin: "cors", config: {} }).metadata, { name: "p", namespace: "n", labels: { team: "edge" } });
  writeFileSync(join(dir, "deployment.yaml.hbs"), "x");
  assert.throws(() => loadTemplates(dir), /unknown template deployment\.yaml\.hbs/);
});
