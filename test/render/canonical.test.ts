// The one YAML writer every rendered file goes through, read back by each reader on the way to the
// cluster: the `yaml` package as YAML 1.2 and as YAML 1.1, and a Go reading (go-yaml's resolver,
// test/support/go-yaml-reading.ts) as Argo CD, Helm and kubectl do. Whatever the strings, every
// reader gets exactly the data back, and the header stays comment lines for all of them.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { parse, parseAllDocuments } from "yaml";
import { canonicalYaml } from "../../src/render/canonical.ts";
import { goRead, goResolve } from "../support/go-yaml-reading.ts";
import { propertyRuns } from "../support/property-runs.ts";

/** Strings each reader once took for something else, or that break a line or a key. */
const ATTACKS = [
  // go-yaml hands these to strconv.ParseInt(s, 0, 64), whose base prefixes are case-insensitive.
  "0X1F",
  "0O17",
  "0B101",
  "-0B101",
  "+0X1F",
  "0x1f",
  "0o17",
  "0b101",
  // go-yaml removes every `_` before strconv; the `yaml` package's 1.1 schema wants a digit first.
  "+_1",
  "-_1",
  "1__0",
  "0x_1F",
  "0_7",
  // go-yaml's timestamps take one-digit months and days; YAML 1.1's date form wants two.
  "2001-1-2",
  "2001-12-14t21:59:43.10-05:00",
  "09",
  "08.5",
  "1e3",
  ".5",
  "+.5",
  "1_000",
  "0777",
  "on",
  "y",
  "N",
  "~",
  "<<",
  ".inf",
  "-.Inf",
  ".NaN",
  "a\rkind: Secret",
  "a\r\nb",
  "\u0085x: 1",
  "\u2028x: 1",
  "\u2029x: 1",
  "# c",
  "x #c",
  "- x",
  "? x",
  ": x",
];

const longText = fc.integer({ min: 990, max: 1100 }).chain((n) => fc.constantFrom("k", "é", "😀", "\u0085").map((c) => c.repeat(n)));

const text: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...ATTACKS),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.stringMatching(/^[-+.0-9_oObBxXeE:a-f]{1,8}$/),
  fc.array(fc.oneof(fc.constantFrom(...ATTACKS), fc.string({ unit: "binary", maxLength: 3 })), { maxLength: 4 }).map((p) => p.join("")),
  longText,
);

const data = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, text, fc.integer(), fc.boolean(), fc.constant(null), tie("list"), tie("map")),
  list: fc.array(tie("value"), { maxLength: 3 }),
  map: fc.dictionary(text, tie("value"), { maxKeys: 3, noNullPrototype: true }),
})).map;

// Every character any reader ends a line at (YAML 1.1 adds NEL, LS and PS to CR and LF).
const BREAK = /\r\n|[\n\r\u0085\u2028\u2029]/;

function headerOf(yaml: string): string[] {
  const lines = yaml.split(BREAK);
  return lines.slice(
    0,
    lines.findIndex((l) => !l.startsWith("#")),
  );
}

function readers(yaml: string): Record<string, unknown> {
  const as = (version: "1.1" | "1.2") =>
    parseAllDocuments(yaml, { version }).map((doc) => {
      assert.deepEqual(doc.errors, [], `YAML ${version} parses`);
      return doc.toJS() as unknown;
    });
  return { "YAML 1.2": as("1.2"), "YAML 1.1": as("1.1"), Go: goRead(yaml) };
}

void describe("canonicalYaml: every reader reads exactly what was written", () => {
  void it("holds for arbitrary data, keys and header lines", () => {
    fc.assert(
      fc.property(data, fc.array(text, { minLength: 1, maxLength: 3 }), (value, header) => {
        const yaml = canonicalYaml([value], header);
        for (const [reader, read] of Object.entries(readers(yaml))) assert.deepEqual(read, [value], reader);
        assert.equal(headerOf(yaml).length, header.length, "each header line is one comment line for every reader");
      }),
      { numRuns: propertyRuns(1500) },
    );
  });

  void it("quotes what go-yaml's resolver (go-yaml/yaml resolve.go) reads as a number or timestamp", () => {
    for (const attack of ["0X1F", "0O17", "0B101", "+_1", "2001-1-2"]) {
      assert.notEqual(goResolve(attack), attack, `${attack} is not a string to Go`);
      const yaml = canonicalYaml([{ clusterName: attack }], ["h"]);
      assert.deepEqual(goRead(yaml), [{ clusterName: attack }], yaml);
    }
    assert.equal(canonicalYaml([{ v: "0X1F" }], ["h"]), '# h\nv: "0X1F"\n');
  });

  void it("models go-yaml's 0b/0o fallback as strconv does: only digits of the base make a number", () => {
    // resolve.go: strings.HasPrefix(plain, "0b") → strconv.ParseInt(plain[2:], 2, 64), a string on error.
    assert.equal(goResolve("0b1010"), 10);
    assert.equal(goResolve("-0o17"), -15);
    assert.equal(goResolve("0b1010777"), "0b1010777");
    assert.equal(goResolve("0o18"), "0o18");
  });

  void it("keeps strings Go reads as strings plain (versions, names)", () => {
    assert.equal(
      canonicalYaml([{ a: "1.19.6", b: "v1", c: "0x", d: "2001", e: "a_1" }], ["h"]),
      '# h\na: 1.19.6\nb: v1\nc: 0x\nd: "2001"\ne: a_1\n',
    );
  });

  void it("writes a key longer than an implicit key may be (YAML 1.2 §7.4.2: 1024 characters) as an explicit key", () => {
    const key = "k".repeat(1024);
    const yaml = canonicalYaml([{ [key]: "v", list: [{ [key]: { a: 1 } }] }], ["h"]);
    assert.match(yaml, /^\? k{1024}$/m);
    for (const [reader, read] of Object.entries(readers(yaml)))
      assert.deepEqual(read, [{ [key]: "v", list: [{ [key]: { a: 1 } }] }], reader);
    // A key's limit is counted from where it starts, so multi-byte characters count as bytes too.
    assert.match(canonicalYaml([{ ["é".repeat(600)]: 1 }], ["h"]), /^\? "é+"$/m);
    assert.match(canonicalYaml([{ ["k".repeat(1000)]: 1 }], ["h"]), /^k+: 1$/m);
  });

  void it("puts no line break of any reader into a header comment (a CR once injected a key for go-yaml)", () => {
    const yaml = canonicalYaml([{ a: 1 }], ["from spec\r.yaml\rkind: Secret", "x\u0085y\u2028z\u2029w\nv"]);
    assert.deepEqual(headerOf(yaml), ["# from spec?.yaml?kind: Secret", "# x?y?z?w?v"]);
    assert.deepEqual(parse(yaml, { version: "1.1" }), { a: 1 });
  });
});
