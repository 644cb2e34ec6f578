// The plan cases and their goldens, test/fixtures/plan/<case>/expected.{json,md} (`npm run
// goldens` regenerates them). A case is a GitOps checkout before the change (what a previous run
// of `before.yaml` wrote, plus any hand-written files under `checkout/`) and the spec after it
// (`after.yaml`). Goldens change only through that script.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildPlan, type PlanReport } from "../src/diff/plan.ts";
import { planJson } from "../src/diff/plan-json.ts";
import { reportMarkdown, PR_BODY_LIMIT } from "../src/diff/markdown.ts";
import { readFolder } from "../src/plan/checkout.ts";
import { planWrites } from "../src/plan/write-plan.ts";
import { renderCase } from "./update-render-goldens.ts";
import { validateSpecBytes } from "../src/validate/validate.ts";
import { verifySpec } from "../src/verify/verified.ts";

export const PLAN_FIXTURES = "test/fixtures/plan";

export function planCases(): string[] {
  return readdirSync(PLAN_FIXTURES)
    .filter((d) => existsSync(join(PLAN_FIXTURES, d, "after.yaml")))
    .sort();
}

/** `before.yaml` and `after.yaml` are one spec file before and after a change: the record names it the same. */
function specFiles(spec: string) {
  const { valid } = validateSpecBytes(spec, readFileSync(spec));
  if (valid === undefined) throw new Error(`${spec} is not valid`);
  return verifySpec({ spec: valid.spec.metadata.name, source: "ingress-spec.yaml", folder: valid.spec.gitops.path, ...renderCase(spec) });
}

export async function planCase(name: string): Promise<PlanReport> {
  const dir = join(PLAN_FIXTURES, name);
  const checkout = new Map<string, string>();
  if (existsSync(join(dir, "before.yaml")))
    for (const [path, content] of planWrites([specFiles(join(dir, "before.yaml"))], new Map()).writes) checkout.set(path, content);
  const read = await readFolder(join(dir, "checkout"));
  if (!read.ok) throw new Error(`${name}: ${read.blocker.path} is in the way (${read.blocker.kind})`);
  for (const [path, content] of read.files) checkout.set(path, content);
  return buildPlan(planWrites([specFiles(join(dir, "after.yaml"))], checkout));
}

export function planOutputs(report: PlanReport): { json: string; markdown: string } {
  return {
    json: [...planJson(report)].join(""),
    markdown: `${reportMarkdown(report, { limit: PR_BODY_LIMIT, fullReport: { label: "the job summary", url: "https://github.com/acme/gitops/actions/runs/1" } })}\n`,
  };
}

export async function updatePlanGoldens(): Promise<string> {
  for (const name of planCases()) {
    const outputs = planOutputs(await planCase(name));
    writeFileSync(join(PLAN_FIXTURES, name, "expected.json"), outputs.json);
    writeFileSync(join(PLAN_FIXTURES, name, "expected.md"), outputs.markdown);
  }
  return `updated ${planCases().length} plan goldens in ${PLAN_FIXTURES}`;
}
