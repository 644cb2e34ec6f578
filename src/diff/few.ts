/** How many labels a finding names before it counts the rest: a large change stays one short line in the PR body. */
const NAMED = 3;

/** A list of labels, the first few by name. */
export function few(labels: readonly string[]): string {
  const rest = labels.length - NAMED;
  return rest > 0 ? `${labels.slice(0, NAMED).join(", ")} and ${rest} more` : labels.join(", ");
}
