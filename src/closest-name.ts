// The one "did you mean": which known name a misspelt one most likely meant. Spec fields and
// references (validate) and rendered or Helm fields (verify) suggest by the same rule.

/**
 * Optimal string alignment distance: insertions, deletions, substitutions, and a swap of two
 * adjacent letters as one edit ("enabeld" → "enabled"). Past `limit` the exact figure does not
 * matter, so it stops as soon as no alignment can come back within it and answers `limit + 1`:
 * a spec with thousands of unknown Helm keys is checked against hundreds of known ones.
 */
function editDistance(a: string, b: string, limit: number): number {
  // The distance is at least the difference in length.
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let currentMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, (before[j - 2] ?? 0) + 1);
      current[j] = distance;
      currentMin = Math.min(currentMin, distance);
    }
    // A later cell comes from this row, or from the row before plus a swap; no cell is more than one
    // above the one over it, so that row's least is at least this row's minus one. Past the limit
    // here, every later row is past it too.
    if (currentMin > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length] ?? 0, limit + 1);
}

/**
 * The candidate closest to `name`, ignoring case, when it is within one edit per four letters
 * (at least one): a plausible typo rather than another word ("loadBalancerClass" is not
 * "loadBalancerIP"). The first of equally close ones.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const word = name.toLowerCase();
  const limit = Math.max(1, Math.floor(name.length / 4));
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate.toLowerCase(), limit);
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}
