// `topology` over several inputs and `plan --live` as a user runs them: the committed bundle, spawned.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { cli, DIST_CLI } from "../support/dist.ts";
import { E2E_NODE } from "../support/e2e-node.ts";

const HAND = "test/fixtures/hand-written";
const dir = mkdtempSync(join(tmpdir(), "ingress-gitops-topology-"));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

const lastLine = (stdout: string) => stdout.trimEnd().split("\n").at(-1);

test("topology reads every input given: folders and files, each file named by the input it came from", () => {
  const { code, stdout } = cli("topology", `${HAND}/nlb-service`, `${HAND}/alb-ingress/reports.yaml`);
  assert.equal(code, 0);
  assert.match(
    stdout,
    /^reports\.internal\.example\.com \/: alb backoffice\/reports \(internal\) → alb backoffice\/reports → backoffice\/reports:80$/m,
  );
  assert.match(stdout, /^data\/pgbouncer:5432: nlb data\/pgbouncer \(internal\) → data\/pgbouncer:5432$/m);
  assert.equal(lastLine(stdout), "5 path(s) from 4 file(s)");
  const json = JSON.parse(cli("topology", `${HAND}/alb-ingress`, `${HAND}/nlb-service`, "--json").stdout) as {
    paths: unknown[];
    findings: { path: string }[];
  };
  assert.deepEqual(Object.keys(json), ["paths", "findings"]);
  assert.equal(json.paths.length, 8);
  assert.deepEqual(
    json.findings.map((f) => f.path),
    // Named by the input, at the line and column of the Ingress a rule of which is shadowed.
    [`${HAND}/alb-ingress/shop.yaml:93:1`],
  );
});

test("topology - reads standard input: a kubectl List dump piped in", () => {
  const run = spawnSync(E2E_NODE, [DIST_CLI, "topology", "-"], {
    encoding: "utf8",
    input: readFileSync(`${HAND}/kubectl-list/cluster.yaml`, "utf8"),
  });
  assert.equal(run.status, 0);
  assert.match(
    run.stdout,
    /^api\.example\.com \/api\/v1\/service-A: alb istio-system\/gateway-alb \(internet-facing\) → istio sample-gateway → service-a\/service-a:8080 \[tls\]$/m,
  );
  assert.equal(lastLine(run.stdout), "2 path(s) from 1 file(s)");
});

test("topology of a missing input is a usage error that names it, even beside inputs that exist", () => {
  const missing = cli("topology", `${HAND}/nlb-service`, join(dir, "no-such-folder"));
  assert.equal(missing.code, 2);
  assert.equal(missing.stdout, "");
  assert.equal(missing.stderr, `ingress-gitops: no such file or folder: ${join(dir, "no-such-folder")}\n`);
  const none = cli("topology");
  assert.equal(none.code, 2);
  assert.match(none.stderr, /topology needs Kubernetes YAML to read \(FILE\|DIR\|- \.\.\.\)/);
});

test("plan --live reports a path served in the cluster but not in Git as drift, in the plan's findings and the PR body", () => {
  const gitops = join(dir, "empty");
  const args = ["plan", "examples/nlb-service.yaml", "--gitops", gitops, "--live", `${HAND}/kubectl-drift`];
  const json = JSON.parse(cli(...args, "--json").stdout) as { findings: { severity: string; message: string; path: string }[] };
  const drift = json.findings.filter((f) => f.message.startsWith("drift:"));
  assert.deepEqual(drift, [
    {
      severity: "warning",
      message:
        "drift: mqtt/mqtt-debug:1883 is served in the cluster (nlb 'mqtt/mqtt-debug' internal → mqtt/mqtt-debug:1883) but not in Git: made by hand, so Argo CD neither keeps nor removes it",
      path: `live:${HAND}/kubectl-drift/cluster.yaml`,
    },
  ]);
  const body = cli(...args);
  assert.equal(body.code, 0);
  // Markdown-escaped in the body, as every finding is.
  assert.match(
    body.stdout,
    /^- ⚠️ \*\*warning\*\* drift\\: mqtt\/mqtt-debug\\:1883 is served in the cluster .* — `live:test\/fixtures\/hand-written\/kubectl-drift\/cluster\.yaml`$/m,
  );
  // The broker's Service as the cluster runs it reads as Git renders it: no drift for it.
  assert.doesNotMatch(body.stdout, /drift\\: mqtt\\:8883/);
});

test("plan --live reports a path in Git that the cluster does not serve", () => {
  const missing = join(dir, "no-dump.yaml");
  const run = spawnSync(
    E2E_NODE,
    [DIST_CLI, "plan", "examples/nlb-service.yaml", "--gitops", join(dir, "empty"), "--live", "-", "--json"],
    {
      encoding: "utf8",
      input: "apiVersion: v1\nkind: List\nitems: []\n",
    },
  );
  assert.equal(run.status, 0, run.stderr);
  const findings = (JSON.parse(run.stdout) as { findings: { message: string; path: string }[] }).findings.filter((f) =>
    f.message.startsWith("drift:"),
  );
  assert.deepEqual(findings, [
    {
      severity: "warning",
      message:
        "drift: mqtt:8883 is in Git (nlb 'mqtt' internet-facing → mqtt/mqtt-broker:8883) but not served in the cluster: not synced yet, or failing",
      path: "clusters/iot-eks/ingress",
    },
  ]);
  assert.equal(cli("plan", "examples/nlb-service.yaml", "--gitops", join(dir, "empty"), "--live", missing).code, 2);
  assert.equal(cli("plan", "examples/fleet/*.yaml", "--gitops", join(dir, "empty"), "--live", `${HAND}/kubectl-drift`).code, 2);
});
