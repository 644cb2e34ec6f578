// The command line as a user meets it: the committed bundle, spawned.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { cli } from "./support/dist.ts";
import { E2E_NODE } from "./support/e2e-node.ts";

test("--version prints the package version", () => {
  const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
  assert.deepEqual(cli("--version"), { code: 0, stdout: `${version}\n`, stderr: "" });
});

test("--help lists every command of the contract", () => {
  const { code, stdout } = cli("--help");
  assert.equal(code, 0);
  for (const command of [
    "validate SPEC...",
    "render SPEC... --out DIR",
    "plan SPEC... --gitops DIR [--json]",
    "topology FILE|DIR|-... [--json]",
    "import FILE|DIR|-... [--name N]",
    "demo",
  ]) {
    assert.ok(stdout.includes(command), command);
  }
});

test("validate: exit 0 for good specs, exit 1 with every problem for bad ones", () => {
  const good = cli("validate", "examples/alb-kong.yaml", "examples/cilium-nlb.yaml");
  assert.equal(good.code, 0);
  assert.match(good.stdout, /^ok examples\/alb-kong\.yaml: api-kong owns clusters\/api-eks\/ingress\/$/m);
  const bad = cli("validate", "test/fixtures/invalid/unknown-references.yaml");
  assert.equal(bad.code, 1);
  assert.equal(bad.stdout, readFileSync("test/fixtures/invalid/unknown-references.expected", "utf8"));
});

test("validate expands quoted globs itself", () => {
  const { code, stdout } = cli("validate", "examples/alb-*.yaml");
  assert.equal(code, 0);
  const expected = readdirSync("examples")
    .filter((f) => f.startsWith("alb-") && f.endsWith(".yaml"))
    .map((f) => `examples/${f}`)
    .sort();
  assert.ok(expected.length > 1);
  assert.deepEqual([...stdout.matchAll(/^ok (\S+):/gm)].map((m) => m[1]).sort(), expected);
});

test("validate --json gives problems as data", () => {
  const { code, stdout } = cli("validate", "--json", "test/fixtures/invalid/duplicate-key.yaml");
  assert.equal(code, 1);
  assert.deepEqual(JSON.parse(stdout), {
    valid: false,
    specs: [],
    problems: [
      {
        file: "test/fixtures/invalid/duplicate-key.yaml",
        line: 7,
        col: 1,
        severity: "error",
        message: "duplicate key 'routes'; each key may appear once in a mapping",
      },
    ],
  });
});

test("usage errors exit 2 and say what was wrong", () => {
  const unknown = cli("deploy");
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command 'deploy'/);
  const badFlag = cli("validate", "--nope");
  assert.equal(badFlag.code, 2);
  assert.match(badFlag.stderr, /Unknown option '--nope'/);
});

/** What the demo must show: two deliveries into a throwaway repository and the reviewer's view of the second. */
function assertDemo(stdout: string): void {
  assert.match(
    stdout,
    /^1\. examples\/combined\.yaml .* committed on ingress-gitops\/platform-apne1:\n {3}created, 31 files, commit [0-9a-f]{12}; merged into main/m,
  );
  assert.match(stdout, /^ {3}updated ingress-gitops\/platform-apne1; the base branch main is untouched\./m);
  assert.match(stdout, /^<!-- ingress-gitops:start sha256=[0-9a-f]{64} -->$/m);
  assert.match(
    stdout,
    /^\*\*Risk:\*\* this change ⛔ \*\*destroys or replaces 1 load balancer\*\* \(`alb 'internal-alb'`\) and ⚠️ \*\*makes 2 paths internet-facing\*\* \(`admin\.internal\.example\.com \/`, `billing\.internal\.example\.com \/invoices`\)\.$/m,
  );
  assert.match(stdout, /\*\*paths\*\* 1 added, 0 removed, 1 changed/);
  assert.match(
    stdout,
    /warning\*\* billing\.internal\.example\.com \/invoices becomes reachable from the internet through alb 'internal-alb'/,
  );
  assert.match(stdout, /alb 'internal-alb' changes scheme internal → internet-facing/);
  assert.match(stdout, /^```mermaid$/m);
  // The ApplicationSet example: RollingSync steps by valid label values, istio-base before istiod.
  assert.match(
    stdout,
    /^ {3}apps\/charts\.yaml generates 4 Applications, synced step by step: wave-30 \(aws-load-balancer-controller\) → wave-20 \(istio-base\) → wave-10 \(istiod\) → wave0 \(istio-mesh\)/m,
  );
}

test("demo runs the main job end to end with nothing set up", () => {
  const { code, stdout, stderr } = cli("demo");
  assert.equal(code, 0, stderr);
  assertDemo(stdout);
  const repo = /a throwaway GitOps repository at (\S+) \(removed afterwards/.exec(stdout)?.[1];
  assert.ok(repo);
  assert.throws(() => readFileSync(join(repo, "README.md")), /ENOENT/, "the throwaway repository is removed");
});

test("demo --adopt imports a hand-written folder and delivers it as an adoption with no path changed (issue 14)", () => {
  const { code, stdout, stderr } = cli("demo", "--adopt");
  assert.equal(code, 0, stderr);
  assert.match(
    stdout,
    /^1\. mqtt\.yaml, shop\.yaml from examples\/adopt\/ committed by hand to clusters\/prod\/ingress\/ on main: 4 paths exposed/m,
  );
  assert.match(stdout, /^ {5}# yaml-language-server: \$schema=/m);
  assert.match(stdout, /^3\. Delivered like any spec: created ingress-gitops\/prod; the base branch main is untouched\.$/m);
  assert.match(stdout, /\*\*paths\*\* 0 added, 0 removed, 0 changed/);
  assert.match(
    stdout,
    /^\*\*adoption: 4 paths kept, 0 changed\.\*\* .*Removed, since they held nothing else: `mqtt\.yaml`\. Rewritten without those objects, keeping the rest as written: `shop\.yaml`\./m,
  );
  assert.match(stdout, /^\*\*Risk:\*\* nothing becomes internet-facing and no load balancer is destroyed or replaced/m);
});

test("the bundle needs no node_modules: demo runs from a copy of what a clone ships", () => {
  const dir = mkdtempSync(join(tmpdir(), "ingress-gitops-clone-"));
  try {
    for (const entry of ["dist", "schema", "examples", "templates", "package.json"]) cpSync(entry, join(dir, entry), { recursive: true });
    const result = spawnSync(E2E_NODE, [join(dir, "dist", "cli.js"), "demo"], { encoding: "utf8", cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    assertDemo(result.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
