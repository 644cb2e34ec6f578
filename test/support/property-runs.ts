// How many cases an expensive fast-check property tries. `npm test`, run on every change, tries a
// tenth (each run draws a new seed, so the cases still vary from run to run); CI runs the full
// count (PROPERTY_RUNS=full in .ci/run).
export function propertyRuns(full: number): number {
  return process.env["PROPERTY_RUNS"] === "full" ? full : Math.max(10, Math.ceil(full / 10));
}
