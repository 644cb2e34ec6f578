// The render cases and their goldens, test/fixtures/render/<case>/expected/ (`npm run goldens`
// regenerates them): one per example (its spec is examples/<case>.yaml) and one per folder holding
// its own spec.yaml. Goldens change only through that script, and a golden change is reviewed like code.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { buildModel } from "../src/model/build.ts";
import { renderModel, type Rendered } from "../src/render/render.ts";
import { loadTemplates } from "../src/render/templates.ts";
import { validateSpecBytes } from "../src/validate/validate.ts";
import { verifyRendered } from "../src/verify/verified.ts";

export const RENDER_FIXTURES = "test/fixtures/render";

export interface RenderCase {
  readonly name: string;
  readonly spec: string;
  readonly expected: string;
}

export function renderCases(): RenderCase[] {
  const examples = readdirSync("examples")
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.replace(/\.yaml$/, ""));
  const own = readdirSync(RENDER_FIXTURES).filter((d) => existsSync(join(RENDER_FIXTURES, d, "spec.yaml")));
  return [
    ...examples.map((name) => ({ name, spec: `examples/${name}.yaml`, expected: join(RENDER_FIXTURES, name, "expected") })),
    ...own.map((name) => ({ name, spec: join(RENDER_FIXTURES, name, "spec.yaml"), expected: join(RENDER_FIXTURES, name, "expected") })),
  ].sort((a, b) => (a.name < b.name ? -1 : 1));
}

export function renderCase(spec: string): Rendered {
  const { valid, problems } = validateSpecBytes(spec, readFileSync(spec));
  if (valid === undefined) throw new Error(`${spec} is not valid: ${JSON.stringify(problems)}`);
  const rendered = renderModel(buildModel(valid), loadTemplates());
  verifyRendered(rendered);
  return rendered;
}

/** Every file under `dir`, relative, sorted. */
export function listFiles(dir: string, prefix = ""): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

export function updateRenderGoldens(): string {
  for (const c of renderCases()) {
    rmSync(c.expected, { recursive: true, force: true });
    for (const file of renderCase(c.spec).files) {
      const target = join(c.expected, file.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.content);
    }
  }
  return `updated ${renderCases().length} render goldens in ${RENDER_FIXTURES}`;
}
