// The road to a writer: every door reaches Verified through readySpecs, and nothing else is
// Verified. The lines marked @ts-expect-error are assertions too: `npm run typecheck` fails if
// one of them stops being a type error.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { renderCommand } from "../../src/commands/render.ts";
import { loadSpecs } from "../../src/pipeline/load-specs.ts";
import { readyRender, readySpecs } from "../../src/pipeline/ready-specs.ts";
import type { Verified, WritePlan } from "../../src/pipeline/road.ts";
import { validateSpecBytes } from "../../src/validate/validate.ts";
import { kongSpecText } from "../validate/spec-text.ts";
import { planWrites } from "../../src/plan/write-plan.ts";
import { renderSpecs } from "../../src/render/render-specs.ts";
import { RenderValidationError, verifySpec } from "../../src/verify/verified.ts";

const dir = mkdtempSync(join(tmpdir(), "ingress-gitops-road-"));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A template override whose Applications carry a field Argo CD's schema does not have. */
function brokenTemplates(): string {
  const templates = mkdtempSync(join(dir, "templates-"));
  const application = readFileSync("templates/application.yaml.hbs", "utf8");
  assert.ok(application.includes("  project: {{y project}}\n"));
  writeFileSync(join(templates, "application.yaml.hbs"), application.replace("  project: {{y project}}\n", "$&  projekt: typo\n"));
  return templates;
}

const EXAMPLES = ["examples/alb-kong.yaml", "examples/nlb-service.yaml"];

test("specs that render valid output arrive Verified, each with the files its render made", async () => {
  const ready = await readySpecs(EXAMPLES, {});
  assert.ok(ready.ok, JSON.stringify(ready.problems));
  assert.deepEqual(
    ready.results.map((v) => v.files.map((f) => f.path)),
    renderSpecs((await loadSpecs(EXAMPLES)).specs).map((r) => r.files.map((f) => f.path)),
  );
  // Into an empty checkout: every rendered file, and one ownership record per spec.
  const plan = planWrites(ready.results, new Map());
  assert.equal(plan.writes.size, ready.results.flatMap((v) => v.files).length + 2);
});

test("output that fails its upstream schema is refused on the road, before any writer: nothing is Verified", async () => {
  const ready = await readySpecs(["examples/alb-kong.yaml"], { templates: brokenTemplates() });
  assert.equal(ready.ok, false);
  assert.ok(ready.refusal instanceof RenderValidationError);
  assert.match(ready.refusal.message, /^ {2}root\.yaml: Application argocd\/api-kong-ingress \/spec\/projekt: unknown field "projekt"/m);
  assert.equal("results" in ready, false);
});

test("each spec is handed on as it is verified, in the specs' order, and results[i] is made from specs[i]", async () => {
  const seen: string[] = [];
  const ready = await readySpecs(EXAMPLES, {}, (v) => {
    seen.push(v.spec);
    return v.files.length;
  });
  assert.ok(ready.ok, JSON.stringify(ready.problems));
  assert.deepEqual(
    seen,
    ready.specs.map((s) => s.spec),
  );
  assert.deepEqual(
    ready.results,
    renderSpecs((await loadSpecs(EXAMPLES)).specs).map((r) => r.files.length),
  );
});

test("the specs are taken out of what was loaded, and the doors are left their files, names and folders", async () => {
  const loaded = await loadSpecs(EXAMPLES);
  const expected = loaded.specs.map((s) => ({ folder: s.spec.gitops.path, spec: s.spec.metadata.name, source: s.name, file: s.file }));
  const ready = readyRender(loaded, undefined, () => undefined);
  assert.ok(ready.ok, JSON.stringify(ready.problems));
  assert.deepEqual(ready.specs, expected);
  // Nothing holds a parsed spec once it is rendered.
  assert.deepEqual([loaded.specs, loaded.sound], [[], []]);
});

test("spec by spec, the refusal is still the run's first: a later spec's clash outranks an earlier spec's invalid output", async () => {
  writeFileSync(join(dir, "a.yaml"), kongSpecText("a", "clusters/a", "b-routes-edge"));
  writeFileSync(join(dir, "b.yaml"), kongSpecText("a-kong-b", "clusters/b", "edge"));
  const used: string[] = [];
  const ready = await readySpecs(
    ["examples/alb-kong.yaml", join(dir, "a.yaml"), join(dir, "b.yaml")],
    { templates: brokenTemplates() },
    (v) => used.push(v.spec),
  );
  assert.equal(ready.ok, false);
  assert.equal(ready.refusal, undefined);
  assert.deepEqual(
    ready.problems.map((p) => p.message),
    [
      `gateways[0].name: makes the Argo CD Application 'a-kong-b-routes-edge' in namespace 'argocd', which ${join(dir, "a.yaml")}:7:19 (spec 'a') makes too; one would overwrite the other: rename one`,
    ],
  );
  // The first spec's output failed its schema: nothing after it was handed on.
  assert.deepEqual(used, []);
});

test("render, a door, writes nothing when the road refuses the output", async () => {
  const out = join(dir, "out");
  const result = await renderCommand(["examples/alb-kong.yaml"], { out, templates: brokenTemplates() });
  assert.equal(result.exitCode, 1);
  assert.match(result.stderr ?? "", /^ingress-gitops: rendered output fails its upstream schema/);
  assert.match(result.stderr ?? "", /nothing was written\n$/);
  assert.throws(() => readdirSync(out), /ENOENT/);
});

test("a spec with errors is no ValidSpec; only verifySpec makes a Verified, and only planWrites a WritePlan", () => {
  const { typed, valid } = validateSpecBytes(
    "w.yaml",
    new TextEncoder().encode(kongSpecText("w", "clusters/w", "edge").replace("gateway: edge,", "gateway: nowhere,")),
  );
  assert.equal(valid, undefined);
  assert.ok(typed);
  // @ts-expect-error: a spec that passed the schema but not its checks cannot be rendered
  renderSpecs([typed]);
  const files = { spec: "s", source: "s.yaml", folder: "clusters/s", files: [] };
  // @ts-expect-error: files that did not pass verify are not Verified
  const unverified: Verified = files;
  // @ts-expect-error: a plan not made by planWrites from Verified specs cannot reach a writer
  const forged: WritePlan = { folders: [], writes: new Map(), deletes: [] };
  // @ts-expect-error: a render's files without what verify checks cannot be verified
  assert.throws(() => verifySpec(files), TypeError);
  assert.deepEqual([unverified.folder, forged.deletes], ["clusters/s", []]);
});
