// When a run restarts node with a smaller young generation (src/young-generation.ts): which runs,
// with which arguments, and how the input is measured. The restart itself, by the bundle, is in
// test/runtime.test.ts.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { inputBytes, restartArgs, RESTART_FROM_BYTES, sizedAlready, YOUNG_GENERATION_FLAG } from "../src/young-generation.ts";

const launch = { execPath: "/usr/bin/node", execArgv: ["--enable-source-maps"], argv: ["/x/dist/cli.js", "plan", "a.yaml"], env: {} };

test("a large run restarts the same script with the flag first and node's own options kept", () => {
  assert.deepEqual(restartArgs(launch, RESTART_FROM_BYTES), [
    "/usr/bin/node",
    YOUNG_GENERATION_FLAG,
    "--enable-source-maps",
    "/x/dist/cli.js",
    "plan",
    "a.yaml",
  ]);
  assert.equal(YOUNG_GENERATION_FLAG, "--max-semi-space-size=16");
});

test("a small run, a restarted one and one whose young generation the caller sized go on as they are", () => {
  assert.equal(restartArgs(launch, RESTART_FROM_BYTES - 1), undefined);
  assert.equal(restartArgs({ ...launch, execArgv: [YOUNG_GENERATION_FLAG, ...launch.execArgv] }, RESTART_FROM_BYTES), undefined);
  for (const option of [
    "--max-semi-space-size=64",
    "--max_semi_space_size=8",
    "--max-young-generation-size=96",
    "--semi-space-growth-factor=1",
  ])
    assert.equal(restartArgs({ ...launch, env: { NODE_OPTIONS: `--trace-warnings ${option}` } }, RESTART_FROM_BYTES), undefined, option);
  // The restarted run knows itself without measuring anything.
  assert.equal(sizedAlready({ ...launch, execArgv: [YOUNG_GENERATION_FLAG] }), true);
  assert.equal(sizedAlready(launch), false);
  // An option that only starts alike is not one of them.
  assert.notEqual(restartArgs({ ...launch, env: { NODE_OPTIONS: "--max-old-space-size=4096" } }, RESTART_FROM_BYTES), undefined);
});

test("the input is the files the arguments name and the matches of their globs; folders, options and missing names count nothing", async () => {
  const dir = mkdtempSync(join(tmpdir(), "young-"));
  mkdirSync(join(dir, "clusters", "a"), { recursive: true });
  mkdirSync(join(dir, "clusters", "b"), { recursive: true });
  writeFileSync(join(dir, "clusters", "a", "ingress-spec.yaml"), "x".repeat(1000));
  writeFileSync(join(dir, "clusters", "b", "ingress-spec.yaml"), "x".repeat(300));
  writeFileSync(join(dir, "one.yaml"), "x".repeat(20));
  assert.equal(await inputBytes(["plan", "one.yaml", "--gitops", "clusters", "missing.yaml", "--json"], dir), 20);
  assert.equal(await inputBytes(["validate", "clusters/*/ingress-spec.yaml"], dir), 1300);
  assert.equal(await inputBytes(["clusters/a/ingress-spec.yaml", "one.yaml"], dir), 1020);
});
