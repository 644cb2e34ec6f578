// The file-system door: globs, unreadable and oversized files, and checks across specs.
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { loadSpecs } from "../../src/pipeline/load-specs.ts";
import { formatProblem } from "../../src/problems.ts";
import { MAX_SPEC_BYTES } from "../../src/load/source.ts";

const dir = mkdtempSync(join(tmpdir(), "ingress-gitops-load-"));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

function spec(name: string, path: string): string {
  return `apiVersion: ingress-gitops/v1alpha1
kind: IngressSpec
metadata: {name: ${name}}
cluster: {name: c, region: eu-west-1, vpcId: vpc-0123456789abcdef0}
gitops: {repoURL: "https://github.com/acme/gitops.git", path: ${path}}
`;
}

function write(relative: string, text: string): void {
  mkdirSync(join(dir, relative, ".."), { recursive: true });
  writeFileSync(join(dir, relative), text);
}

test("expands globs, loads every spec and sorts them by file", async () => {
  write("fleet/b/ingress-spec.yaml", spec("b", "clusters/b"));
  write("fleet/a/ingress-spec.yaml", spec("a", "clusters/a"));
  write("fleet/ab/ingress-spec.yaml", spec("ab", "clusters/ab/"));
  const { specs, problems } = await loadSpecs(["fleet/**/ingress-spec.yaml"], dir);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    specs.map((s) => [s.file, s.spec.gitops.path]),
    [
      ["fleet/a/ingress-spec.yaml", "clusters/a"],
      ["fleet/ab/ingress-spec.yaml", "clusters/ab"],
      ["fleet/b/ingress-spec.yaml", "clusters/b"],
    ],
  );
});

test("refuses two specs that own the same folder or one inside the other, and duplicate names", async () => {
  write("clash/one.yaml", spec("one", "clusters/prod"));
  write("clash/two.yaml", spec("two", "clusters/prod/"));
  write("clash/three.yaml", spec("one", "clusters/prod/ingress"));
  const { specs, problems } = await loadSpecs(["clash/one.yaml", "clash/two.yaml", "clash/three.yaml"], dir);
  assert.deepEqual(specs, [], "nothing is handed on when any spec is refused");
  assert.deepEqual(
    problems.map(formatProblem),
    [
      "clash/three.yaml:3:18: metadata.name: 'one' is also the name of clash/one.yaml:3:18; names must be unique across specs",
      "clash/three.yaml:5:63: gitops.path: 'clusters/prod/ingress' is inside the folder owned by clash/one.yaml:5:63 ('clusters/prod'); each spec must own a folder of its own",
      "clash/two.yaml:5:63: gitops.path: 'clusters/prod' is also owned by clash/one.yaml:5:63 ('clusters/prod'); each spec must own a folder of its own",
      "clash/two.yaml:5:63: gitops.path: 'clusters/prod' contains the folder owned by clash/three.yaml:5:63 ('clusters/prod/ingress'); each spec must own a folder of its own",
    ].sort(),
  );
});

test("reports missing files, empty globs and oversized files without reading them", async () => {
  writeFileSync(join(dir, "huge.yaml"), "");
  writeFileSync(join(dir, "huge.yaml"), Buffer.alloc(MAX_SPEC_BYTES + 1, 0x20));
  const { problems } = await loadSpecs(["missing.yaml", "nothing/*.yaml", "huge.yaml", "."], dir);
  assert.deepEqual(problems.map(formatProblem), [
    ".:1:1: not a file",
    `huge.yaml:1:1: file is ${MAX_SPEC_BYTES + 1} bytes; a spec may be at most ${MAX_SPEC_BYTES} bytes (5 MiB)`,
    "missing.yaml:1:1: cannot read the spec: no such file",
    "nothing/*.yaml:1:1: no file matches this pattern",
  ]);
});

test("asks for at least one spec", async () => {
  const { problems } = await loadSpecs([], dir);
  assert.match(problems[0]?.message ?? "", /no spec given/);
});
