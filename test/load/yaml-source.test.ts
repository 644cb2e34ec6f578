import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { MAX_NESTING, parseSpecText } from "../../src/load/yaml-source.ts";
import { propertyRuns } from "../support/property-runs.ts";

function parsed(text: string) {
  const result = parseSpecText("spec.yaml", text);
  assert.ok(result.ok, result.ok ? "" : JSON.stringify(result.problems));
  return result.document;
}

function refused(text: string) {
  const result = parseSpecText("spec.yaml", text);
  assert.ok(!result.ok, "expected the text to be refused");
  return result.problems;
}

test("locates values, keys and the nearest written ancestor", () => {
  const doc = parsed("a:\n  b: [x, {c: 1}]\n  d:\n");
  assert.deepEqual(doc.locate(["a", "b", 1, "c"]), { line: 2, col: 14 });
  assert.deepEqual(doc.locate(["a", "b"], "key"), { line: 2, col: 3 });
  assert.deepEqual(doc.locate(["a", "missing", "deeper"]), { line: 1, col: 1 }, "falls back to the key of the last written node");
  assert.deepEqual(doc.locate(["a", "d"]), { line: 3, col: 3 }, "an empty value points at its key");
  assert.equal(doc.has(["a", "b", 0]), true);
  assert.equal(doc.has(["a", "x"]), false);
  assert.equal(doc.written(["a", "b", 1, "c"]), "1");
});

test("keeps the text of a value as written", () => {
  assert.equal(parsed("v: 1.20\n").written(["v"]), "1.20");
});

test("follows aliases when locating", () => {
  const doc = parsed("base: &b {port: 80}\nuse: *b\n");
  assert.deepEqual(doc.locate(["use", "port"]), { line: 1, col: 17 });
  assert.deepEqual(doc.data, { base: { port: 80 }, use: { port: 80 } });
});

test("refuses a multi-megabyte bracket bomb by its nesting, not by parsing it", () => {
  const problems = refused(`a: ${"[".repeat(2_000_000)}`);
  assert.equal(problems.length, 1);
  assert.match(problems[0]?.message ?? "", /nesting deeper than 64 levels/);
  // The top-level mapping is one level, so the 64th bracket (column 3 + 64) is one too many.
  assert.deepEqual([problems[0]?.line, problems[0]?.col], [1, 3 + MAX_NESTING]);
});

test("counts block nesting from indentation and compact sequences", () => {
  const deepBlock = Array.from({ length: 70 }, (_, i) => `${" ".repeat(i * 2)}k${i}:`).join("\n");
  assert.match(refused(deepBlock)[0]?.message ?? "", /nesting deeper/);
  assert.match(refused(`a: ${"- ".repeat(70)}x`)[0]?.message ?? "", /nesting deeper/);
  const fine = Array.from({ length: 20 }, (_, i) => `${" ".repeat(i * 2)}k${i}:`).join("\n");
  parsed(`${fine} x`);
});

test("brackets inside quotes, comments and block scalars do not count as nesting", () => {
  const brackets = "[".repeat(100);
  parsed(`a: "${brackets}"\nb: '${brackets}'\n# ${brackets}\nc: |\n  ${brackets}\n`);
});

