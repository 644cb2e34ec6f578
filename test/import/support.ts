// A round trip as a team would run it: import the hand-written folder of a GitOps checkout, then
// plan the imported spec against that same checkout.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { buildPlan, type FolderReport } from "../../src/diff/plan.ts";
import { importSpec, type ImportResult } from "../../src/import/import.ts";
import { readySpecs } from "../../src/pipeline/ready-specs.ts";
import { planWrites } from "../../src/plan/write-plan.ts";

export const HAND_WRITTEN = "test/fixtures/hand-written";
/** Where the fixture's files sit in the checkout: the folder the imported spec owns. */
export const FOLDER = "clusters/prod/ingress";

function filesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path).split("\\").join("/"), readFileSync(path, "utf8"));
    }
  };
  walk(dir);
  return files;
}

export function importFixture(topology: string): { readonly result: ImportResult; readonly files: Map<string, string> } {
  const files = filesUnder(join(HAND_WRITTEN, topology));
  const manifests = [...files].filter(([f]) => /\.ya?ml$/.test(f)).map(([file, content]) => ({ file, content }));
  const result = importSpec(manifests, { name: "prod", gitopsPath: FOLDER, schema: "ingress-spec.schema.json", inputs: [FOLDER] });
  return { result, files };
}

export interface RoundTrip {
  readonly text: string;
  /** What validate (the road every writing run takes) says of the imported spec. */
  readonly problems: readonly string[];
  readonly folder: FolderReport | undefined;
}

export async function roundTrip(topology: string): Promise<RoundTrip> {
  const { result, files } = importFixture(topology);
  if (!result.ok) throw new Error(result.message);
  const dir = mkdtempSync(join(tmpdir(), "import-"));
  try {
    writeFileSync(join(dir, "ingress-spec.yaml"), result.text);
    const ready = await readySpecs(["ingress-spec.yaml"], { cwd: dir });
    if (!ready.ok) return { text: result.text, problems: ready.problems.map((p) => `${p.line}:${p.col}: ${p.message}`), folder: undefined };
    const checkout = new Map([...files].map(([file, content]) => [`${FOLDER}/${file}`, content]));
    const report = buildPlan(planWrites(ready.results, checkout));
    // A ready spec has warnings and notes only.
    return { text: result.text, problems: [], folder: report.folders[0] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
