// `render` of several specs writes all or nothing: one spec refused (by its own checks, or by what
// only the render of the whole run shows) and no spec's files are written, and nothing crashes.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { cli } from "../support/dist.ts";
import { kongSpecText } from "../validate/spec-text.ts";

const dir = mkdtempSync(join(tmpdir(), "ingress-gitops-all-or-nothing-"));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

function spec(name: string, path: string, gateway: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, kongSpecText(name, path, gateway));
  return file;
}

test("a folder name the file system refuses, among good specs, writes nothing and crashes nothing", () => {
  const out = join(dir, "long");
  const { code, stdout, stderr } = cli(
    "render",
    "examples/alb-kong.yaml",
    spec("long", `clusters/${"x".repeat(256)}`, "edge"),
    "examples/nlb-service.yaml",
    "--out",
    out,
  );
  assert.equal(code, 1, stderr);
  assert.match(stdout, /gitops\.path: .* has a folder name of 256 bytes; file systems accept at most 255/);
  assert.match(stdout, /nothing was written/);
  assert.throws(() => readdirSync(out), /ENOENT/);
});

test("Applications two specs would share, among good specs, write nothing", () => {
  const out = join(dir, "shared");
  const { code, stdout } = cli(
    "render",
    "examples/alb-kong.yaml",
    spec("a", "clusters/a", "b-routes-edge"),
    spec("a-kong-b", "clusters/b", "edge"),
    "--out",
    out,
  );
  assert.equal(code, 1);
  assert.match(
    stdout,
    /a\.yaml:7:19: gateways\[0\]\.name: makes the Argo CD Application 'a-kong-b-routes-edge' in namespace 'argocd', which \S*a-kong-b\.yaml:7:19 \(spec 'a-kong-b'\) makes too/,
  );
  assert.match(stdout, /nothing was written/);
  assert.throws(() => readdirSync(out), /ENOENT/);
});

// Found only when writing, such a path would fail the run half-way (EEXIST, ENOTDIR, EISDIR) with
// the specs before it written; it is read before anything is written and refused by name.
for (const [what, inTheWay, refusal] of [
  ["a file at a spec's folder", "clusters/b", /clusters\/b is a file, not a folder; the folder's files could not be written there/],
  ["a file where a spec writes a folder", "clusters/b/apps", /clusters\/b\/apps is a file, but spec 'b' writes files inside it/],
  [
    "a folder where a spec writes a file",
    "clusters/b/root.yaml/kept",
    /clusters\/b\/root\.yaml is a folder, but spec 'b' writes a file there/,
  ],
] as const) {
  test(`${what}, after a good spec, writes nothing and crashes nothing`, () => {
    const out = join(dir, `in-the-way-${inTheWay.replaceAll("/", "-")}`);
    const path = join(out, inTheWay);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, "a person's file\n");
    const { code, stdout, stderr } = cli("render", spec("a", "clusters/a", "edge"), spec("b", "clusters/b", "edge"), "--out", out);
    assert.equal(code, 1, stderr);
    assert.match(stderr, refusal);
    assert.match(stderr, /nothing was written/);
    assert.deepEqual(readdirSync(join(out, "clusters")), ["b"], stdout);
  });
}

test("validate reports what only the render shows (Applications two specs share) in the same run as another spec's own error", () => {
  const broken = join(dir, "broken.yaml");
  writeFileSync(broken, kongSpecText("broken", "clusters/broken", "edge").replace("region: eu-west-1", "region: 7"));
  const { code, stdout } = cli("validate", spec("a", "clusters/a", "b-routes-edge"), spec("a-kong-b", "clusters/b", "edge"), broken);
  assert.equal(code, 1);
  assert.match(stdout, /broken\.yaml:4:28: cluster\.region: expected a string, got a number/);
  assert.match(
    stdout,
    /\/a\.yaml:7:19: gateways\[0\]\.name: makes the Argo CD Application 'a-kong-b-routes-edge' in namespace 'argocd', which \S*a-kong-b\.yaml:7:19/,
  );
  assert.match(stdout, /2 error\(s\); nothing was written/);
});
