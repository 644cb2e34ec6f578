// Resource limits refuse cleanly, with a position, instead of slowing down: keys per mapping and
// nodes per spec (routes per run: test/commands/run-limits.test.ts); and parsing stays linear
// (counted, not timed).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BENCH_ROUTE_LIMIT_VARIABLE, MAX_ROUTES_PER_RUN, routeLimit } from "../../src/validate/run-limits.ts";
import { validateSpecBytes } from "../../src/validate/validate.ts";
import { MAX_KEYS_PER_MAPPING, MAX_NODES, parseSpecText } from "../../src/load/yaml-source.ts";

const HEAD = `apiVersion: ingress-gitops/v1alpha1
kind: IngressSpec
metadata: {name: a}
cluster: {name: c, region: eu-west-1, vpcId: vpc-0123456789abcdef0}
gitops: {repoURL: "https://github.com/acme/gitops.git", path: clusters/a}
controllers:
  cilium:
    values:
`;
const HEAD_LINES = HEAD.split("\n").length - 1;

/** A spec whose Cilium values hold `keys` keys; `alias` sends it down the strict path. */
function wideSpec(keys: number, alias = false): string {
  const lines = Array.from({ length: keys }, (_, i) => `      k${i}: ${i}`);
  return `${HEAD}${lines.join("\n")}\n${alias ? "      anchor: &a 1\n      again: *a\n" : ""}`;
}

function problemsOf(text: string): string[] {
  const result = validateSpecBytes("spec.yaml", new TextEncoder().encode(text));
  return result.problems.map((p) => `${p.line}:${p.col}: ${p.message}`);
}

void describe("resource limits", () => {
  void it(`refuses more than ${MAX_KEYS_PER_MAPPING} keys in one mapping at the first key too many, on both YAML paths`, () => {
    const expected = [
      `${HEAD_LINES + MAX_KEYS_PER_MAPPING + 1}:7: more than ${MAX_KEYS_PER_MAPPING} keys in one mapping; a spec never needs that (refused as a resource-exhaustion guard)`,
    ];
    assert.deepEqual(problemsOf(wideSpec(MAX_KEYS_PER_MAPPING + 1)), expected);
    assert.deepEqual(problemsOf(wideSpec(MAX_KEYS_PER_MAPPING + 1, true)), expected);
    // At the limit (the alias path adds two keys) the loader takes the spec; checking the loader, not
    // the whole validation, which reports each of 10,000 unknown Helm values keys slowly.
    assert.ok(parseSpecText("spec.yaml", wideSpec(MAX_KEYS_PER_MAPPING)).ok);
    assert.ok(parseSpecText("spec.yaml", wideSpec(MAX_KEYS_PER_MAPPING - 2, true)).ok);
  });

  void it(`refuses more than ${MAX_NODES} YAML nodes in one spec`, () => {
    const text = `${HEAD}      list: [${"1,".repeat(MAX_NODES)}1]\n`;
    const [only, ...rest] = problemsOf(text);
    assert.deepEqual(rest, []);
    assert.match(only ?? "", new RegExp(`^${HEAD_LINES + 1}:\\d+: more than ${MAX_NODES} YAML nodes; a spec never needs that`));
  });

  void it("lifts the run's limit only for the benchmarks' own variable, and only to a positive integer", () => {
    assert.equal(routeLimit({}), MAX_ROUTES_PER_RUN);
    assert.equal(routeLimit({ [BENCH_ROUTE_LIMIT_VARIABLE]: "60000" }), 60_000);
    for (const junk of ["", "0", "-5", "1.5", "lots", "1e400"])
      assert.equal(routeLimit({ [BENCH_ROUTE_LIMIT_VARIABLE]: junk }), MAX_ROUTES_PER_RUN, junk);
    assert.equal(routeLimit({ MAX_ROUTES_PER_RUN: "60000" }), MAX_ROUTES_PER_RUN);
  });

  void it("parses in work linear in the keys of a mapping (40k keys once took 7 s: the composer compared each key with all before it)", () => {
    // Counted, not timed: every callback of the array scans a parser could run per key.
    const methods = ["some", "find", "findIndex", "every", "filter", "forEach", "map"] as const;
    const work = (keys: number): number => {
      let calls = 0;
      const originals = methods.map((m) => [m, Object.getOwnPropertyDescriptor(Array.prototype, m)?.value as unknown] as const);
      for (const [name, original] of originals) {
        Object.defineProperty(Array.prototype, name, {
          configurable: true,
          writable: true,
          value: function (this: unknown[], callback: (...args: unknown[]) => unknown, ...rest: unknown[]) {
            return (original as (...a: unknown[]) => unknown).call(this, (...args: unknown[]) => (calls++, callback(...args)), ...rest);
          },
        });
      }
      try {
        const parsed = parseSpecText("spec.yaml", wideSpec(keys, true));
        assert.ok(parsed.ok);
        for (let i = 0; i < keys; i += Math.ceil(keys / 100)) parsed.document.locate(["controllers", "cilium", "values", `k${i}`]);
      } finally {
        for (const [name, original] of originals)
          Object.defineProperty(Array.prototype, name, { configurable: true, writable: true, value: original });
      }
      return calls;
    };
    const small = work(1000);
    const large = work(8000);
    assert.ok(large / small < 10, `8× the keys cost ${(large / small).toFixed(1)}× the work (${small} → ${large} callbacks)`);
  });
});
