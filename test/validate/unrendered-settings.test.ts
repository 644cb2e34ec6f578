// What a spec asks for but no rendered file can carry is a positioned warning at validate, never dropped silently.
import assert from "node:assert/strict";
import { test } from "node:test";
import { problemsOf } from "./spec-text.ts";

const CILIUM_HOST = "controllers: {cilium: {values: {k8sServiceHost: abc.eks.amazonaws.com}}}";
const ROUTE = "routes: [{name: a, namespace: n, gateway: edge, rules: [{path: /, backend: {service: s, port: 80}}]}]";

test("settings of an external load balancer belong to whatever made it, said on each field", () => {
  assert.deepEqual(
    problemsOf(`loadBalancers:
  - name: ext
    type: alb
    sslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06
    listen: [{protocol: HTTPS, port: 443}]
    healthCheck: {path: /ready}
    external: {targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/ext/0123456789abcdef"}
gateways: [{name: edge, type: istio, loadBalancer: ext}]
${ROUTE}`),
    [
      "w.yaml:9:5: warning: loadBalancers[0].sslPolicy: 'ext' is external: 'sslPolicy' belongs to whatever made it (Terraform, Pulumi) and is not rendered",
      "w.yaml:11:5: warning: loadBalancers[0].healthCheck: 'ext' is external: 'healthCheck' belongs to whatever made it (Terraform, Pulumi) and is not rendered",
    ],
  );
});

test("an external NLB binds one port of a Cilium gateway with several", () => {
  assert.deepEqual(
    problemsOf(`${CILIUM_HOST}
loadBalancers:
  - {name: nlb, type: nlb, targetType: instance, external: {targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/ext/0123456789abcdef"}}
gateways:
  - name: edge
    type: cilium
    loadBalancer: nlb
    listeners: [{name: http, protocol: HTTP, port: 80}, {name: alt, protocol: HTTP, port: 8080}]
${ROUTE}`),
    ["w.yaml:13:5: warning: gateways[0].listeners: an external NLB's target group forwards one port, so only listener port 80 is bound"],
  );
});

test("a spec that renders everything it asks for has no warning", () => {
  assert.deepEqual(
    problemsOf(`${CILIUM_HOST}
loadBalancers: [{name: nlb, type: nlb, scheme: internet-facing}]
gateways: [{name: edge, type: cilium, loadBalancer: nlb}]
${ROUTE}`),
    [],
  );
});
