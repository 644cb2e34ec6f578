// The plain index must place every value where the exact parse (the `yaml` package) does, or
// decline. Held to it on every spec the repository ships and on random documents in every style
// the fast path admits: block and flow collections, quoted and plain keys, empty values, block
// scalars, comments and blank lines anywhere.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { load } from "js-yaml";
import { REFERENCE_CORE_SCHEMA } from "../../src/load/core-schema.ts";
import { plainPositions, positionRecorder, type Locate } from "../../src/load/plain-positions.ts";
import { parseSpecText, RECORDED_DEPTH, type PathSegment } from "../../src/load/yaml-source.ts";

/** The exact parse of the same text: an alias sends it down the strict path. */
function exact(text: string) {
  const parsed = parseSpecText("spec.yaml", `${text.trimEnd()}\nzzz-anchor: &a 1\nzzz-alias: *a\n`);
  assert.ok(parsed.ok, parsed.ok ? "" : JSON.stringify(parsed.problems));
  return parsed.document;
}

/** Every path of the data, and one step past each (a path the document does not have). */
function paths(value: unknown, at: PathSegment[] = []): PathSegment[][] {
  const here = [at, [...at, "missing"], [...at, 99]];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...at, i]))];
  if (typeof value === "object" && value !== null) return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))];
  return here;
}

/** The index a load recording `depth` levels builds, as the spec's own load does. */
function recorded(text: string, depth: number): Locate | undefined {
  const recorder = positionRecorder(depth);
  load(text, { schema: REFERENCE_CORE_SCHEMA, listener: recorder.listener });
  return recorder.locator(text);
}

function assertSamePlaces(text: string): boolean {
  const plain = plainPositions(text);
  if (plain === undefined) return false;
  const reference = exact(text);
  const shallow = [1, 2, 3, RECORDED_DEPTH, 6].map((depth) => recorded(text, depth));
  for (const path of paths(reference.data).filter((p) => !String(p[0]).startsWith("zzz-")))
    for (const part of ["key", "value"] as const) {
      const want = reference.locate(path, part);
      assert.deepEqual(plain(path, part), want, `${JSON.stringify(path)} ${part} in\n${text}`);
      // A shallower record answers the same or declines.
      for (const [i, locate] of shallow.entries()) {
        const got = locate?.(path, part);
        if (got !== undefined) assert.deepEqual(got, want, `depth #${i}: ${JSON.stringify(path)} ${part} in\n${text}`);
      }
    }
  return true;
}

test("places every value of every shipped spec where the exact parse does", () => {
  const files = [
    ...readdirSync("test/fixtures/invalid")
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => join("test/fixtures/invalid", f)),
    ...readdirSync("examples", { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => join("examples", f)),
  ];
  let placed = 0;
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    // Only what the fast path reads and the exact parse accepts: the refused fixtures have no places.
    const reference = parseSpecText(file, `${text.trimEnd()}\nzzz-anchor: &a 1\nzzz-alias: *a\n`);
    if (!parseSpecText(file, text).ok || !reference.ok) continue;
    if (assertSamePlaces(text)) placed++;
  }
  assert.ok(placed >= 10, `only ${placed} specs placed by the plain index`);
});

const word = fc.constantFrom("a", "b", "port", "x-y", "1", "true", "null", "é");
const scalarText = fc.constantFrom("v", "1", "1.5", "true", "~", "null", '"q: x"', "'s'", "https://a/b", "a b");

type Tree = { scalar: string } | { map: [string, Tree][] } | { seq: Tree[] };
const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalarText.map((scalar) => ({ scalar })),
    fc.uniqueArray(fc.tuple(word, tie("tree")), { selector: ([k]) => k, minLength: 1, maxLength: 3 }).map((map) => ({ map })),
    fc.array(tie("tree"), { minLength: 1, maxLength: 3 }).map((seq) => ({ seq })),
  ),
})).tree;

const style = fc.record({
  flow: fc.boolean(),
  quoteKey: fc.constantFrom("", '"', "'"),
  comment: fc.boolean(),
  blank: fc.boolean(),
  empty: fc.boolean(),
  literal: fc.boolean(),
});
type Style = typeof style extends fc.Arbitrary<infer S> ? S : never;

function flow(t: Tree, s: Style): string {
  if ("scalar" in t) return t.scalar;
  if ("seq" in t) return `[${t.seq.map((x) => flow(x, s)).join(", ")}]`;
  return `{${t.map.map(([k, v]) => `${s.quoteKey}${k}${s.quoteKey}: ${flow(v, s)}`).join(", ")}}`;
}

/** Lines of `t` at `indent` as a block value; styles vary with the depth so one document mixes them. */
function block(t: Tree, indent: number, styles: readonly Style[], depth: number): string[] {
  const s = styles[depth % styles.length] as Style;
  const pad = " ".repeat(indent);
  const extra = [...(s.comment ? [`${pad}# note`] : []), ...(s.blank ? [""] : [])];
  if ("map" in t)
    return t.map.flatMap(([k, v], i) => {
      const key = `${pad}${s.quoteKey}${k}${s.quoteKey}:`;
      const lead = i === 0 ? [] : extra;
      if ("scalar" in v) {
        if (s.empty && v.scalar === "~") return [...lead, key];
        if (s.literal && v.scalar === "v") return [...lead, `${key} |`, `${pad}  v`];
        return [...lead, `${key} ${v.scalar}${s.comment ? " # c" : ""}`];
      }
      if (s.flow) return [...lead, `${key} ${flow(v, s)}`];
      return [...lead, key, ...extra, ...block(v, indent + 2, styles, depth + 1)];
    });
  if ("seq" in t)
    return t.seq.flatMap((v) => {
      if ("scalar" in v || s.flow) return [`${pad}- ${"scalar" in v ? v.scalar : flow(v, s)}`];
      const [first = "", ...rest] = block(v, indent + 2, styles, depth + 1);
      return [...extra, `${pad}- ${first.trimStart()}`, ...rest];
    });
  return [`${pad}${t.scalar}`];
}

test("places every value of random plain documents where the exact parse does", () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.tuple(word, tree), { selector: ([k]) => k, minLength: 1, maxLength: 4 }),
      fc.array(style, { minLength: 1, maxLength: 3 }),
      (entries, styles) => {
        const text = `${block({ map: entries }, 0, styles, 0).join("\n")}\n`;
        const fast = parseSpecText("spec.yaml", text);
        fc.pre(fast.ok);
        assertSamePlaces(text);
      },
    ),
    { numRuns: 300 },
  );
});

test("the spec's own load places a controller's key without a second parse", () => {
  // What every valid spec with Cilium gets a note about (checks/cilium.ts).
  let placed = 0;
  for (const file of readdirSync("examples").filter((f) => f.endsWith(".yaml"))) {
    const text = readFileSync(join("examples", file), "utf8");
    const reference = exact(text);
    if (!(reference.data as { controllers?: { cilium?: unknown } }).controllers?.cilium) continue;
    const path = ["controllers", "cilium"];
    assert.deepEqual(recorded(text, RECORDED_DEPTH)?.(path, "key"), reference.locate(path, "key"), file);
    placed++;
  }
  assert.ok(placed >= 3, `only ${placed} examples with Cilium`);
});

test("declines what it does not model: anchors, tags, explicit keys, document markers", () => {
  for (const text of ["a: &x 1\n", "a: !!str 1\n", "? a\n: 1\n", "---\na: 1\n", "a: 1\n...\n"])
    assert.equal(plainPositions(text), undefined, text);
});
