// What one run may take on across all its specs. Each spec is bounded by its size; a glob can
// still gather many (8 specs of 30k routes once took 117 s and 3 GB), so the run is bounded too
// and refused before anything is rendered.
import { problem, type Problem } from "../problems.ts";
import type { ValidSpec } from "./validate.ts";

/** Twice the largest fleet the benchmarks hold to their targets (BENCHMARKS.md: 5,000 routes). */
export const MAX_ROUTES_PER_RUN = 10_000;

/**
 * The benchmarks measure runs past the limit (bench/run.ts: 50,000 routes) by naming their own
 * limit in this variable. Its name says what it is for, so no workflow sets it by accident.
 */
export const BENCH_ROUTE_LIMIT_VARIABLE = "INGRESS_GITOPS_BENCH_MAX_ROUTES_PER_RUN";

/** The limit of a run started with this environment: the benchmarks' own if they set one. */
export function routeLimit(env: Readonly<Record<string, string | undefined>>): number {
  const bench = Number(env[BENCH_ROUTE_LIMIT_VARIABLE]);
  return Number.isSafeInteger(bench) && bench > 0 ? bench : MAX_ROUTES_PER_RUN;
}

/** Refuses at the first route, in file order, that takes the run over the limit. */
export function checkRunLimits(specs: readonly ValidSpec[], limit = MAX_ROUTES_PER_RUN): Problem[] {
  const total = specs.reduce((sum, s) => sum + s.spec.routes.length, 0);
  if (total <= limit) return [];
  let before = 0;
  for (const s of specs) {
    if (before + s.spec.routes.length > limit) {
      const at = s.source.locate(["routes", limit - before]);
      return [
        problem(
          s.file,
          at,
          `routes: the run has ${total} routes across ${specs.length} spec(s), more than the ${limit} one run may render; split the specs over several runs (refused as a resource-exhaustion guard)`,
        ),
      ];
    }
    before += s.spec.routes.length;
  }
  return [];
}
