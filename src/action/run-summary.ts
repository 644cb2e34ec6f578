// What the job summary says around the plan: the outcome in one line, the departed specs, and the
// whole story when there is no plan (specs with problems, a run that failed). Pure text.
import type { Delivery } from "../deliver/github.ts";
import { htmlText } from "../diff/markdown-text.ts";
import { errorCount, formatProblem, type Problem } from "../problems.ts";

const pr = (p: { number: number; url: string }) => `[#${p.number}](${p.url})`;

/** One line a reader of the run sees first: what happened to the pull request, or in a dry run what would. */
export function outcomeLine(d: Delivery, closeWhenEmpty: boolean): string {
  if (!d.dryRun)
    return d.pullRequest === undefined ? `ingress-gitops: ${d.operation}` : `ingress-gitops: ${d.operation} ${pr(d.pullRequest)}`;
  const open = d.pullRequest;
  const would =
    open === undefined
      ? d.changed
        ? "a run without dry-run would open a pull request"
        : "the base already holds this render, so there is nothing to open"
      : `the open pull request is ${pr(open)}; a run without dry-run would ${d.changed ? "bring it up to this plan" : closeWhenEmpty ? "close it, the base already holding this render" : "leave it open, the base already holding this render"}`;
  return `ingress-gitops: dry run, nothing was pushed: ${would}`;
}

/** A spec that left the run is said where the reader looks, not dropped silently. */
export function departedLines(folders: readonly string[]): string[] {
  return folders.map(
    (folder) =>
      `${folder}: the pull request's branch changed this folder, but no spec of this run owns it any more (removed, renamed, or no longer matched by 'spec'); this run no longer changes it`,
  );
}

/** The summary of a run that stopped at validation: every problem, positioned, in a block no spec text can break out of. */
export function problemsSummary(problems: readonly Problem[]): string {
  return [
    `## ingress-gitops: ${errorCount(problems)} problem(s) in the specs; nothing was written`,
    "",
    preBlock(problems.map(formatProblem)),
    "",
  ].join("\n");
}

export function failureSummary(message: string): string {
  return ["## ingress-gitops failed", "", preBlock(message.split("\n")), ""].join("\n");
}

/** Lines kept as lines in a `<pre>` block, each escaped so no text can close the block. */
function preBlock(lines: readonly string[]): string {
  return ["<pre>", ...lines.map(htmlText), "</pre>"].join("\n");
}
