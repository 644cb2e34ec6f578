// A refusal quotes what it found in the repository: a record's owner, a link's name. Both are
// files anyone with write access can make, so whatever they hold, the refusal stays one line and
// cannot forge a `file:line:col` line on the CLI or a second message in the runner's log.
import assert from "node:assert/strict";
import { test } from "node:test";
import { linkRefusal } from "../../src/plan/checkout.ts";
import { claimConflicts } from "../../src/plan/claims.ts";
import { OWNERSHIP_FILE } from "../../src/plan/ownership.ts";

// Every line break of .NET's (the runner's) and of YAML 1.1's readers.
const BREAK = /[\n\r\u0085\u2028\u2029]/;
const HOSTILE = "x\nspec.yaml:1:1: forged\r::error::y\u0085z\u2028w";

test("a hostile ownership record is quoted on one line, naming both specs", () => {
  const record = JSON.stringify({ generator: "ingress-gitops", spec: HOSTILE, source: HOSTILE, files: [] });
  const [conflict, ...rest] = claimConflicts(
    [{ folder: "clusters/a", spec: "a", source: "spec\r.yaml" }],
    new Map([[`clusters/a/${OWNERSHIP_FILE}`, record]]),
  );
  assert.deepEqual(rest, []);
  assert.ok(conflict !== undefined);
  assert.doesNotMatch(conflict, BREAK);
  assert.ok(
    conflict.startsWith(
      "'clusters/a' (gitops.path of spec 'a' from spec\\r.yaml) is owned by spec 'x\\nspec.yaml:1:1: forged\\r::error::y\\u0085z\\u2028w' from x\\n",
    ),
    conflict,
  );
});

test("a link's name is quoted on one line", () => {
  const refusal = linkRefusal(`clusters/a/${HOSTILE}`, "clusters/a");
  assert.doesNotMatch(refusal, BREAK);
  assert.ok(
    refusal.startsWith(
      "clusters/a/x\\nspec.yaml:1:1: forged\\r::error::y\\u0085z\\u2028w is a symbolic link inside the folder clusters/a;",
    ),
  );
});
