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

test("no piece holds two entries: each diff and each entry of the summary's lists is a piece of its own", async () => {
  const report = await planCase(planCases()[0] ?? "");
  const { files, topology, findings, diffs } = contractPlan(report);
  const entries = [...Object.values(files), ...Object.values(topology), findings, diffs].flat();
  assert.ok(diffs.length > 0 && entries.length > diffs.length);
  const largest = Math.max(...entries.map((e) => JSON.stringify(e, null, 2).length));
  const pieces = [...planJson(report)];
  assert.ok(pieces.length > entries.length);
  // An entry's text, indented, with the comma and line break before it: never two entries.
  for (const piece of pieces) assert.ok(piece.length <= largest * 2, piece.slice(0, 200));
});
