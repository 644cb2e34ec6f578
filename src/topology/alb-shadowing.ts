// Which rule an ALB evaluates earlier takes every request a later rule matches (the later one is
// shadowed). `covers` is the rule; `shadowIndex` finds the first covering rule among those kept so
// far without trying each of them: a group of n rules was n²/2 `covers` calls. The index only
// narrows the candidates, by the host and path prefixes that could cover a rule; every candidate
// is still confirmed with `covers`, so it answers exactly what a scan in order would.
import type { IngressRule } from "./ingress.ts";

/** Whether every request `later` matches is taken by `earlier` first. */
export function covers(earlier: IngressRule, later: IngressRule): boolean {
  const host =
    earlier.host === undefined ||
    earlier.host === later.host ||
    (later.host !== undefined && earlier.host.startsWith("*.") && later.host.endsWith(earlier.host.slice(1)));
  return host && pathCovers(earlier, later);
}

/** A Prefix `/p` becomes the ALB path patterns `/p` and `/p/*`; an ImplementationSpecific path is the pattern itself. */
function pathCovers(earlier: IngressRule, later: IngressRule): boolean {
  if (earlier.declaredType === "ImplementationSpecific") return earlier.urlPath === "/*" || sameRule(earlier, later);
  if (earlier.declaredType === "Exact" || later.declaredType === "ImplementationSpecific") return sameRule(earlier, later);
  const prefix = stripSlashes(earlier.urlPath);
  return prefix === "" || later.urlPath === earlier.urlPath || later.urlPath.startsWith(`${prefix}/`);
}

const sameRule = (a: IngressRule, b: IngressRule) => a.declaredType === b.declaredType && a.urlPath === b.urlPath;

const stripSlashes = (path: string) => path.replace(/\/+$/, "");

export interface ShadowIndex<T> {
  add(item: T, rule: IngressRule): void;
  /** The first item added whose rule covers `rule` and that `eligible` accepts, as a scan in the order added finds it. */
  first(rule: IngressRule, eligible: (item: T) => boolean): T | undefined;
}

export function shadowIndex<T>(): ShadowIndex<T> {
  const buckets = new Map<string, { readonly seq: number; readonly item: T; readonly rule: IngressRule }[]>();
  let seq = 0;
  return {
    add(item, rule) {
      const entry = { seq: seq++, item, rule };
      for (const key of keysOf(rule)) {
        const bucket = buckets.get(key);
        if (bucket === undefined) buckets.set(key, [entry]);
        else bucket.push(entry);
      }
    },
    first(rule, eligible) {
      let found: { readonly seq: number; readonly item: T } | undefined;
      for (const key of candidateKeys(rule)) {
        // A bucket is in the order added: its first match is its earliest, and past the earliest
        // found so far nothing in it can be earlier.
        for (const e of buckets.get(key) ?? []) {
          if (found !== undefined && e.seq >= found.seq) break;
          if (covers(e.rule, rule) && eligible(e.item)) {
            found = e;
            break;
          }
        }
      }
      return found?.item;
    },
  };
}

// A key is a host part and a path part. Host: `any` (no host), or the host as written (exact or a
// `*.` wildcard). Path: `all` (the ImplementationSpecific `/*`), `same` (type and path, which
// every rule is covered by when equal), `prefix` (a Prefix rule by its path without trailing slashes).
const key = (host: string | undefined, path: string) => `${host === undefined ? "any" : `host ${host}`}\0${path}`;

function keysOf(rule: IngressRule): string[] {
  const paths = [`same ${rule.declaredType} ${rule.urlPath}`];
  if (rule.declaredType === "ImplementationSpecific" && rule.urlPath === "/*") paths.push("all");
  if (rule.declaredType === "Prefix") paths.push(`prefix ${stripSlashes(rule.urlPath)}`);
  return paths.map((p) => key(rule.host, p));
}

/** Every key an earlier rule covering `rule` is filed under (a superset: `covers` decides). */
function candidateKeys(rule: IngressRule): string[] {
  // An earlier host covers when absent, equal, or `*.suffix` with the later host ending in `.suffix`.
  const hosts: (string | undefined)[] = [undefined];
  if (rule.host !== undefined) {
    hosts.push(rule.host);
    for (let i = rule.host.indexOf("."); i >= 0; i = rule.host.indexOf(".", i + 1)) hosts.push(`*${rule.host.slice(i)}`);
  }
  const paths = ["all", `same ${rule.declaredType} ${rule.urlPath}`];
  if (rule.declaredType !== "ImplementationSpecific") {
    // An earlier Prefix covers when its path without trailing slashes is empty, when its path equals
    // this one, or when this path starts with it and a slash: each such prefix ends before a slash here.
    paths.push("prefix ", `prefix ${stripSlashes(rule.urlPath)}`);
    for (let i = rule.urlPath.indexOf("/"); i >= 0; i = rule.urlPath.indexOf("/", i + 1)) paths.push(`prefix ${rule.urlPath.slice(0, i)}`);
  }
  return hosts.flatMap((h) => paths.map((p) => key(h, p)));
}
