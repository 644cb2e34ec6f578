// Gateway API host matching, which validation (a route's hosts against its listeners) and the
// topology reader (a route behind a proxy's listeners) both apply: a `*.` prefix matches one or
// more whole leading labels (kubernetes-sigs/gateway-api apis/v1/gateway_types.go,
// `Listener.Hostname`: `*.example.com` matches `test.example.com` and `foo.test.example.com`, not
// `example.com`).

/** Whether a route host and a listener hostname admit a common host (absent means any). */
export function hostsIntersect(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined || a === b) return true;
  return coveredBy(a, b) || coveredBy(b, a);
}

function coveredBy(host: string, pattern: string): boolean {
  return pattern.startsWith("*.") && host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
}
