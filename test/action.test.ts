// The action as the runner starts it: `node dist/index.js` with INPUT_* and GITHUB_* set.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";

const dir = mkdtempSync(join(tmpdir(), "ingress-gitops-action-"));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

function runAction(spec: string) {
  const output = join(dir, `output-${Math.random().toString(36).slice(2)}`);
  writeFileSync(output, "");
  const env = { PATH: process.env["PATH"] ?? "", INPUT_SPEC: spec, GITHUB_OUTPUT: output, GITHUB_WORKSPACE: process.cwd() };
  const result = spawnSync(process.execPath, ["dist/index.js"], { encoding: "utf8", env });
  return { code: result.status, stdout: result.stdout, output: readFileSync(output, "utf8") };
}

test("every problem becomes an annotation on its file and line, and the step fails", () => {
  const { code, stdout } = runAction("test/fixtures/invalid/unknown-references.yaml");
  assert.equal(code, 1);
  const annotations = stdout.split("\n").filter((line) => line.startsWith("::error") || line.startsWith("::warning"));
  assert.ok(
    annotations.includes(
      "::error title=ingress-gitops,file=test/fixtures/invalid/unknown-references.yaml,line=12,col=38::routes[0].gateway: unknown gateway 'webb' (did you mean 'web'?) (known: web, internal)",
    ),
    annotations.join("\n"),
  );
  assert.ok(annotations.some((a) => a.startsWith("::warning title=ingress-gitops,file=test/fixtures/invalid/unknown-references.yaml,line=7,col=12::")));
  assert.match(stdout, /^::error::3 problem\(s\) in the specs; nothing was written$/m);
});

test("valid specs from a multi-line input pass", () => {
  const { code, output } = runAction("examples/alb-istio.yaml\nexamples/alb-kong.yaml, examples/nlb-service.yaml");
  assert.equal(code, 0);
  assert.match(output, /^specs<<(.+)\n3\n\1$/m);
});
