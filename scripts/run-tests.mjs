// The two test suites: `node scripts/run-tests.mjs [--e2e] [filter...]`; filters narrow the run to
// files whose path contains one of them. The unit suite (`npm test`) runs in-process against src/
// and needs no dist/; the end-to-end suite (`npm run test:e2e`) runs the bundle in dist/ as the
// runner and a user do, and the GitHub emulator's own tests on real git repositories.
//
// The unit suite runs in one process that imports every file, as Node 22's
// --experimental-test-isolation=none does: a process per file (what `node --test` does on Node
// 20) loads tsx, ajv and the upstream schemas again for each of ~45 files, more CPU than the
// tests themselves. The end-to-end files keep a process each: they start servers, spawn the
// bundle and share temporary repositories only within a file.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { DIST_CHECKED, distProblem } from "./bundle.mjs";

/** Tests that spawn dist/index.js or dist/cli.js (through test/support/dist.ts). */
export const BUNDLE_TESTS = [
  "test/action/delivery.test.ts",
  "test/action/validation.test.ts",
  "test/cli.test.ts",
  "test/commands/all-or-nothing.test.ts",
  "test/commands/deliver.test.ts",
  "test/commands/import.test.ts",
  "test/commands/plan.test.ts",
  "test/commands/render.test.ts",
  "test/commands/run-limits.test.ts",
  "test/commands/topology.test.ts",
  "test/runtime.test.ts",
];

// The emulator end to end: real git repositories behind a loopback server, up to 5,000 files a run.
const E2E = [...BUNDLE_TESTS, "test/deliver/github-calls.test.ts", "test/github-emulator/"];

function allTestFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "fixtures" ? [] : allTestFiles(path);
    return entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

/**
 * The files of `suite` ("unit" or "e2e") whose path contains one of `filters` (all when none),
 * sorted. Throws when a unit file reaches for dist/, which would make `npm test` need a build.
 */
export function testFiles(suite, filters = []) {
  const files = allTestFiles("test")
    .filter((file) => E2E.some((e2e) => file.startsWith(e2e)) === (suite === "e2e"))
    .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
    .sort();
  if (suite === "unit") {
    const bundled = files.filter((file) => readFileSync(file, "utf8").includes("support/dist.ts"));
    if (bundled.length > 0) throw new Error(`${bundled.join(", ")} run dist/: list them in BUNDLE_TESTS (scripts/run-tests.mjs)`);
  }
  return files;
}

async function main(args) {
  const e2e = args.includes("--e2e");
  const files = testFiles(
    e2e ? "e2e" : "unit",
    args.filter((a) => a !== "--e2e"),
  );
  if (files.length === 0) {
    console.error("run-tests: no test file matches");
    return 1;
  }
  if (!e2e) {
    const imports = files.map((file) => `import ${JSON.stringify(pathToFileURL(resolve(file)).href)};`).join("\n");
    return spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "--eval", imports], { stdio: "inherit" }).status ?? 1;
  }
  const problem = await distProblem();
  if (problem !== undefined) {
    console.error(problem);
    return 1;
  }
  return (
    spawnSync(process.execPath, ["--import", "tsx", "--test", ...files], {
      stdio: "inherit",
      env: { ...process.env, [DIST_CHECKED]: "1" },
    }).status ?? 1
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exit(await main(process.argv.slice(2)));
