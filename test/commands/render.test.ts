// `render` as a user runs it: the committed bundle writes each spec's files under
// DIR/<gitops.path>/ and nothing else; a bad spec or a bad template writes nothing.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { listFiles } from "../../scripts/update-render-goldens.ts";

const dir = mkdtempSync(join(tmpdir(), "ingress-gitops-render-"));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ["dist/cli.js", ...args], { encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test("writes each spec's files under its gitops.path, exactly the golden set", () => {
  const out = join(dir, "gitops");
  mkdirSync(out);
  writeFileSync(join(out, "README.md"), "hand-written\n");
  const { code, stdout } = cli("render", "examples/alb-kong.yaml", "examples/nlb-service.yaml", "--out", out);
  assert.equal(code, 0, stdout);
  assert.deepEqual(readdirSync(out).sort(), ["README.md", "clusters"]);
  assert.equal(readFileSync(join(out, "README.md"), "utf8"), "hand-written\n", "files beside the owned folders are untouched");
  assert.deepEqual(listFiles(join(out, "clusters/api-eks/ingress")), listFiles("test/fixtures/render/alb-kong/expected"));
  assert.deepEqual(readdirSync(join(out, "clusters")).sort(), ["api-eks", "iot-eks"]);
});

test("a spec with errors writes nothing", () => {
  const out = join(dir, "refused");
  const { code, stdout } = cli("render", "examples/alb-kong.yaml", "test/fixtures/invalid/unknown-references.yaml", "--out", out);
  assert.equal(code, 1);
  assert.match(stdout, /nothing was written/);
  assert.throws(() => readdirSync(out), /ENOENT/);
});

test("a template override that breaks the output schema writes nothing and names the file", () => {
  const templates = join(dir, "templates");
  mkdirSync(templates);
  writeFileSync(join(templates, "kongplugin.yaml.hbs"), "apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata:\n  name: {{y name}}\n  namespace: {{y namespace}}\nplugin: {{y plugin}}\nconfg: {{y config}}\n");
  const out = join(dir, "broken");
  const { code, stderr } = cli("render", "examples/alb-kong.yaml", "--out", out, "--templates", templates);
  assert.equal(code, 1);
  assert.match(stderr, /manifests\/routes-api\/public-api\/kongplugin-public-api-rate-limiting\.yaml: KongPlugin public-api\/public-api-rate-limiting \/confg: unknown field "confg"/);
  assert.match(stderr, /nothing was written/);
  assert.throws(() => readdirSync(out), /ENOENT/);
});

test("render without --out is a usage error", () => {
  const { code, stderr } = cli("render", "examples/alb-kong.yaml");
  assert.equal(code, 2);
  assert.match(stderr, /render needs --out DIR/);
});
