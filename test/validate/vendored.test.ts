import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";

const SHARED = "../shared/schemas/annotations/aws-load-balancer-controller/v3.5.0/annotations.json";

test(
  "the ALBC annotation catalogue is a byte-for-byte copy of the shared one",
  { skip: !existsSync(SHARED) && `${SHARED} is not beside this checkout` },
  () => {
    assert.deepEqual(readFileSync("schema/albc/annotations-v3.5.0.json"), readFileSync(SHARED));
  },
);
