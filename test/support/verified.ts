// Tests of the planner and of the PR body hand it files no upstream schema knows ("a\n") or a
// render whose validation they are not about; these stand for verified output. verifySpec is
// tested on its own (test/pipeline/road.test.ts).
import type { SpecFiles } from "../../src/render/render-specs.ts";
import type { Verified } from "../../src/verify/verified.ts";

export const asVerified = (files: SpecFiles): Verified => files as Verified;
