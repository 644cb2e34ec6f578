// What a spec asks for but no provider can render is said as a warning, never dropped silently.
import assert from "node:assert/strict";
import { test } from "node:test";
import { buildTopology } from "../../src/model/build.ts";
import { renderTopology } from "../../src/render/render.ts";
import { loadTemplates } from "../../src/render/templates.ts";
import { validateSpecBytes } from "../../src/spec/validate.ts";
import { specText } from "../support/spec-text.ts";

function warningsOf(body: string): readonly string[] {
  const { valid, problems } = validateSpecBytes("w.yaml", new TextEncoder().encode(specText("w", body)));
  assert.ok(valid, JSON.stringify(problems));
  return renderTopology(buildTopology(valid), loadTemplates()).warnings;
}

const CILIUM_HOST = "controllers: {cilium: {values: {k8sServiceHost: abc.eks.amazonaws.com}}}";
const KUBE_PROXY_ADDON = "controllers.cilium: kube-proxy replacement is on: remove the EKS kube-proxy add-on (aws eks delete-addon --addon-name kube-proxy) once Cilium runs, or kube-proxy and Cilium both program every Service";
const ROUTE = "routes: [{name: a, namespace: n, gateway: edge, rules: [{path: /, backend: {service: s, port: 80}}]}]";

test("NLB listeners that no Service port backs are said, not dropped", () => {
  assert.deepEqual(warningsOf(`${CILIUM_HOST}
loadBalancers: [{name: nlb, type: nlb, listen: [{protocol: TCP, port: 80}, {protocol: TCP, port: 443}]}]
gateways: [{name: edge, type: cilium, loadBalancer: nlb}]
${ROUTE}`), ["load balancer 'nlb': listen port 443 not rendered; an NLB made by ALBC listens on the ports of gateway 'edge' (80)", KUBE_PROXY_ADDON]);
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

// behaviour-eks-argocd.md: with kube-proxy replacement the EKS kube-proxy add-on must go, or it and
// Cilium both program every Service; a render of that cluster says so (not only the README).
test("Cilium installed with kube-proxy replacement says the EKS kube-proxy add-on must be removed", () => {
  assert.deepEqual(warningsOf(`${CILIUM_HOST}
loadBalancers: [{name: nlb, type: nlb, scheme: internet-facing}]
gateways: [{name: edge, type: cilium, loadBalancer: nlb}]
${ROUTE}`), [KUBE_PROXY_ADDON]);
});

test("a spec that renders everything it asks for has no warning", () => {
  assert.deepEqual(warningsOf(`loadBalancers: [{name: alb, type: alb, scheme: internet-facing}]
gateways: [{name: edge, type: alb, loadBalancer: alb}]
${ROUTE}`), []);
});
