// The PR body: the machine-owned section (between markers) rendered within GitHub's limit, and
// whatever a person wrote around it kept on every update.
import { PR_BODY_LIMIT } from "../../diff/markdown.ts";
import { appendToSection, humanLength, reportDigest, spliceBody } from "../../diff/machine-section.ts";
import type { PlanReport } from "../../diff/plan.ts";

/** Renders the machine-owned section of the body within `limit` characters. */
export type SizedBody = (report: PlanReport, limit: number) => string;

/** The machine-owned body with the note about others' changes at its end, inside the markers. */
export function withNote(renderBody: SizedBody, note: string): SizedBody {
  if (note === "") return renderBody;
  // Inside the section, so the section's digest covers it and the next update replaces it.
  return (report, limit) => appendToSection(renderBody(report, limit - note.length - 2), note);
}

/** The body of a new PR: the machine section, then `after` (outside the markers, so it stays as the PR's history). */
export function newBody(renderBody: SizedBody, report: PlanReport, after: string): string {
  return `${renderBody(report, PR_BODY_LIMIT - after.length)}${after}`;
}

/** The body of an open PR with its machine section replaced, what a person wrote around it kept. */
export function updatedBody(current: string, renderBody: SizedBody, report: PlanReport): string {
  return spliceBody(current, renderBody(report, PR_BODY_LIMIT - humanLength(current)));
}

/** Whether the body's machine section proposes this plan. */
export function proposes(body: string | null, report: PlanReport): boolean {
  return reportDigest(body ?? "") === report.digest;
}
