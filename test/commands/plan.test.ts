// `plan` and `topology` as a user runs them: the committed bundle, spawned.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { listFiles } from "../../scripts/update-render-goldens.ts";
import { cli } from "../support/dist.ts";
import { elements, renderGfm, visibleText } from "../support/gfm.ts";

const dir = mkdtempSync(join(tmpdir(), "ingress-gitops-plan-"));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

test("plan against an empty checkout: every file added, the PR body printed, nothing written", () => {
  const gitops = join(dir, "empty");
  const { code, stdout } = cli("plan", "examples/alb-kong.yaml", "--gitops", gitops);
  assert.equal(code, 0);
  assert.match(
    stdout,
    /^<!-- ingress-gitops:start sha256=[0-9a-f]{64} -->\n<!-- ingress-gitops:digest=[0-9a-f]{64} -->\n## Ingress topology\n\n\*\*Risk:\*\* /,
  );
  assert.match(stdout, /\*\*11 files\*\* \(11 added, 0 changed, 0 removed\)/);
  assert.throws(() => readdirSync(gitops), /ENOENT/, "plan writes nothing");
});

test("plan --json against a checkout that already holds the render: nothing changes", () => {
  const gitops = join(dir, "current");
  cpSync("test/fixtures/render/alb-kong/expected", join(gitops, "clusters/api-eks/ingress"), { recursive: true });
  const first = JSON.parse(cli("plan", "examples/alb-kong.yaml", "--gitops", gitops, "--json").stdout) as {
    files: { added: string[]; changed: string[]; removed: string[] };
    topology: { added: unknown[] };
  };
  // The checkout has the files but not yet the ownership record.
  assert.deepEqual(first.files, { added: ["clusters/api-eks/ingress/.ingress-gitops.json"], changed: [], removed: [] });
  assert.deepEqual(first.topology.added, []);
});

test("topology reads any folder of Kubernetes YAML", () => {
  const { code, stdout } = cli("topology", "test/fixtures/render/combined/expected");
  assert.equal(code, 0);
  assert.match(stdout, /^partners\.example\.com \/v1: alb api-alb \(internet-facing\) → kong api → partners\/partner-api:80 \[tls\]$/m);
  assert.match(stdout, /^5 path\(s\) from 30 file\(s\)$/m);
  const json = JSON.parse(cli("topology", "test/fixtures/render/combined/expected", "--json").stdout) as {
    paths: { host: string }[];
    findings: unknown[];
  };
  assert.equal(json.paths.length, 5);
  assert.deepEqual(Object.keys(json), ["paths", "findings"]);
  assert.equal(listFiles("test/fixtures/render/combined/expected").length, 30);
});

test("plan and topology say what they need", () => {
  assert.equal(cli("plan", "examples/alb-kong.yaml").code, 2);
  assert.equal(cli("topology").code, 2);
});

test("the fleet example plans as one pull request: the risk across clusters first, then one row per cluster, riskiest first", () => {
  const { code, stdout } = cli("plan", "examples/fleet/*.yaml", "--gitops", join(dir, "fleet-empty"));
  assert.equal(code, 0);
  assert.match(
    stdout,
    /^\*\*Risk:\*\* this change ⚠️ \*\*makes 1 path internet-facing\*\* \(`prod\.shop\.example\.com \/` in shop-prod\) in 1 of 2 clusters\.$/m,
  );
  assert.match(
    stdout,
    /^\| shop-prod \| ⛔ 0 · ⚠️ 1 · ℹ️ 0 \| 1 \| \+1 −0 ~0 \| \d+ \|\n\| shop-staging \| ⛔ 0 · ⚠️ 0 · ℹ️ 0 \| 0 \| \+1 −0 ~0 \| \d+ \|$/m,
  );
  assert.ok(stdout.indexOf("**Risk:**") < stdout.indexOf("| cluster |"), "the headline comes before any table");
});

test("a body too large is cut, and its note sends the reader to plan --json in words that render as written", () => {
  const routes = Array.from(
    { length: 300 },
    (_, i) =>
      `  - {name: r${i}, namespace: r${i}, gateway: web, hosts: [r${i}.example.com], rules: [{path: /, backend: {service: r${i}, port: 80}}]}`,
  );
  const spec = join(dir, "big.yaml");
  writeFileSync(
    spec,
    [
      "apiVersion: ingress-gitops/v1alpha1",
      "kind: IngressSpec",
      "metadata: {name: big}",
      "cluster: {name: big-eks, region: eu-west-1, vpcId: vpc-0123456789abcdef0}",
      'gitops: {repoURL: "https://github.com/acme/gitops.git", path: clusters/big/ingress}',
      "loadBalancers: [{name: lb, type: alb, scheme: internal, groupName: big}]",
      "gateways: [{name: web, type: alb, loadBalancer: lb}]",
      "routes:",
      ...routes,
      "",
    ].join("\n"),
  );
  const { code, stdout } = cli("plan", spec, "--gitops", join(dir, "big-empty"));
  assert.equal(code, 0);
  const note = elements(renderGfm(stdout), "blockquote")
    .map(visibleText)
    .find((t) => t.includes("Shortened"));
  assert.match(
    note ?? "",
    /What is left out is in the output of ingress-gitops plan --json \(files with their diffs, paths and findings\)\.\s*$/,
  );
});
