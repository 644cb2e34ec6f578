import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { checkSchema, controllerDefaults, displayPath } from "../../src/validate/schema.ts";
import { parseSpecText } from "../../src/load/yaml-source.ts";
import { GENERATED, generateSpecValidator } from "../../scripts/spec-validator.mjs";
import { sha256, SHARED_ROOT } from "../../scripts/vendor-upstream-schemas.ts";

function schemaResult(text: string) {
  const parsed = parseSpecText("spec.yaml", text);
  assert.ok(parsed.ok);
  return checkSchema(parsed.document);
}

const MINIMAL = `apiVersion: ingress-gitops/v1alpha1
kind: IngressSpec
metadata: {name: m}
cluster: {name: c, region: eu-west-1}
gitops: {repoURL: "https://github.com/acme/gitops.git", path: clusters/c}
loadBalancers: [{name: lb, type: alb}]
routes: [{name: r, namespace: n, gateway: g, rules: [{path: /, backend: {service: s, port: 80}}]}]
`;

test("applies the contract's defaults", () => {
  const result = schemaResult(MINIMAL);
  assert.ok(result.ok);
  const { spec } = result;
  assert.deepEqual(spec.argocd, {
    namespace: "argocd",
    project: "default",
    applicationSet: false,
    destination: { server: "https://kubernetes.default.svc" },
    syncPolicy: { automated: true, prune: true, selfHeal: true },
  });
  assert.equal(spec.gitops.targetRevision, "HEAD");
  const [lb] = spec.loadBalancers;
  assert.ok(lb);
  assert.equal(lb.scheme, "internal", "ALBC's default scheme");
  assert.equal(lb.targetType, undefined, "target type depends on the topology; the model resolves it");
  const [route] = spec.routes;
  assert.equal(route?.protocol, "HTTP", "a route without a protocol is HTTP, as every route was before protocol existed");
  assert.equal(route.rules[0]?.pathType, "Prefix");
  assert.deepEqual(spec.gateways, []);
  assert.deepEqual(spec.controllers, {});
});

test("gives an unlisted controller the schema's defaults", () => {
  assert.deepEqual(controllerDefaults("awsLoadBalancerController"), {
    chartVersion: "3.5.0",
    namespace: "kube-system",
    serviceAccount: { name: "aws-load-balancer-controller" },
    values: {},
  });
  assert.deepEqual(controllerDefaults("cilium"), { chartVersion: "1.19.6", kubeProxyReplacement: true, install: "chaining", values: {} });
  assert.deepEqual(controllerDefaults("gatewayAPI"), { channel: "standard" });
});

test("accepts the contract's own example", () => {
  const result = schemaResult(readFileSync("test/fixtures/contract/example.yaml", "utf8"));
  assert.ok(result.ok, result.ok ? "" : JSON.stringify(result.problems, null, 2));
});

test("the contract's example is the copy its PROVENANCE.md records; the schema accepts every example of the contract where present", (t) => {
  const copy = readFileSync("test/fixtures/contract/example.yaml", "utf8");
  const recorded = /sha256 `([0-9a-f]{64})`/.exec(readFileSync("test/fixtures/contract/PROVENANCE.md", "utf8"))?.[1];
  assert.equal(sha256(copy), recorded, "test/fixtures/contract/example.yaml differs from the copy its PROVENANCE.md records");
  const contractFile = join(SHARED_ROOT, "spec", "CONTRACT.md");
  if (!existsSync(contractFile)) {
    t.diagnostic(`${contractFile} is absent (a clean clone): checked against the recorded sha256 only`);
    return;
  }
  const examples = [...readFileSync(contractFile, "utf8").matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
  assert.equal(examples[0], copy, "the committed copy is the contract's example");
  for (const example of examples) assert.ok(schemaResult(example).ok);
});

test("names fields the way the README does", () => {
  assert.equal(displayPath(["routes", 2, "backend", "port"]), "routes[2].backend.port");
  assert.equal(
    displayPath(["loadBalancers", 0, "annotations", "alb.ingress.kubernetes.io/scheme"]),
    'loadBalancers[0].annotations["alb.ingress.kubernetes.io/scheme"]',
  );
  assert.equal(displayPath([]), "");
});

test("the build-time spec validator is generated from the current schema", () => {
  // CI also rebuilds and fails on a stale src/validate/generated/; this names the cause in a test run.
  assert.equal(readFileSync(GENERATED, "utf8"), generateSpecValidator(), "run npm run build");
});
