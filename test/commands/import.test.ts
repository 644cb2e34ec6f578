// `import` as a user meets it (dist/cli.js): a spec on stdout that validate accepts and that
// plans, against the checkout it came from, as an adoption with no path changed.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { cli, DIST_CLI } from "../support/dist.ts";
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
  assert.match(run.stderr, /^ingress-gitops: imported \d+ path\(s\) from 1 file\(s\)/m);
});
