// The action's door, read like the recipe: inputs → specs rendered and verified (the road every
// command takes too) → deliver → outputs and summary. Problems become annotations; nothing else in the project knows about @actions/core.
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as core from "@actions/core";
import { readInputs, type FailOn, type Inputs } from "./action/inputs.ts";
import { logLine } from "./action/log-line.ts";
import { runUrl } from "./action/run-url.ts";
import { workspaceDir } from "./action/runner-env.ts";
import { departedLines, failureSummary, outcomeLine, problemsSummary } from "./action/run-summary.ts";
import { defaultBranch, defaultTitle } from "./deliver/defaults.ts";
import { deliverToGitHub, type Delivery } from "./deliver/github.ts";
import { githubClient, pacingFor } from "./deliver/octokit.ts";
import { reportMarkdown } from "./diff/markdown.ts";
import type { PlanReport } from "./diff/plan.ts";
import { planJson } from "./diff/plan-json.ts";
import { readySpecs, type Ready } from "./pipeline/ready-specs.ts";
import { errorCount, formatProblem, SEVERITY_RANK, type Problem, type Severity } from "./problems.ts";

/** GitHub keeps at most 1 MiB of a step's summary. */
const SUMMARY_LIMIT = 1_000_000;

export async function run(): Promise<void> {
  // Every output is set on every path, empty until known, so a later step never reads a stale or missing one.
  for (const [name, value] of Object.entries(UNSET)) core.setOutput(name, value);
  try {
    const inputs = readInputs();
    const workspace = workspaceDir(process.env);
    const ready = await readySpecs(inputs.specs, {
      cwd: workspace,
      ...(inputs.templates === undefined ? {} : { templates: resolve(workspace, inputs.templates) }),
    });
    // Specs that load count even when their render is refused.
    if (ready.specs.length > 0) core.setOutput("specs", String(ready.specs.length));
    annotate(ready.problems);
    core.setOutput("spec-errors", String(errorCount(ready.problems)));
    if (!ready.ok) {
      if (ready.refusal !== undefined) throw ready.refusal;
      await core.summary.addRaw(problemsSummary(ready.problems)).write();
      core.setFailed(`${errorCount(ready.problems)} problem(s) in the specs; nothing was written`);
      return;
    }
    await report(await deliver(inputs, ready), inputs);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await core.summary.addRaw(failureSummary(message)).write();
    core.setFailed(message);
  }
}

/** Every output, as a run that stops before delivering leaves it: nothing happened to a pull request. */
const UNSET = {
  specs: "",
  "spec-errors": "",
  operation: "none",
  changed: "",
  "pr-number": "",
  "pr-url": "",
  "head-sha": "",
  plan: "",
  departed: "",
  risk: "",
} as const;

function annotate(problems: readonly Problem[]): void {
  for (const p of problems) {
    const properties = { file: p.file, startLine: p.line, startColumn: p.col, title: "ingress-gitops" };
    if (p.severity === "error") core.error(p.message, properties);
    else if (p.severity === "warning") core.warning(p.message, properties);
    else core.notice(p.message, properties);
    core.info(logLine(formatProblem(p)));
  }
}

async function deliver(inputs: Inputs, ready: Extract<Ready, { ok: true }>): Promise<Delivery> {
  const names = ready.specs.map((s) => s.spec);
  const octokit = githubClient({
    token: inputs.token,
    baseUrl: inputs.apiUrl,
    warn: (m) => {
      core.warning(m);
    },
    pacing: pacingFor(inputs.apiUrl, process.env),
  });
  const title = inputs.title ?? defaultTitle(names);
  return deliverToGitHub({
    octokit,
    target: {
      owner: inputs.owner,
      repo: inputs.repo,
      branch: inputs.branch ?? defaultBranch(inputs.specs, names, inputs.workflowJob),
      ...(inputs.base === undefined ? {} : { base: inputs.base }),
    },
    specs: ready.results,
    pullRequest: {
      title,
      commitMessage: inputs.commitMessage ?? title,
      labels: inputs.labels,
      reviewers: inputs.reviewers,
      teamReviewers: inputs.teamReviewers,
      draft: inputs.draft,
      closeWhenEmpty: inputs.closeWhenEmpty,
      dryRun: inputs.dryRun,
    },
    renderBody: (plan, limit, departed) => reportMarkdown(plan, { limit, departed, fullReport: summaryLink() }),
  });
}

/** What the job summary leaves out is in the plan file: its diffs, paths and findings. */
const PLAN_FILE = { label: "the plan file named by the action's plan output (files with their diffs, paths and findings)" } as const;

function summaryLink(): { label: string; url?: string } {
  const url = runUrl(process.env);
  return url === undefined ? { label: "this run's job summary" } : { label: "this run's job summary", url };
}

async function report(delivery: Delivery, inputs: Inputs): Promise<void> {
  const planFile = join(process.env["RUNNER_TEMP"] ?? tmpdir(), "ingress-gitops-plan.json");
  await writeFile(planFile, planJson(delivery.report));
  core.setOutput("plan", planFile);
  core.setOutput("operation", delivery.operation);
  core.setOutput("changed", String(delivery.changed));
  core.setOutput("pr-number", delivery.pullRequest === undefined ? "" : String(delivery.pullRequest.number));
  core.setOutput("pr-url", delivery.pullRequest?.url ?? "");
  core.setOutput("head-sha", delivery.headSha ?? "");
  core.setOutput("departed", delivery.departed.join("\n"));
  core.setOutput("risk", worstSeverity(delivery.report));
  const headline = outcomeLine(delivery, inputs.closeWhenEmpty);
  core.info(logLine(headline));
  for (const warning of [...(delivery.warnings ?? []), ...departedLines(delivery.departed)]) core.warning(warning);
  const summary = reportMarkdown(delivery.report, {
    limit: SUMMARY_LIMIT - 200,
    measure: (t) => Buffer.byteLength(t),
    fullReport: PLAN_FILE,
    departed: delivery.departed,
  });
  await core.summary.addRaw(`${headline}\n\n${summary}\n`).write();
  for (const f of delivery.report.folders.flatMap((folder) => folder.findings)) {
    const properties = { title: "ingress-gitops finding" };
    if (f.severity === "error") core.error(`${f.message} (${f.path})`, properties);
    else if (f.severity === "warning") core.warning(`${f.message} (${f.path})`, properties);
    else core.notice(`${f.message} (${f.path})`, properties);
  }
  const failing = failures(delivery.report, inputs.failOn);
  if (failing > 0) core.setFailed(`${failing} finding(s) at or above '${inputs.failOn}' (input fail-on); see the summary`);
}

/** The most severe finding of the plan, for a later step to gate on as `fail-on` does; `none` when there is none. */
function worstSeverity(plan: PlanReport): Severity | "none" {
  const [worst] = plan.folders.flatMap((f) => f.findings.map((x) => x.severity)).sort((a, b) => SEVERITY_RANK[a] - SEVERITY_RANK[b]);
  return worst ?? "none";
}

function failures(plan: PlanReport, failOn: FailOn): number {
  if (failOn === "never") return 0;
  const findings = plan.folders.flatMap((f) => f.findings);
  return findings.filter((f) => f.severity === "error" || (failOn === "warning" && f.severity === "warning")).length;
}
