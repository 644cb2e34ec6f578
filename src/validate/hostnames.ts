// Gateway API host matching: a `*.` prefix is a suffix match on whole labels.

/** Whether a route host and a listener hostname admit a common host (absent means any). */
export function hostsIntersect(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined || a === b) return true;
  return coveredBy(a, b) || coveredBy(b, a);
}

function coveredBy(host: string, pattern: string): boolean {
  return pattern.startsWith("*.") && host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
}
