// Specs that would not work on EKS are refused at validate, each check stating the upstream fact
// it defends (facts and sources: shared research behaviour-eks-argocd.md).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Problem } from "../../src/problems.ts";
import { validateSpecBytes } from "../../src/validate/validate.ts";
import { specText } from "../support/spec-text.ts";

function problemsOf(body: string): Problem[] {
  return validateSpecBytes("t.yaml", new TextEncoder().encode(specText("t", body))).problems;
}

const errors = (problems: readonly Problem[]) =>
  problems.filter((p) => p.severity === "error").map((p) => `${p.line}:${p.col} ${p.message}`);

const CILIUM = `gateways: [{name: edge, type: cilium, loadBalancer: nlb}]
routes: [{name: a, namespace: n, gateway: edge, rules: [{path: /, backend: {service: s, port: 80}}]}]`;

test("kube-proxy replacement without the API endpoint is refused at the setting, with the fix (cilium-agent gets KUBERNETES_SERVICE_HOST only from k8sServiceHost)", () => {
  const found = errors(
    problemsOf(`controllers:
  cilium: {kubeProxyReplacement: true}
loadBalancers: [{name: nlb, type: nlb}]
${CILIUM}`),
  );
  assert.equal(found.length, 1, found.join("\n"));
  assert.match(found[0] ?? "", /^7:\d+ controllers\.cilium\.kubeProxyReplacement: .*add controllers\.cilium\.apiServer: \{host: /);
});

test("a cilium gateway with Cilium not listed is refused at the gateway, since the default asks for kube-proxy replacement", () => {
  const found = errors(
    problemsOf(`loadBalancers: [{name: nlb, type: nlb}]
${CILIUM}`),
  );
  assert.equal(found.length, 1, found.join("\n"));
  assert.match(found[0] ?? "", /^7:\d+ gateways\[0\]\.type: .*apiServer/);
});

test("the endpoint may come from apiServer or a real values.k8sServiceHost, and a preinstalled Cilium needs none", () => {
  for (const controllers of [
    "{cilium: {apiServer: {host: ABC.gr7.eu-west-1.eks.amazonaws.com}}}",
    "{cilium: {values: {k8sServiceHost: 10.0.0.1, k8sServicePort: 443}}}",
    "{cilium: {install: preinstalled}}",
  ]) {
    assert.deepEqual(
      errors(problemsOf(`controllers: ${controllers}\nloadBalancers: [{name: nlb, type: nlb}]\n${CILIUM}`)),
      [],
      controllers,
    );
  }
});

test("k8sServiceHost: auto is refused: the chart's lookup of kube-public/cluster-info is empty under Argo CD's helm template and it fails (cilium _helpers.tpl)", () => {
  const found = errors(
    problemsOf(`controllers: {cilium: {values: {k8sServiceHost: auto}}}
loadBalancers: [{name: nlb, type: nlb}]
${CILIUM}`),
  );
  assert.equal(found.length, 1, found.join("\n"));
  assert.match(found[0] ?? "", /controllers\.cilium\.values\.k8sServiceHost: 'auto' .*lookup is empty/);
});

test("ip targets behind a Cilium gateway are refused, external NLB or not: its Service's only endpoint is a dummy address (aws-load-balancer-controller#3754)", () => {
  for (const lb of [
    "{name: nlb, type: nlb, targetType: ip}",
    `{name: nlb, type: nlb, targetType: ip, external: {targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/t/0123456789abcdef"}}`,
  ]) {
    const found = errors(
      problemsOf(`controllers: {awsLoadBalancerController: {serviceController: false}, cilium: {install: preinstalled}}
loadBalancers: [${lb}]
${CILIUM}`),
    );
    assert.ok(
      found.some((e) => /loadBalancers\[0\]\.targetType: .*#3754/.test(e)),
      found.join("\n"),
    );
  }
});

test("replicas with autoscaling is refused for istio and kong: both charts set replicas only without autoscaling (istio/gateway deployment.yaml; kong 3.2.0 deployment.yaml 21-25)", () => {
  for (const type of ["istio", "kong"]) {
    const found = errors(
      problemsOf(`loadBalancers: [{name: alb, type: alb}]
gateways: [{name: g, type: ${type}, loadBalancer: alb, replicas: 3, autoscaling: {minReplicas: 2, maxReplicas: 5}}]
routes: [{name: a, namespace: n, gateway: g, rules: [{path: /, backend: {service: s, port: 80}}]}]`),
    );
    assert.equal(found.length, 1, found.join("\n"));
    assert.match(found[0] ?? "", /^7:\d+ gateways\[0\]\.replicas: ignored when autoscaling is set/);
    assert.deepEqual(
      errors(
        problemsOf(`loadBalancers: [{name: alb, type: alb}]
gateways: [{name: g, type: ${type}, loadBalancer: alb, autoscaling: {minReplicas: 2, maxReplicas: 5}}]
routes: [{name: a, namespace: n, gateway: g, rules: [{path: /, backend: {service: s, port: 80}}]}]`),
      ),
      [],
    );
  }
});

test("a preinstalled Cilium takes no values: no Cilium Application would carry them", () => {
  const found = errors(
    problemsOf(`controllers: {cilium: {install: preinstalled, values: {debug: {enabled: true}}}}
loadBalancers: [{name: nlb, type: nlb}]
${CILIUM}`),
  );
  assert.equal(found.length, 1, found.join("\n"));
  assert.match(found[0] ?? "", /controllers\.cilium\.values: Cilium is preinstalled/);
});

const notes = (problems: readonly Problem[]) => problems.filter((p) => p.severity === "info").map((p) => `${p.line}:${p.col} ${p.message}`);

// behaviour-eks-argocd.md: with kube-proxy replacement the EKS kube-proxy add-on must go, or it and
// Cilium both program every Service: validate says so at the setting, and so does the plan.
test("Cilium installed with kube-proxy replacement says, at the setting, that the EKS kube-proxy add-on must be removed", () => {
  assert.deepEqual(
    notes(
      problemsOf(`controllers:
  cilium: {kubeProxyReplacement: true, apiServer: {host: abc.eks.amazonaws.com}}
loadBalancers: [{name: nlb, type: nlb}]
${CILIUM}`),
    ),
    [
      "7:12 controllers.cilium.kubeProxyReplacement: kube-proxy replacement is on: remove the EKS kube-proxy add-on (aws eks delete-addon --addon-name kube-proxy) once Cilium runs, or kube-proxy and Cilium both program every Service",
    ],
  );
  assert.deepEqual(
    notes(
      problemsOf(`controllers:
  cilium: {install: preinstalled}
loadBalancers: [{name: nlb, type: nlb}]
${CILIUM}`),
    ).filter((w) => w.includes("kube-proxy add-on")),
    [],
    "a preinstalled Cilium's kube-proxy is its installer's business",
  );
});
