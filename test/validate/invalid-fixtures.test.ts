// One bad spec per error class, each with the exact `file:line:col: message` lines expected.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { validateCommand } from "../../src/commands/validate.ts";
import { CHECKS } from "../../src/validate/checks/index.ts";
import { checkSchema } from "../../src/validate/schema.ts";
import { decodeSpecBytes } from "../../src/load/source.ts";
import { parseSpecText } from "../../src/load/yaml-source.ts";
import { INVALID_FIXTURES, invalidFixtures } from "../../scripts/update-invalid-goldens.ts";

for (const fixture of invalidFixtures()) {
  test(`bad spec ${fixture}`, async () => {
    const expected = readFileSync(fixture.replace(/\.yaml$/, ".expected"), "utf8");
    const result = await validateCommand([fixture], { json: false });
    assert.equal(result.stdout, expected);
    assert.equal(result.exitCode, 1, "a spec with errors exits 1");
    assert.match(
      expected,
      new RegExp(`^${fixture.replace(/[.]/g, "\\.")}:\\d+:\\d+: (?!warning)`, "m"),
      "the golden holds at least one positioned error",
    );
  });
}

/** The classes no semantic check finds: what is refused before (bytes, YAML, schema, folder) or after (the render). */
const EARLIER_AND_LATER_CLASSES = [
  "not-utf8",
  "utf16",
  "empty-file",
  "yaml-syntax",
  "duplicate-key",
  "multi-document",
  "deep-nesting",
  "alias-bomb",
  "circular-alias",
  "unknown-fields",
  "wrong-types",
  "missing-required",
  "bad-values",
  "gitops-path-escapes",
  "gitops-path-backslash",
  "gitops-path-nul",
  "gitops-path-absolute-with-schema-errors",
  "gitops-path-long-segment",
  "application-name-too-long",
  "many-mistakes",
];

test("the fixture set has each class that no semantic check finds", () => {
  assert.deepEqual(
    EARLIER_AND_LATER_CLASSES.filter((name) => !existsSync(`${INVALID_FIXTURES}/${name}.yaml`)),
    [],
  );
});

test("every semantic check finds something in at least one bad spec", () => {
  const found = new Set<string>();
  for (const fixture of invalidFixtures()) {
    const decoded = decodeSpecBytes(fixture, readFileSync(fixture));
    const parsed = decoded.ok ? parseSpecText(fixture, decoded.text) : undefined;
    const schema = parsed?.ok === true ? checkSchema(parsed.document) : undefined;
    if (parsed?.ok !== true || schema?.ok !== true) continue;
    for (const check of CHECKS) if (check({ spec: schema.spec, source: parsed.document }).length > 0) found.add(check.name);
  }
  assert.deepEqual(
    CHECKS.map((c) => c.name).filter((name) => !found.has(name)),
    [],
  );
});
