// The model of every example and of the ApplicationSet fixture: together they use every template.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildModel } from "../../src/model/build.ts";
import type { Model } from "../../src/model/types.ts";
import { validateSpecBytes } from "../../src/validate/validate.ts";

export function exampleModels(): { readonly file: string; readonly model: Model }[] {
  const files = [
    ...readdirSync("examples")
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => join("examples", f)),
    "test/fixtures/render/applicationset/spec.yaml",
  ];
  return files.map((file) => {
    const { valid } = validateSpecBytes(file, readFileSync(file));
    assert.ok(valid, file);
    return { file, model: buildModel(valid) };
  });
}
