// The shadow index answers exactly what a scan of the earlier rules in order answers: it only
// skips rules that cannot cover, so a change to `covers` the index does not follow fails here.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { covers, shadowIndex } from "../../src/topology/alb-shadowing.ts";
import type { IngressRule } from "../../src/topology/ingress.ts";

const HOSTS = [undefined, "example.com", "a.example.com", "b.a.example.com", "*.example.com", "*.a.example.com", "*.com", "a..example.com"];
const PATHS = ["", "/", "//", "/*", "/a", "/a/", "/a//", "/ab", "/a/b", "/a//b", "/a/b/", "/a/b/c", "a", "a/b", "/a/*"];
const TYPES = ["Exact", "Prefix", "ImplementationSpecific"] as const;

const rule = fc.record({
  host: fc.constantFrom(...HOSTS),
  urlPath: fc.constantFrom(...PATHS),
  declaredType: fc.constantFrom(...TYPES),
});

const toRule = (r: { host: string | undefined; urlPath: string; declaredType: (typeof TYPES)[number] }): IngressRule => ({
  ...(r.host === undefined ? {} : { host: r.host }),
  urlPath: r.urlPath,
  pathType: r.declaredType === "Exact" ? "Exact" : "Prefix",
  declaredType: r.declaredType,
  service: { namespace: "web", name: "web", port: 80 },
});

test("the first covering rule the index finds is the one a scan in order finds", () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(rule, fc.boolean()), { maxLength: 40 }), (drawn) => {
      const rules = drawn.map(([r, eligible], i) => ({ i, rule: toRule(r), eligible }));
      const index = shadowIndex<(typeof rules)[number]>();
      const kept: (typeof rules)[number][] = [];
      for (const r of rules) {
        const scanned = kept.find((k) => k.eligible && covers(k.rule, r.rule));
        assert.equal(index.first(r.rule, (k) => k.eligible)?.i, scanned?.i);
        kept.push(r);
        index.add(r, r.rule);
      }
    }),
    { numRuns: 2000 },
  );
});

test("wildcard hosts cover their subdomains at any depth, and prefixes cover below a slash only", () => {
  const index = shadowIndex<string>();
  index.add("wild", toRule({ host: "*.example.com", urlPath: "/a", declaredType: "Prefix" }));
  assert.equal(
    index.first(toRule({ host: "b.a.example.com", urlPath: "/a/b", declaredType: "Exact" }), () => true),
    "wild",
  );
  assert.equal(
    index.first(toRule({ host: "example.com", urlPath: "/a/b", declaredType: "Exact" }), () => true),
    undefined,
  );
  assert.equal(
    index.first(toRule({ host: "a.example.com", urlPath: "/ab", declaredType: "Exact" }), () => true),
    undefined,
  );
});
