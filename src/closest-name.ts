// The one "did you mean": which known name a misspelt one most likely meant. Spec fields and
// references (validate) and rendered or Helm fields (verify) suggest by the same rule.

/** Optimal string alignment distance: insertions, deletions, substitutions, and a swap of two adjacent letters as one edit ("enabeld" → "enabled"). */
function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, (before[j - 2] ?? 0) + 1);
      current[j] = distance;
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate closest to `name`, ignoring case, when it is within one edit per four letters
 * (at least one): a plausible typo rather than another word ("loadBalancerClass" is not
 * "loadBalancerIP"). The first of equally close ones.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const word = name.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate.toLowerCase());
    if (best === undefined || distance < best.distance) best = { name: candidate, distance };
  }
  return best !== undefined && best.distance <= Math.max(1, Math.floor(name.length / 4)) ? best.name : undefined;
}
