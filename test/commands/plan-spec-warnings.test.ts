// A spec's positioned warnings flow into the plan as findings (and so into `plan --json` and the PR body).
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { planCommand } from "../../src/commands/plan.ts";
import { kongSpecText } from "../validate/spec-text.ts";

const dir = mkdtempSync(join(tmpdir(), "ingress-gitops-plan-warnings-"));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

test("plan --json lists a spec warning as a finding at the spec's file:line:col", async () => {
  mkdirSync(join(dir, "gitops"));
  // Without cluster.vpcId ALBC asks the instance metadata service: a warning on the cluster field.
  const text = kongSpecText("w", "clusters/w", "edge").replace(
    "cluster: {name: c, region: eu-west-1, vpcId: vpc-0123456789abcdef0}",
    "cluster: {name: c, region: eu-west-1}",
  );
  writeFileSync(join(dir, "w.yaml"), text);
  const result = await planCommand(["w.yaml"], { gitops: join(dir, "gitops"), json: true, cwd: dir });
  assert.equal(result.exitCode, 0, result.stderr);
  assert.ok(typeof result.stdout !== "string", "plan --json is written piece by piece");
  const plan = JSON.parse([...result.stdout.chunks].join("")) as { findings: { severity: string; message: string; path: string }[] };
  assert.deepEqual(
    plan.findings.filter((f) => f.path.startsWith("w.yaml")),
    [
      {
        severity: "warning",
        message:
          "cluster: no vpcId: the AWS Load Balancer Controller will ask the instance metadata service for it, which fails with an IMDSv2 hop limit of 1",
        path: "w.yaml:4:1",
      },
    ],
  );
});
