// What only the render of a run shows (Application names, across specs too, and file names) is
// refused at validate with the position of the field that made it.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { validateCommand } from "../../src/commands/validate.ts";
import { namePreflight } from "../../src/render/preflight.ts";
import { SOURCE_ANNOTATION } from "../../src/render/stamp.ts";
import { formatProblem } from "../../src/problems.ts";
import { validateSpecBytes } from "../../src/validate/validate.ts";
import { kongSpecText } from "../validate/spec-text.ts";

const dir = mkdtempSync(join(tmpdir(), "ingress-gitops-preflight-"));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

// research behaviour-eks-argocd.md (Argo CD, Tracking): spec `a` with kong gateway `b-routes-edge`
// (its chart Application `a-kong-b-routes-edge`) and spec `a-kong-b` with gateway `edge` (its routes
// Application `a-kong-b-routes-edge`) collide in one Argo CD namespace.
test("two specs whose Applications share a name in one Argo CD namespace are refused at validate", async () => {
  writeFileSync(join(dir, "a.yaml"), kongSpecText("a", "clusters/a", "b-routes-edge"));
  writeFileSync(join(dir, "b.yaml"), kongSpecText("a-kong-b", "clusters/b", "edge"));
  const result = await validateCommand(["a.yaml", "b.yaml"], { json: false, cwd: dir });
  assert.equal(result.exitCode, 1);
  assert.equal(
    result.stdout,
    "b.yaml:7:19: gateways[0].name: makes the Argo CD Application 'a-kong-b-routes-edge' in namespace 'argocd', which a.yaml:7:19 (spec 'a') makes too; one would overwrite the other: rename one\n1 error(s); nothing was written\n",
  );
});

test("specs whose Applications differ pass, and validate says what each owns", async () => {
  writeFileSync(join(dir, "c.yaml"), kongSpecText("c", "clusters/c", "edge"));
  const result = await validateCommand(["a.yaml", "c.yaml"], { json: false, cwd: dir });
  assert.equal(result.exitCode, 0, result.stdout);
});

test("a file name past 255 bytes is blamed on the spec entry its object is stamped with", () => {
  const { valid } = validateSpecBytes("w.yaml", new TextEncoder().encode(kongSpecText("w", "clusters/w", "edge")));
  assert.ok(valid);
  const object = { kind: "KongPlugin", metadata: { name: "x", annotations: { [SOURCE_ANNOTATION]: "route:n/r" } } };
  const rendered = {
    spec: "w",
    source: "w.yaml",
    folder: "clusters/w",
    files: [{ path: `manifests/n/${"x".repeat(256)}.yaml`, content: "", documents: [object] }],
  };
  assert.deepEqual(namePreflight().add(valid, rendered).map(formatProblem), [
    `w.yaml:8:17: routes[0].name: makes the file name '${"x".repeat(40)}…' (261 bytes, at most 255 in a file system); shorten it`,
  ]);
});

test("an alb route named like the Ingress in front of an Istio gateway, in its namespace, is refused instead of crashing", async () => {
  writeFileSync(
    join(dir, "clash.yaml"),
    `apiVersion: ingress-gitops/v1alpha1
kind: IngressSpec
metadata: {name: clash}
cluster: {name: c, region: eu-west-1, vpcId: vpc-0123456789abcdef0}
gitops: {repoURL: "https://github.com/acme/gitops.git", path: clusters/clash}
loadBalancers: [{name: alb, type: alb}, {name: mesh-alb, type: alb}]
gateways: [{name: edge, type: alb, loadBalancer: alb}, {name: web, type: istio, loadBalancer: mesh-alb}]
routes:
  - {name: istio-web, namespace: istio-ingress, gateway: edge, rules: [{path: /, backend: {service: s, port: 80}}]}
  - {name: r, namespace: n, gateway: web, rules: [{path: /, backend: {service: s, port: 80}}]}
`,
  );
  const result = await validateCommand(["clash.yaml"], { json: false, cwd: dir });
  assert.equal(result.exitCode, 1);
  assert.match(
    result.stdout,
    /^clash\.yaml:\d+:\d+: \S+: makes the Ingress istio-ingress\/istio-web \(manifests\/routes-\w+\/istio-ingress\/ingress-istio-web\.yaml\), which clash\.yaml:\d+:\d+ makes too \(the same kind, namespace and name\); rename one$/m,
  );
});
