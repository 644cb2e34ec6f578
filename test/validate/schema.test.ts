import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { checkSchema, controllerDefaults, displayPath } from "../../src/validate/schema.ts";
import { parseSpecText } from "../../src/load/yaml-source.ts";
import { GENERATED, generateSpecValidator } from "../../scripts/spec-validator.mjs";

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
  const [rule] = spec.routes[0]?.rules ?? [];
  assert.equal(rule?.pathType, "Prefix");
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

test(
  "accepts every YAML example in the contract document itself",
  { skip: !hasSharedContract() && "../shared/spec/CONTRACT.md is not beside this checkout" },
  () => {
    const contract = readFileSync("../shared/spec/CONTRACT.md", "utf8");
    const examples = [...contract.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
    assert.ok(examples.length > 0);
    for (const example of examples) assert.ok(schemaResult(example).ok);
    assert.equal(examples[0], readFileSync("test/fixtures/contract/example.yaml", "utf8"), "the committed copy is the contract's example");
  },
);

function hasSharedContract(): boolean {
  try {
    readFileSync("../shared/spec/CONTRACT.md");
    return true;
  } catch {
    return false;
  }
}

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
