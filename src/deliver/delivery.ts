// What both backends (GitHub and local git) share: how a refusal is raised, what a run did to
// its pull request, and how the machine-owned part of the PR body is asked for.
import type { PlanReport } from "../diff/plan.ts";

/** A refusal said in terms of what to change; the doors print its message, never a stack. */
export class DeliveryError extends Error {}

export type Operation = "created" | "updated" | "unchanged" | "closed" | "none";

/** Builds the machine-owned part of the PR body within a size budget; `departed`: folders of specs no longer in the run. */
export type BodyRenderer = (report: PlanReport, limit: number, departed: readonly string[]) => string;
