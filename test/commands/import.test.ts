// `import` as a user meets it (dist/cli.js): a spec on stdout that validate accepts and that
// plans, against the checkout it came from, as an adoption with no path changed.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { cli, cliIn, DIST_CLI } from "../support/dist.ts";
import { E2E_NODE } from "../support/e2e-node.ts";

test("import → validate → plan: the same paths, now generated", () => {
  const dir = mkdtempSync(join(tmpdir(), "import-cli-"));
  try {
    const imported = cli("import", "test/fixtures/hand-written/nlb-service", "--name", "prod");
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /^# yaml-language-server: \$schema=\S+schema\/ingress-spec\.schema\.json\n/);
    // The folder is the spec's gitops.path, relative to the repository that holds it.
    assert.match(imported.stdout, /\n {2}path: test\/fixtures\/hand-written\/nlb-service\n/);
    assert.match(imported.stderr, /^ingress-gitops: imported 4 path\(s\) from 3 file\(s\)/m);
    const spec = join(dir, "ingress-spec.yaml");
    writeFileSync(spec, imported.stdout);
    const validated = cli("validate", spec);
    assert.equal(validated.code, 0, validated.stdout + validated.stderr);
    const planned = cli("plan", spec, "--gitops", ".");
    assert.equal(planned.code, 0, planned.stderr);
    assert.match(planned.stdout, /\*\*paths\*\* 0 added, 0 removed, 0 changed/);
    assert.match(planned.stdout, /\*\*adoption: 4 paths kept, 0 changed\.\*\*/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("import of nothing, or of a missing input, is a usage error (exit 2)", () => {
  const none = cli("import");
  assert.equal(none.code, 2);
  assert.match(none.stderr, /import needs Kubernetes YAML to read/);
  const missing = cli("import", "no/such/folder");
  assert.deepEqual([missing.code, missing.stderr], [2, "ingress-gitops: no such file or folder: no/such/folder\n"]);
});

test("import of manifests that expose nothing is refused (exit 1) and writes no spec", () => {
  const dir = mkdtempSync(join(tmpdir(), "import-cli-"));
  try {
    writeFileSync(join(dir, "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
    const result = cli("import", join(dir, "cm.yaml"));
    assert.equal(result.code, 1);
    assert.equal(result.stdout, "");
    assert.match(result.stderr, /no path is exposed by the Kubernetes YAML in .*cm\.yaml: nothing to import/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("import - reads a kubectl dump from standard input; its leftovers are positioned warnings", () => {
  const run = spawnSync(E2E_NODE, [DIST_CLI, "import", "-", "--name", "live"], {
    encoding: "utf8",
    input: readFileSync("test/fixtures/hand-written/cilium-gateway/routes.yaml", "utf8").concat(
      "---\n",
      readFileSync("test/fixtures/hand-written/cilium-gateway/gateway.yaml", "utf8"),
    ),
  });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^kind: IngressSpec$/m);
  // A refusal the reader found is said where the object is: <stdin>, line and column.
  assert.match(run.stderr, /^warning: <stdin>:\d+:\d+: topology: not exposed: TLSRoute store-ns\/vault: /m);
  // And so is what import itself could not express: the listener's allowedRoutes, the object it stays in.
  assert.match(run.stderr, /^warning: <stdin>:\d+:\d+: Gateway infra-ns\/shared-gateway: listener https: allowedRoutes is not expressed/m);
  assert.match(run.stderr, /^warning: <stdin>:\d+:\d+: TLSRoute store-ns\/vault: not expressed by the spec/m);
  assert.match(run.stderr, /^ingress-gitops: imported \d+ path\(s\) from 1 file\(s\)/m);
});

test("import, commit, deliver: the PR body a reviewer gets says the adoption, and only the folder changes", () => {
  const repo = mkdtempSync(join(tmpdir(), "import-deliver-"));
  const git = (...args: string[]) => execFileSync("git", ["-C", repo, ...args], { encoding: "utf8" }).trim();
  const commit = (message: string) => git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", message);
  try {
    git("init", "-q", "-b", "main");
    cpSync("test/fixtures/hand-written/alb-istio", join(repo, "clusters/prod/ingress"), { recursive: true });
    writeFileSync(join(repo, "README.md"), "# gitops\n");
    git("add", "-A");
    commit("hand-written ingress");
    const imported = cliIn({ cwd: repo }, "import", "clusters/prod/ingress", "--name", "prod");
    assert.equal(imported.code, 0, imported.stderr);
    writeFileSync(join(repo, "clusters/prod/ingress-spec.yaml"), imported.stdout);
    git("add", "-A");
    commit("adopt");
    const base = git("rev-parse", "main");
    const delivered = cliIn({ cwd: repo }, "deliver", "clusters/prod/ingress-spec.yaml", "--gitops", ".");
    assert.equal(delivered.code, 0, delivered.stderr);
    const body = readFileSync(join(repo, ".git/ingress-gitops/ingress-gitops_prod.md"), "utf8");
    assert.match(body, /^\*\*adoption: 2 paths kept, 0 changed\.\*\* /m);
    assert.match(body, /\*\*paths\*\* 0 added, 0 removed, 0 changed/);
    const changed = git("diff", "--no-renames", "--name-status", base, "ingress-gitops/prod").split("\n");
    assert.deepEqual(
      changed.filter((l) => !l.includes("\tclusters/prod/ingress/")),
      [],
      "nothing outside the spec's folder is written",
    );
    assert.ok(changed.includes("D\tclusters/prod/ingress/alb.yaml"), "a file of taken-over objects only is removed");
    assert.ok(
      !changed.some((l) => l.endsWith("\tclusters/prod/ingress/ingressgateway.yaml")),
      "a file of nothing rendered is left byte for byte",
    );
    assert.equal(git("rev-parse", "main"), base, "the base branch is untouched");
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
});
