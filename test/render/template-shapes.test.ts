// A render built from its shape (src/render/template-shapes.ts) must be exactly what parsing its
// text gives, or not be built at all. The reference here renders the text and parses it, as
// templates.ts does for every render its shapes decline.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import fc from "fast-check";
import Handlebars from "handlebars";
import { CORE_SCHEMA, load } from "js-yaml";
import HANDLEBARS_OPTIONS from "../../src/render/handlebars-options.json" with { type: "json" };
import { renderModel } from "../../src/render/render.ts";
import { holeMark, ShapeCache } from "../../src/render/template-shapes.ts";
import { loadTemplates, TEMPLATE_NAMES, yamlScalar, type TemplateName, type TemplateSet } from "../../src/render/templates.ts";
import { exampleModels } from "../support/example-models.ts";

/** The reference: the template's text, parsed; the error's message when it does not parse. */
function fromText(source: string, data: unknown): { value: unknown } | { error: string } {
  const hb = Handlebars.create();
  hb.registerHelper("y", (value: unknown) => yamlScalar(value));
  try {
    return { value: load(hb.compile(source, HANDLEBARS_OPTIONS)(data), { schema: CORE_SCHEMA }) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** What the shape of this render builds, as templates.ts records it; undefined where it declines. */
function fromShape(source: string, data: unknown, cache = new ShapeCache()): unknown {
  const hb = Handlebars.create();
  const holes: unknown[] = [];
  hb.registerHelper("y", (value: unknown) => {
    holes.push(value);
    return holeMark(value);
  });
  return cache.object(hb.compile(source, HANDLEBARS_OPTIONS)(data), holes);
}

function assertSame(source: string, data: unknown): unknown {
  const built = fromShape(source, data);
  if (built === undefined) return undefined;
  const reference = fromText(source, data);
  assert.ok("value" in reference, `${source} with ${JSON.stringify(data)}: shape built ${JSON.stringify(built)}, text fails`);
  assert.deepStrictEqual(built, reference.value, `${source} with ${JSON.stringify(data)}`);
  return built;
}

const text = fc.string({ unit: "binary", maxLength: 12 });
const jsonValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    text,
    fc.constantFrom("", "null", "true", "0", "1e3", "- a", "a: b", "#", "'", '"', "\\", "\u2028", "\u0085", "\ud800", "\ufeff"),
    fc.maxSafeInteger(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(
      text.filter((k) => k !== "__proto__"),
      tie("value"),
      { maxKeys: 3, noNullPrototype: true },
    ),
  ),
})).value;

test("y writes plain JSON as text that reads back as exactly that value", () => {
  fc.assert(
    fc.property(jsonValue, (value) => {
      assert.deepStrictEqual(load(yamlScalar(value), { schema: CORE_SCHEMA }), value);
    }),
    { numRuns: 2000 },
  );
});

/** Where a value stands as a value of its own: each of these shapes is used. */
const VALUE_PLACES = [
  "k: {{y v}}\n",
  "k: {{y v}}   # note\n",
  "k:   {{y v}}\n",
  "- {{y v}}\n",
  "- - {{y v}}\n",
  "k:\n  - {{y v}}\n  - {{y v}}\n",
  "k:\n  j: {{y v}}\n",
  "k: [{{y v}}, 1]\n",
  "k: [1,{{y v}}]\n",
  "k: {a: {{y v}}, b: 2}\n",
  "k:\n  - a: {{y v}}\n    b: {{y v}}\n",
  "k: {{y v}}\nj: {{y v}}\n",
];

/** Where it does not: a key, inside a scalar or a comment, beside other text, behind an anchor or a tag. */
const OTHER_PLACES = [
  "{{y v}}: 1\n",
  "k: {{y v}}: 1\n",
  "{ {{y v}}: 1 }\n",
  "k: [{{y v}}: 1]\n",
  'k: "{{y v}}"\n',
  "k: '{{y v}}'\n",
  "k: x{{y v}}\n",
  "k: {{y v}}x\n",
  "k: {{y v}}.5\n",
  "k: {{y v}}0\n",
  "k: -{{y v}}\n",
  "k: {{y v}} x\n",
  "k: {{y v}}{{y v}}\n",
  "# {{y v}}\nk: 1\n",
  "k: |\n  {{y v}}\n",
  "k: >\n  {{y v}}\n",
  "k: {{y v}}\n  more\n",
  "k:\n  {{y v}}\n  more\n",
  "k: &a {{y v}}\nj: *a\n",
  "k: !!str {{y v}}\n",
  "k: {{y v}}\n---\nj: 1\n",
  "{{y v}}\n",
];

test("a shape builds what its text reads back as, wherever the value stands, or declines", () => {
  fc.assert(
    fc.property(fc.constantFrom(...VALUE_PLACES, ...OTHER_PLACES), jsonValue, (source, value) => {
      const built = assertSame(source, { v: value });
      if (VALUE_PLACES.includes(source)) assert.notEqual(built, undefined, `${source} declined ${JSON.stringify(value)}`);
    }),
    { numRuns: 3000 },
  );
});

test("a value that is not plain JSON sends the render to its text", () => {
  const source = "k: {{y v}}\n";
  const sparse: unknown[] = [1];
  sparse[2] = 2;
  for (const v of [1.5, -0, 1e21, Number.MAX_SAFE_INTEGER + 1, sparse, { a: undefined }, { toJSON: () => 1 }, new Date(0)])
    assert.equal(fromShape(source, { v }), undefined, JSON.stringify(v));
  const proto = JSON.parse('{"__proto__": 1}') as unknown;
  assert.equal(fromShape(source, { v: proto }), undefined);
  // Parsed JSON has plain objects, whatever the prototype of the data written.
  assert.deepStrictEqual(assertSame(source, { v: Object.assign(Object.create(null) as object, { a: 1 }) }), { k: { a: 1 } });
});

test("one shape serves renders whose values differ, each built fresh", () => {
  const cache = new ShapeCache();
  const source = "k: {{y v}}\nl: {{y w}}\n";
  const first = fromShape(source, { v: { a: [1] }, w: "x" }, cache) as { k: { a: number[] } };
  const second = fromShape(source, { v: { a: [2] }, w: "y" }, cache);
  assert.deepStrictEqual(first, { k: { a: [1] }, l: "x" });
  assert.deepStrictEqual(second, { k: { a: [2] }, l: "y" });
  first.k.a.push(3);
  assert.deepStrictEqual(fromShape(source, { v: { a: [1] }, w: "x" }, cache), { k: { a: [1] }, l: "x" });
});

test("every built-in template renders every example through its shape, as its text reads back", () => {
  const builtIn = Object.fromEntries(TEMPLATE_NAMES.map((n) => [n, readFileSync(`templates/${n}.yaml.hbs`, "utf8")])) as Record<
    TemplateName,
    string
  >;
  const real = loadTemplates();
  const calls: [TemplateName, unknown][] = [];
  const recording: TemplateSet = {
    origins: real.origins,
    render(name, data) {
      calls.push([name, data]);
      return real.render(name, data);
    },
  };
  for (const { model } of exampleModels()) renderModel(model, recording);
  const used = new Set<TemplateName>();
  for (const [name, data] of calls) {
    assert.notEqual(assertSame(builtIn[name], data), undefined, `${name} declined ${JSON.stringify(data)}`);
    used.add(name);
  }
  assert.equal(used.size, TEMPLATE_NAMES.length);
});
