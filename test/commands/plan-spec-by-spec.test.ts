// `plan` plans each spec as soon as it is verified and joins the folders' reports: the run's
// digest stays the one of all its writes in path order, where `clusters/a-b/` sorts before
// `clusters/a/` although the specs come the other way round.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { planCommand } from "../../src/commands/plan.ts";
import { buildPlan } from "../../src/diff/plan.ts";
import { readySpecs } from "../../src/pipeline/ready-specs.ts";
import { planWrites } from "../../src/plan/write-plan.ts";
import { kongSpecText } from "../validate/spec-text.ts";

const dir = mkdtempSync(join(tmpdir(), "ingress-gitops-plan-spec-by-spec-"));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

test("a run planned spec by spec has the digest and the report of the whole run planned at once", async () => {
  writeFileSync(join(dir, "a.yaml"), kongSpecText("a", "clusters/a", "edge"));
  writeFileSync(join(dir, "b.yaml"), kongSpecText("b", "clusters/a-b", "edge"));
  const gitops = join(dir, "gitops");
  const ready = await readySpecs(["a.yaml", "b.yaml"], { cwd: dir });
  assert.ok(ready.ok, JSON.stringify(ready.problems));
  const whole = buildPlan(planWrites(ready.results, new Map()));
  const result = await planCommand(["a.yaml", "b.yaml"], { gitops, json: false, cwd: dir });
  assert.equal(result.exitCode, 0, result.stderr);
  assert.ok(typeof result.stdout === "string");
  assert.match(result.stdout, new RegExp(`^<!-- ingress-gitops:digest=${whole.digest} -->$`, "m"));
  const json = await planCommand(["a.yaml", "b.yaml"], { gitops, json: true, cwd: dir });
  assert.ok(typeof json.stdout === "object");
  const printed = JSON.parse([...json.stdout.chunks].join("")) as { files: { added: string[] } };
  assert.deepEqual(
    printed.files.added,
    whole.folders.flatMap((f) => f.files.map((d) => d.path)),
  );
});
