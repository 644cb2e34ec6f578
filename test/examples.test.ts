// The bundled examples are the seeds' topologies: each must be valid, editor-ready and cover
// the topology it is named for.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { loadSpecs } from "../src/pipeline/load-specs.ts";
import type { IngressSpec } from "../src/validate/types.ts";

const files = readdirSync("examples")
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map((f) => `examples/${f}`);

test("every example is valid, with no warning, and together they form a valid fleet", async () => {
  const { specs, problems } = await loadSpecs(files);
  // Notes (info) are what the cluster must do besides, e.g. remove kube-proxy under Cilium's replacement.
  assert.deepEqual(
    problems.filter((p) => p.severity !== "info"),
    [],
  );
  assert.equal(specs.length, files.length);
});

test("every example carries the editor schema modeline", () => {
  for (const file of files) {
    assert.match(readFileSync(file, "utf8"), /^# yaml-language-server: \$schema=\.\.\/schema\/ingress-spec\.schema\.json$/m, file);
  }
});

test("the examples cover every seed topology", async () => {
  const { specs } = await loadSpecs(files);
  const byFile = new Map(specs.map((s) => [s.file, s.spec]));
  const spec = (name: string): IngressSpec => {
    const found = byFile.get(`examples/${name}.yaml`);
    assert.ok(found, name);
    return found;
  };
  assert.ok(spec("alb-ingress").gateways.every((g) => g.type === "alb"));
  assert.ok(spec("nlb-service").loadBalancers.some((lb) => lb.type === "nlb" && lb.service !== undefined));
  const ciliumNlb = spec("cilium-nlb");
  assert.ok(
    ciliumNlb.gateways.some((g) => g.type === "cilium") &&
      ciliumNlb.loadBalancers.every((lb) => lb.type === "nlb" && lb.external === undefined),
  );
  const ciliumExternal = spec("cilium-external-nlb");
  assert.ok(
    ciliumExternal.loadBalancers.some((lb) => lb.external !== undefined) && ciliumExternal.gateways.some((g) => g.type === "cilium"),
  );
  assert.ok(spec("alb-istio").gateways.some((g) => g.type === "istio"));
  assert.ok(spec("alb-istio-applicationset").argocd.applicationSet);
  const kong = spec("alb-kong");
  assert.ok(kong.gateways.some((g) => g.type === "kong") && kong.routes.some((r) => r.plugins?.some((p) => p.name === "rate-limiting")));
  assert.deepEqual(new Set(spec("combined").gateways.map((g) => g.type)), new Set(["alb", "istio", "kong", "cilium"]));
});
