// What a spec asks for but no provider can render is said as a warning, never dropped silently.
import assert from "node:assert/strict";
import { test } from "node:test";
import { buildTopology } from "../../src/model/build.ts";
import { renderTopology } from "../../src/render/render.ts";
import { loadTemplates } from "../../src/render/templates.ts";
import { validateSpecBytes } from "../../src/spec/validate.ts";

function warningsOf(body: string): readonly string[] {
  const text = `apiVersion: ingress-gitops/v1alpha1
kind: IngressSpec
metadata: {name: w}
cluster: {name: c, region: eu-west-1, vpcId: vpc-0123456789abcdef0}
gitops: {repoURL: "https://github.com/acme/gitops.git", path: clusters/c}
${body}`;
  const { valid, problems } = validateSpecBytes("w.yaml", new TextEncoder().encode(text));
  assert.ok(valid, JSON.stringify(problems));
  return renderTopology(buildTopology(valid), loadTemplates()).warnings;
}

const CILIUM_HOST = "controllers: {cilium: {values: {k8sServiceHost: abc.eks.amazonaws.com}}}";
const ROUTE = "routes: [{name: a, namespace: n, gateway: edge, rules: [{path: /, backend: {service: s, port: 80}}]}]";

test("NLB listeners that no Service port backs are said, not dropped", () => {
  assert.deepEqual(warningsOf(`${CILIUM_HOST}
loadBalancers: [{name: nlb, type: nlb, listen: [{protocol: TCP, port: 80}, {protocol: TCP, port: 443}]}]
gateways: [{name: edge, type: cilium, loadBalancer: nlb}]
${ROUTE}`), ["load balancer 'nlb': listen port 443 not rendered; an NLB made by ALBC listens on the ports of gateway 'edge' (80)"]);
  assert.deepEqual(warningsOf(`loadBalancers:
  - {name: nlb, type: nlb, listen: [{protocol: TCP, port: 9000}], service: {name: s, namespace: n, selector: {app: s}, ports: [{port: 80}]}}`), [
    "load balancer 'nlb': listen port 9000 not rendered; an NLB made by ALBC listens on the ports of Service n/s (80)",
  ]);
});

test("settings of an external load balancer belong to whatever made it", () => {
  const warnings = warningsOf(`loadBalancers:
  - name: ext
    type: alb
    sslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06
    listen: [{protocol: HTTPS, port: 443}]
    healthCheck: {path: /ready}
    external: {targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/ext/0123456789abcdef"}
gateways: [{name: edge, type: istio, loadBalancer: ext}]
${ROUTE}`);
  assert.deepEqual(warnings, [
    "load balancer 'ext' is external: 'sslPolicy' belongs to whatever made it (Terraform, Pulumi) and is not rendered",
    "load balancer 'ext' is external: 'healthCheck' belongs to whatever made it (Terraform, Pulumi) and is not rendered",
  ]);
});

test("Cilium with kube-proxy replacement but no API server host is warned about", () => {
  const warnings = warningsOf(`loadBalancers: [{name: nlb, type: nlb}]
gateways: [{name: edge, type: cilium, loadBalancer: nlb}]
${ROUTE}`);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0] ?? "", /set values\.k8sServiceHost/);
});

test("a spec that renders everything it asks for has no warning", () => {
  assert.deepEqual(warningsOf(`${CILIUM_HOST}
loadBalancers: [{name: nlb, type: nlb, scheme: internet-facing}]
gateways: [{name: edge, type: cilium, loadBalancer: nlb}]
${ROUTE}`), []);
});
