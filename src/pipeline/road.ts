// The road end to end, one distinct type at each step (ARCHITECTURE.md draws it):
//
//   spec files ─loadSpecs→ ValidSpec ─buildModel→ Model ─renderModel→ Rendered
//     ─verifySpec→ Verified ─planWrites(checkout)→ WritePlan ─buildPlan→ Report
//
// ValidSpec, Verified and WritePlan are branded: a spec with errors (a TypedSpec) is no ValidSpec,
// a Verified comes only out of verifySpec and a WritePlan
// only out of planWrites, which takes Verified; every writer (writeFolder, both delivery
// backends) takes one of the two, so nothing unverified can reach a repository. readySpecs
// (ready-specs.ts) walks the road up to Verified for every door.
export type { ValidSpec } from "../validate/validate.ts";
export type { Model } from "../model/types.ts";
export type { Rendered } from "../render/render.ts";
export type { Verified } from "../verify/verified.ts";
export type { WritePlan } from "../plan/write-plan.ts";
export type { PlanReport as Report } from "../diff/plan.ts";
