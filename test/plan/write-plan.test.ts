import assert from "node:assert/strict";
import { test } from "node:test";
import { OWNERSHIP_FILE, parseOwnership } from "../../src/plan/ownership.ts";
import { planWrites } from "../../src/plan/write-plan.ts";
import { asVerified } from "../support/verified.ts";

const spec = (files: Record<string, string>) =>
  asVerified({
    spec: "s",
    source: "specs/s.yaml",
    folder: "clusters/s",
    files: Object.entries(files).map(([path, content]) => ({ path, content })),
  });

test("a first run adds every file and records what it owns", () => {
  const plan = planWrites([spec({ "a.yaml": "a\n", "sub/b.yaml": "b\n" })], new Map());
  assert.deepEqual(plan.folders[0]?.added, ["clusters/s/.ingress-gitops.json", "clusters/s/a.yaml", "clusters/s/sub/b.yaml"]);
  assert.deepEqual(parseOwnership(plan.writes.get(`clusters/s/${OWNERSHIP_FILE}`)), {
    owner: { spec: "s", source: "specs/s.yaml" },
    files: ["a.yaml", "sub/b.yaml"],
  });
  assert.deepEqual(plan.deletes, []);
});

test("a later run changes what differs and removes only files it owned and no longer renders", () => {
  const first = planWrites([spec({ "a.yaml": "a\n", "gone.yaml": "g\n" })], new Map());
  const checkout = new Map([...first.writes, ["clusters/s/mine.yaml", "hand-written\n"], ["clusters/other/x.yaml", "x\n"]]);
  const second = planWrites([spec({ "a.yaml": "a2\n" })], checkout);
  const [folder] = second.folders;
  assert.ok(folder);
  assert.deepEqual(folder.changed, ["clusters/s/.ingress-gitops.json", "clusters/s/a.yaml"]);
  assert.deepEqual(second.deletes, ["clusters/s/gone.yaml"]);
  assert.ok(folder.after.has("mine.yaml"), "a hand-written file beside the owned ones stays");
  assert.ok(
    ![...second.writes.keys(), ...second.deletes].some((p) => !p.startsWith("clusters/s/")),
    "nothing outside the folder is touched",
  );
});

test("an unchanged render plans nothing", () => {
  const first = planWrites([spec({ "a.yaml": "a\n" })], new Map());
  const again = planWrites([spec({ "a.yaml": "a\n" })], new Map(first.writes));
  assert.deepEqual([again.writes.size, again.deletes.length], [0, 0]);
});

test("an ownership record cannot make the plan delete outside the folder", () => {
  const forged = JSON.stringify({
    generator: "ingress-gitops",
    spec: "s",
    files: ["../../etc/passwd", "/abs", "ok.yaml", "a/./b", "c\\\\d"],
  });
  assert.deepEqual(parseOwnership(forged).files, ["ok.yaml"]);
  const checkout = new Map([
    [`clusters/s/${OWNERSHIP_FILE}`, forged],
    ["clusters/s/ok.yaml", "x"],
    ["etc/passwd", "root"],
  ]);
  assert.deepEqual(planWrites([spec({})], checkout).deletes, ["clusters/s/ok.yaml"]);
  assert.deepEqual(parseOwnership("not json"), { files: [] });
  assert.deepEqual(parseOwnership(JSON.stringify({ generator: "someone-else", files: ["a"] })), { files: [] });
});
