// The ALBC annotation catalogue is a byte-for-byte copy of the shared one, which a clean clone
// lacks: there the copy is checked against the sha256 its PROVENANCE.md records, and where the
// shared folder is present against the source itself.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { sha256, SHARED_ROOT } from "../../scripts/vendor-upstream-schemas.ts";

const COPY = "schema/albc/annotations-v3.5.0.json";
const SOURCE = join(SHARED_ROOT, "schemas/annotations/aws-load-balancer-controller/v3.5.0/annotations.json");

test("the ALBC annotation catalogue is the copy its PROVENANCE.md records, and the shared one where present", (t) => {
  const recorded = /\(sha256 `([0-9a-f]{64})`\)/.exec(readFileSync("schema/albc/PROVENANCE.md", "utf8"))?.[1];
  const copy = readFileSync(COPY);
  assert.equal(sha256(copy), recorded, `${COPY} differs from the copy schema/albc/PROVENANCE.md records`);
  if (!existsSync(SOURCE)) {
    t.diagnostic(`${SOURCE} is absent (a clean clone): checked against the recorded sha256 only`);
    return;
  }
  assert.deepEqual(copy, readFileSync(SOURCE), `${COPY} drifted from the shared catalogue`);
});
