// `render` as a user runs it: the committed bundle writes each spec's files under
// DIR/<gitops.path>/ and nothing else; a bad spec or a bad template writes nothing.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { listFiles } from "../../scripts/update-render-goldens.ts";
import { cli } from "../support/dist.ts";

const dir = mkdtempSync(join(tmpdir(), "ingress-gitops-render-"));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

test("writes each spec's files under its gitops.path, exactly the golden set", () => {
  const out = join(dir, "gitops");
  mkdirSync(out);
  writeFileSync(join(out, "README.md"), "hand-written\n");
  const { code, stdout } = cli("render", "examples/alb-kong.yaml", "examples/nlb-service.yaml", "--out", out);
  assert.equal(code, 0, stdout);
  assert.deepEqual(readdirSync(out).sort(), ["README.md", "clusters"]);
  assert.equal(readFileSync(join(out, "README.md"), "utf8"), "hand-written\n", "files beside the owned folders are untouched");
  assert.deepEqual(
    listFiles(join(out, "clusters/api-eks/ingress")),
    [".ingress-gitops.json", ...listFiles("test/fixtures/render/alb-kong/expected")].sort(),
    "the render and its ownership record, as delivery commits them",
  );
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
  writeFileSync(
    join(templates, "kongplugin.yaml.hbs"),
    "apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata:\n  name: {{y name}}\n  namespace: {{y namespace}}\nplugin: {{y plugin}}\nconfg: {{y config}}\n",
  );
  const out = join(dir, "broken");
  const { code, stderr } = cli("render", "examples/alb-kong.yaml", "--out", out, "--templates", templates);
  assert.equal(code, 1);
  assert.match(
    stderr,
    /manifests\/routes-api\/public-api\/kongplugin-public-api-rate-limiting\.yaml: KongPlugin public-api\/public-api-rate-limiting \/confg: unknown field "confg"/,
  );
  assert.match(stderr, /nothing was written/);
  assert.throws(() => readdirSync(out), /ENOENT/);
});

test("render without --out is a usage error", () => {
  const { code, stderr } = cli("render", "examples/alb-kong.yaml");
  assert.equal(code, 2);
  assert.match(stderr, /render needs --out DIR/);
});

const ALB_KONG = "clusters/api-eks/ingress";

/** alb-kong without its rate-limiting plugin, so one owned file is no longer rendered; the spec file lives in `dir`. */
function withoutPlugin(name: string): string {
  const spec = readFileSync("examples/alb-kong.yaml", "utf8");
  const kept = spec.replace(/\n {4}plugins:\n {6}- name: rate-limiting\n.*/, "");
  assert.notEqual(kept, spec, "the example has the plugin this test removes");
  const file = join(dir, name);
  writeFileSync(file, kept);
  return file;
}

test("render then plan of the same spec is empty, and a removed route's files are removed from --out", () => {
  const out = join(dir, "parity");
  assert.equal(cli("render", "examples/alb-kong.yaml", "--out", out).code, 0);
  const planned = JSON.parse(cli("plan", "examples/alb-kong.yaml", "--gitops", out, "--json").stdout) as {
    files: Record<string, string[]>;
  };
  assert.deepEqual(
    planned.files,
    { added: [], changed: [], removed: [] },
    "render writes exactly what delivery would commit, the ownership record included",
  );
  const before = listFiles(join(out, ALB_KONG));
  writeFileSync(join(out, ALB_KONG, "NOTES.md"), "hand-written\n");
  const smaller = withoutPlugin("alb-kong-smaller.yaml");
  const removal = JSON.parse(cli("plan", smaller, "--gitops", out, "--json").stdout) as { files: Record<string, string[]> };
  assert.deepEqual(
    removal.files["removed"],
    [`${ALB_KONG}/manifests/routes-api/public-api/kongplugin-public-api-rate-limiting.yaml`],
    "plan shows the removal of the plugin's file, and only that",
  );
  const rendered = cli("render", smaller, "--out", out);
  assert.equal(rendered.code, 0, rendered.stderr);
  const after = listFiles(join(out, ALB_KONG));
  assert.deepEqual(
    before.filter((f) => !after.includes(f)).map((f) => `${ALB_KONG}/${f}`),
    removal.files["removed"],
    "render removes exactly the owned files plan said it removes",
  );
  assert.ok(after.includes("NOTES.md"), "a file the record does not own stays");
  assert.deepEqual((JSON.parse(cli("plan", smaller, "--gitops", out, "--json").stdout) as { files: Record<string, string[]> }).files, {
    added: [],
    changed: [],
    removed: [],
  });
});

