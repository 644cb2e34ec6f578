// The validators generated at build time (schema/validators/, scripts/output-validators.ts) decide
// valid or not exactly as ajv compiling the same schema at run time does, for every schema and on
// every rendered golden document, each also broken in many single places. A generated validator
// that said "valid" where the run-time one would not would let bad output through unexplained:
// this test is what stops that. (That the committed modules are the ones the sources generate is
// .ci/run's freshness check.)
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { load } from "js-yaml";
import { CORE_SCHEMAS, CRD_SCHEMAS } from "../../src/verify/catalog.ts";
import { allSchemaEntries } from "../../src/verify/schema-entries.ts";
import { generatedValid, runTimeValid, type SchemaEntry } from "../../src/verify/schema-store.ts";
import { isRecord } from "../../src/is-record.ts";

const GOLDENS = "test/fixtures/render";

function goldenDocuments(): { file: string; doc: unknown }[] {
  return readdirSync(GOLDENS, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => ({ file: f, doc: load(readFileSync(join(GOLDENS, f), "utf8")) }));
}

/** The document broken in one place at a time: an unknown field, a value of another type, a list's first item twice. */
function broken(doc: unknown, limit = 40): unknown[] {
  const out: unknown[] = [];
  const visit = (value: unknown, replace: (v: unknown) => unknown) => {
    if (out.length >= limit) return;
    if (Array.isArray(value)) {
      const items = value as unknown[];
      if (items.length > 0) out.push(replace([items[0], ...items]));
      items.forEach((item, i) => {
        visit(item, (v) => replace(items.map((x, j) => (j === i ? v : x))));
      });
    } else if (isRecord(value)) {
      out.push(replace({ ...value, zzUnknownField: 1 }));
      for (const [key, item] of Object.entries(value)) visit(item, (v) => replace({ ...value, [key]: v }));
    } else {
      out.push(replace(typeof value === "number" ? "not a number" : typeof value === "string" ? 12345 : { a: 1 }));
    }
  };
  visit(doc, (v) => v);
  return out;
}

function apiKind(entry: SchemaEntry): string | undefined {
  const schema =
    entry.kind === "core"
      ? CORE_SCHEMAS.find((s) => s.definition === entry.definition && s.document === entry.document)
      : CRD_SCHEMAS.find((s) => s.vendored === entry.vendored);
  return schema === undefined ? undefined : `${schema.apiVersion} ${schema.kind}`;
}

test("every generated validator agrees with the run-time one on valid and broken documents", () => {
  const corpus = goldenDocuments();
  const values = corpus.filter((d) => d.file.includes("/values/")).map((d) => d.doc);
  const outcomes = { valid: 0, invalid: 0 };
  for (const entry of allSchemaEntries()) {
    const kind = apiKind(entry);
    const matching =
      kind === undefined
        ? values
        : corpus.map((d) => d.doc).filter((d) => isRecord(d) && `${String(d.apiVersion)} ${String(d.kind)}` === kind);
    const minimal = kind === undefined ? {} : { apiVersion: kind.split(" ")[0], kind: kind.split(" ")[1], metadata: { name: "x" } };
    // Keys an object literal or a lookup table would read as its prototype's (a split validator's index, scripts/output-validators.ts).
    const prototypeKeys = ['{"__proto__": {}}', '{"constructor": {}}', '{"toString": 1}'].map((text) => JSON.parse(text) as unknown);
    const samples = [
      minimal,
      ...broken(minimal),
      ...matching.slice(0, 3).flatMap((d) => [d, ...broken(d)]),
      ...prototypeKeys,
      null,
      "text",
      [],
    ];
    for (const sample of samples) {
      const want = runTimeValid(entry, sample);
      assert.equal(
        generatedValid(entry, sample),
        want,
        `${JSON.stringify(entry.kind === "core" ? entry.definition : entry.vendored)}: ${JSON.stringify(sample).slice(0, 300)}`,
      );
      outcomes[want ? "valid" : "invalid"]++;
    }
  }
  // Both answers occur often, so agreeing is not agreeing on one of them only.
  assert.ok(outcomes.valid > 100 && outcomes.invalid > 1000, JSON.stringify(outcomes));
});
