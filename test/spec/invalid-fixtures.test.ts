// One bad spec per error class, each with the exact `file:line:col: message` lines expected.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { validateCommand } from "../../src/commands/validate.ts";
import { invalidFixtures } from "../../scripts/update-goldens.ts";

for (const fixture of invalidFixtures()) {
  test(`bad spec ${fixture}`, async () => {
    const expected = readFileSync(fixture.replace(/\.yaml$/, ".expected"), "utf8");
    const result = await validateCommand([fixture], { json: false });
    assert.equal(result.stdout, expected);
    assert.equal(result.exitCode, 1, "a spec with errors exits 1");
    assert.match(expected, new RegExp(`^${fixture.replace(/[.]/g, "\\.")}:\\d+:\\d+: (?!warning)`, "m"), "the golden holds at least one positioned error");
  });
}

test("the fixture set covers every error class", () => {
  assert.ok(invalidFixtures().length >= 30);
});
