// The plan JSON is written piece by piece; its text is exactly what one JSON.stringify of the
// whole plan object writes, for every plan fixture and for a plan with nothing in it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { contractPlan, type PlanReport } from "../../src/diff/plan.ts";
import { planJson } from "../../src/diff/plan-json.ts";
import { planCase, planCases } from "../../scripts/update-plan-goldens.ts";

const whole = (report: PlanReport) => `${JSON.stringify(contractPlan(report), null, 2)}\n`;

test("every plan fixture: the pieces join to JSON.stringify of the plan", async () => {
  const names = planCases();
  assert.ok(names.length > 5);
  for (const name of names) {
    const report = await planCase(name);
    assert.equal([...planJson(report)].join(""), whole(report), name);
  }
});

test("a plan without files: an empty diffs list, as JSON.stringify writes it", () => {
  const report: PlanReport = { folders: [], digest: "0".repeat(64) };
  assert.equal([...planJson(report)].join(""), whole(report));
});

test("one piece per file diff, after the summary: no piece holds two diffs", async () => {
  const report = await planCase(planCases()[0] ?? "");
  const files = report.folders.reduce((n, f) => n + f.files.length, 0);
  assert.equal([...planJson(report)].length, files + 2);
});
