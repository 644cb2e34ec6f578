// What one run may take on across all its specs. Each spec is bounded by its size; a glob can
// still gather many (8 specs of 30k routes once took 117 s and 3 GB), so the run is bounded too
// and refused before anything is rendered.
import { problem, type Problem } from "../problems.ts";
import type { ValidSpec } from "./validate.ts";

/** Twice the largest fleet the benchmarks hold to their targets (BENCHMARKS.md: 5,000 routes). */
export const MAX_ROUTES_PER_RUN = 10_000;

/** Refuses at the first route, in file order, that takes the run over the limit. */
export function checkRunLimits(specs: readonly ValidSpec[]): Problem[] {
  const total = specs.reduce((sum, s) => sum + s.spec.routes.length, 0);
  if (total <= MAX_ROUTES_PER_RUN) return [];
  let before = 0;
  for (const s of specs) {
    if (before + s.spec.routes.length > MAX_ROUTES_PER_RUN) {
      const at = s.source.locate(["routes", MAX_ROUTES_PER_RUN - before]);
      return [
        problem(
          s.file,
          at,
          `routes: the run has ${total} routes across ${specs.length} spec(s), more than the ${MAX_ROUTES_PER_RUN} one run may render; split the specs over several runs (refused as a resource-exhaustion guard)`,
        ),
      ];
    }
    before += s.spec.routes.length;
  }
  return [];
}