test("render --out follows no link: a link inside, at, or on the way to the owned folder is refused by name and nothing is written", () => {
  const outside = join(dir, "outside");
  mkdirSync(outside);
  const cases: Record<string, (out: string) => void> = {
    "clusters/api-eks/ingress/manifests": (out) => {
      mkdirSync(join(out, ALB_KONG), { recursive: true });
      symlinkSync(outside, join(out, ALB_KONG, "manifests"));
    },
    "clusters/api-eks/ingress/root.yaml": (out) => {
      mkdirSync(join(out, ALB_KONG), { recursive: true });
      symlinkSync(join(outside, "root.yaml"), join(out, ALB_KONG, "root.yaml"));
    },
    "clusters/api-eks/ingress": (out) => {
      mkdirSync(join(out, "clusters/api-eks"), { recursive: true });
      symlinkSync(outside, join(out, ALB_KONG));
    },
    clusters: (out) => {
      mkdirSync(out, { recursive: true });
      symlinkSync(outside, join(out, "clusters"));
    },
  };
  for (const [link, plant] of Object.entries(cases)) {
    const out = join(dir, `links-${link.replaceAll("/", "-")}`);
    plant(out);
    const { code, stderr } = cli("render", "examples/alb-kong.yaml", "--out", out);
    assert.equal(code, 1, link);
    assert.ok(stderr.includes(`${link} is a symbolic link`), `${link}: ${stderr}`);
    assert.match(stderr, /nothing was written/);
    assert.deepEqual(readdirSync(outside), [], `${link}: nothing was written through the link`);
    assert.equal(existsSync(join(out, "clusters/iot-eks")), false);
  }
});

test("plan --gitops reads nothing through a link: a symlinked owned folder or ancestor is refused by name", () => {
  const outside = join(dir, "secrets");
  mkdirSync(join(outside, "ingress"), { recursive: true });
  writeFileSync(join(outside, "ingress", "root.yaml"), "password: hunter2\n");
  const gitops = join(dir, "plan-links");
  mkdirSync(join(gitops, "clusters"), { recursive: true });
  symlinkSync(outside, join(gitops, "clusters/api-eks"));
  const { code, stdout, stderr } = cli("plan", "examples/alb-kong.yaml", "--gitops", gitops);
  assert.equal(code, 1);
  assert.match(stderr, /clusters\/api-eks is a symbolic link on the way to the folder clusters\/api-eks\/ingress/);
  assert.doesNotMatch(stdout + stderr, /hunter2/, "nothing outside the checkout reaches the output");
});

test("a folder owned by another spec, or nested in one, is refused naming both specs", () => {
  const out = join(dir, "takeover");
  assert.equal(cli("render", "examples/alb-kong.yaml", "--out", out).code, 0);
  const other = join(dir, "other-team.yaml");
  writeFileSync(
    other,
    readFileSync("examples/alb-kong.yaml", "utf8").replace(/^(metadata:\s*\n\s+name:|metadata: \{name:) *[\w-]+/m, "$1 other-team"),
  );
  const owned = readFileSync(join(out, ALB_KONG, ".ingress-gitops.json"), "utf8");
  const taken = cli("render", other, "--out", out);
  assert.equal(taken.code, 1);
  assert.match(
    taken.stderr,
    /'clusters\/api-eks\/ingress' \(gitops.path of spec 'other-team' from .*other-team\.yaml\) is owned by spec 'api-kong' from examples\/alb-kong\.yaml/,
  );
  assert.equal(readFileSync(join(out, ALB_KONG, ".ingress-gitops.json"), "utf8"), owned, "nothing was written");
  const nested = join(dir, "nested.yaml");
  writeFileSync(nested, readFileSync(other, "utf8").replace(/path: *clusters\/api-eks\/ingress/, "path: clusters/api-eks"));
  const around = cli("render", nested, "--out", out);
  assert.equal(around.code, 1);
  assert.match(
    around.stderr,
    /'clusters\/api-eks' \(gitops.path of spec 'other-team' from .*\) holds the folder 'clusters\/api-eks\/ingress', owned by spec 'api-kong'/,
  );
  const inside = join(dir, "inside.yaml");
  writeFileSync(inside, readFileSync(other, "utf8").replace(/path: *clusters\/api-eks\/ingress/, "path: clusters/api-eks/ingress/team"));
  const within = cli("plan", inside, "--gitops", out);
  assert.equal(within.code, 1);
  assert.match(
    within.stderr,
    /'clusters\/api-eks\/ingress\/team' \(gitops.path of spec 'other-team' from .*\) lies inside the folder 'clusters\/api-eks\/ingress', owned by spec 'api-kong'/,
  );
});