test("refuses alias bombs by expansion count", () => {
  const levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i < 7; i++)
    levels.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(", ")}]`,
    );
  const problems = refused(levels.join("\n"));
  assert.match(problems[0]?.message ?? "", /aliases expand to too much data/);
  assert.equal(problems[0]?.line, 2, "points at the first alias");
});

test("refuses circular aliases", () => {
  assert.match(refused("a: &loop [1, *loop]")[0]?.message ?? "", /circular/);
});

test("duplicate keys, several documents and empty files are errors", () => {
  assert.deepEqual(
    refused("x: 1\n'x': 2\n").map((p) => [p.line, p.col, p.message]),
    [[2, 1, "duplicate key ''x''; each key may appear once in a mapping"]],
  );
  assert.match(refused("a: 1\n---\nb: 2\n")[0]?.message ?? "", /exactly one YAML document/);
  assert.match(refused("# only a comment\n")[0]?.message ?? "", /file is empty/);
});

test("reports every syntax error with its position", () => {
  assert.deepEqual(
    refused("a: [1, 2\nb: {c: 3\n").map((p) => [p.line, p.col, p.message]),
    [
      [2, 1, "invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]"],
      [3, 1, "invalid YAML: Flow map in block collection must be sufficiently indented and end with a }"],
    ],
  );
});

// An alias sends a text down the strict path (the `yaml` package, the reference); without one it
// takes the fast path (js-yaml). Whatever a scalar is, both must read the same value.
function bothPaths(scalar: string): { fast: unknown; strict: unknown } {
  const read = (text: string) => {
    const result = parseSpecText("spec.yaml", text);
    return result.ok ? (result.document.data as { v: unknown }).v : "(refused)";
  };
  return { fast: read(`v: ${scalar}\n`), strict: read(`v: ${scalar}\nw: &a 1\nx: *a\n`) };
}

test("the fast and the strict path read every scalar alike (port: 0b101 was 5 on one, a string on the other)", () => {
  for (const scalar of [
    "0b101",
    "-0x1f",
    "+0x1",
    "+.5",
    "-0",
    "0o17",
    "0x1F",
    "1_000",
    "1e3",
    ".inf",
    "-.Inf",
    ".NaN",
    "~",
    "Null",
    "TRUE",
    "y",
    "on",
    "2001-12-14",
    "0777",
    "09",
  ]) {
    const { fast, strict } = bothPaths(scalar);
    assert.ok(Object.is(fast, strict), `${scalar}: fast ${String(fast)}, strict ${String(strict)}`);
  }
  fc.assert(
    fc.property(fc.stringMatching(/^[-+.0-9_a-fA-FxXoObBeEiInNtTrRuUlL~]{1,7}$/), (scalar) => {
      const { fast, strict } = bothPaths(scalar);
      assert.ok(Object.is(fast, strict), `${scalar}: fast ${String(fast)}, strict ${String(strict)}`);
    }),
    { numRuns: propertyRuns(2000) },
  );
});

test("a %YAML directive takes the strict path, so a 1.1 document cannot read differently on the fast one", () => {
  const doc = parsed("%YAML 1.1\n---\nv: 0b101\n");
  assert.equal((doc.data as { v: unknown }).v, 5, "read as YAML 1.1 says, by the reference path");
});

// has() on the fast path reads the plain data instead of running the exact parse (which cost a
// 5,000-route plan 0.75 s for one kube-proxy anchor per spec); it must answer as the exact parse does.
test("the fast and the strict path agree on has() for every path, written or not", () => {
  const key = fc.constantFrom("a", "b", "0", "1", "null");
  const value = fc.letrec<{ node: unknown }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small" },
      fc.constantFrom(null, 1, "x", true),
      fc.array(tie("node"), { maxLength: 3 }),
      fc.dictionary(key, tie("node"), { maxKeys: 3 }),
    ),
  })).node;
  const segment = fc.oneof(key, fc.integer({ min: -1, max: 3 }));
  const examples: [Record<string, unknown>, (string | number)[]][] = [
    [{ a: [1, null] }, ["a", -1]],
    [{ a: [1, null] }, ["a", 1]],
    [{ a: [1, null] }, ["a", 2]],
    [{ a: [1, null] }, ["a", "0"]],
    [{ a: null }, ["a"]],
    [{ a: null }, ["a", "b"]],
    [{ "0": { b: 1 } }, [0, "b"]],
  ];
  fc.assert(
    fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 3 }), fc.array(segment, { maxLength: 4 }), (data, path) => {
      const text = `${JSON.stringify(data)}\n`;
      const fast = parsed(text);
      const strict = parsed(`${text.slice(0, -2)}, "z": &a 1, "y": *a}\n`);
      assert.equal(fast.has(path), strict.has(path), `${text} ${JSON.stringify(path)}`);
    }),
    { examples },
  );
});
