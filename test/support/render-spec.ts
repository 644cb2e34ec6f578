// A spec's text rendered as a run renders it: valid (or the test fails with its problems),
// rendered with the built-in templates, and verified against the pinned upstream schemas.
import assert from "node:assert/strict";
import { parse } from "yaml";
import { buildModel } from "../../src/model/build.ts";
import { renderModel, type Rendered } from "../../src/render/render.ts";
import { loadTemplates } from "../../src/render/templates.ts";
import { validateSpecBytes } from "../../src/validate/validate.ts";
import { verifyRendered } from "../../src/verify/verified.ts";

const templates = loadTemplates();

export function verifiedRender(file: string, text: string): Rendered {
  const { valid, problems } = validateSpecBytes(file, Buffer.from(text));
  assert.ok(valid, JSON.stringify(problems));
  const render = renderModel(buildModel(valid), templates);
  verifyRendered(render);
  return render;
}

/** Each file of the render parsed, by its path with `root/` taken off. */
export function renderedObjects(file: string, text: string, root = ""): Map<string, Record<string, unknown>> {
  const prefix = root === "" ? "" : `${root}/`;
  return new Map(
    verifiedRender(file, text).files.map((f) => [
      f.path.startsWith(prefix) ? f.path.slice(prefix.length) : f.path,
      parse(f.content) as Record<string, unknown>,
    ]),
  );
}
