// The stage-import rules of eslint.config.js fire where the architecture says a stage must not
// reach, and stay quiet where it may: each case lints one import as if it sat in that file.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ESLint } from "eslint";
import { stageImports } from "../../eslint.config.js";

const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: stageImports });

async function refused(file: string, from: string): Promise<boolean> {
  const [result] = await eslint.lintText(`import { x } from "${from}";\nexport { x };\n`, { filePath: file });
  assert.ok(result);
  assert.deepEqual(
    result.messages.filter((m) => m.ruleId !== "no-restricted-imports"),
    [],
  );
  return result.messages.length > 0;
}

const CASES: readonly [file: string, from: string, refused: boolean][] = [
  // A stage never imports a later one (the fact listener-mismatches.ts once borrowed from render).
  ["src/validate/checks/listener-mismatches.ts", "../../render/istio/index.ts", true],
  ["src/validate/checks/listener-mismatches.ts", "../../model/build.ts", true],
  ["src/validate/checks/listener-mismatches.ts", "../../controllers/istio-gateway.ts", false],
  ["src/load/source.ts", "../validate/types.ts", true],
  ["src/model/build.ts", "../validate/spec-facts.ts", false],
  ["src/render/render.ts", "../verify/manifest.ts", true],
  ["src/render/render-specs.ts", "../plan/write-plan.ts", true],
  ["src/verify/verified.ts", "../render/render.ts", false],
  ["src/plan/write-plan.ts", "../diff/plan.ts", true],
  ["src/diff/plan.ts", "../deliver/github.ts", true],
  ["src/diff/plan.ts", "../topology/extract.ts", false],
  // validate checks the spec's Helm values with the charts' schemas, and nothing else of verify.
  ["src/validate/checks/helm-values.ts", "../../verify/helm-values.ts", false],
  ["src/validate/checks/helm-values.ts", "../../verify/manifest.ts", true],
  // Topology reads manifests only.
  ["src/topology/documents.ts", "../validate/types.ts", true],
  ["src/topology/documents.ts", "../render/stamp.ts", true],
  ["src/topology/documents.ts", "../controllers/names.ts", false],
  // Import reads manifests through topology and writes spec text: no spec type, no render.
  ["src/import/import.ts", "../topology/extract.ts", false],
  ["src/import/import.ts", "../validate/types.ts", true],
  ["src/import/import.ts", "../render/render.ts", true],
  ["src/import/import.ts", "../plan/checkout.ts", true],
  ["src/topology/extract.ts", "../import/import.ts", true],
  ["src/commands/import.ts", "../import/import.ts", false],
  // Providers never import deliver; deliver never imports render or model.
  ["src/render/kong/index.ts", "../../deliver/github.ts", true],
  ["src/deliver/prepare.ts", "../render/render-specs.ts", true],
  ["src/deliver/prepare.ts", "../model/types.ts", true],
  ["src/deliver/prepare.ts", "../verify/verified.ts", false],
  // What every stage may use imports no stage; no stage imports a door.
  ["src/controllers/albc-annotations.ts", "../validate/types.ts", true],
  ["src/is-record.ts", "./render/render.ts", true],
  ["src/render/render.ts", "../is-record.ts", false],
  ["src/plan/write-plan.ts", "../pipeline/ready-specs.ts", true],
  ["src/main.ts", "./commands/deliver.ts", true],
  ["src/main.ts", "./pipeline/ready-specs.ts", false],
  ["src/commands/plan.ts", "../action/inputs.ts", true],
];

for (const [file, from, expected] of CASES)
  test(`${file} importing ${from} is ${expected ? "refused" : "allowed"}`, async () => {
    assert.equal(await refused(file, from), expected);
  });
