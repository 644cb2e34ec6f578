import { reportMarkdown } from "../diff/markdown.ts";
import { DeliveryError } from "../deliver/delivery.ts";
import { defaultBranch, defaultTitle } from "../deliver/defaults.ts";
import { deliverToLocalRepo, type LocalDelivery } from "../deliver/local.ts";
import { readySpecs, type Ready } from "../pipeline/ready-specs.ts";
import { PLAN_JSON } from "./plan.ts";
import { failureLines, problemLines } from "./ready-lines.ts";
import type { CommandResult } from "./result.ts";

export interface DeliverOptions {
  readonly gitops: string;
  readonly branch?: string;
  readonly base?: string;
  readonly templates?: string;
  readonly cwd?: string;
}

/** Commits what was rendered and verified on a branch of a local git repository; `patterns` are what the specs were read from. */
export async function deliverLocally(
  patterns: readonly string[],
  ready: Extract<Ready, { ok: true }>,
  options: DeliverOptions,
): Promise<LocalDelivery> {
  const names = ready.specs.map((s) => s.spec);
  return deliverToLocalRepo(
    {
      repo: options.gitops,
      branch: options.branch ?? defaultBranch(patterns, names, undefined),
      ...(options.base === undefined ? {} : { base: options.base }),
    },
    ready.results,
    `${defaultTitle(names)}\n\nRendered by ingress-gitops.`,
    (report, limit) => reportMarkdown(report, { limit, fullReport: PLAN_JSON }),
  );
}

export async function deliverCommand(patterns: readonly string[], options: DeliverOptions): Promise<CommandResult> {
  const ready = await readySpecs(patterns, options);
  if (!ready.ok) return { exitCode: 1, stdout: "", stderr: `${[...failureLines(ready), "nothing was written"].join("\n")}\n` };
  let delivery;
  try {
    delivery = await deliverLocally(patterns, ready, options);
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    return { exitCode: 1, stdout: "", stderr: `ingress-gitops: ${error.message}\nnothing was written\n` };
  }
  const lines = [`${delivery.operation}: ${describe(delivery)}`];
  if (delivery.body !== undefined) lines.push("", delivery.body);
  return {
    exitCode: 0,
    stdout: `${lines.join("\n")}\n`,
    ...(ready.problems.length > 0 ? { stderr: `${problemLines(ready).join("\n")}\n` } : {}),
  };
}

function describe(d: LocalDelivery): string {
  if (d.operation === "none") return `${d.base} already holds what the specs render; nothing to commit`;
  if (d.operation === "unchanged") return `the branch already holds this render (${d.headSha ?? ""}); nothing to commit`;
  return `committed ${d.headSha ?? ""} on top of ${d.base}; PR body written to ${d.bodyFile ?? ""}`;
}
