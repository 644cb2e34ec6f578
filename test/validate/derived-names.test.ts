// Names derived from spec names are refused at validate, on the field that makes them too long,
// with the consumer's limit in the message.
import assert from "node:assert/strict";
import { test } from "node:test";
import { formatProblem } from "../../src/problems.ts";
import { validateSpecBytes } from "../../src/validate/validate.ts";
import { problemsOf, SPEC_HEAD } from "./spec-text.ts";

const ALB = "loadBalancers: [{name: alb, type: alb}]";
const TGB = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/ext/0123456789abcdef";
const route = (gateway: string) =>
  `routes: [{name: a, namespace: n, gateway: ${gateway}, rules: [{path: /, backend: {service: s, port: 80}}]}]`;
const errors = (body: string) => problemsOf(body).filter((p) => !p.includes(": warning: "));

// helm/helm pkg/chartutil: maxReleaseNameLen = 53 (research: behaviour-eks-argocd.md, "Other charts").
test("an istio gateway whose release istio-<name> is over Helm's 53 characters is refused on its name", () => {
  const name = "g".repeat(48);
  assert.deepEqual(errors(`${ALB}\ngateways: [{name: ${name}, type: istio, loadBalancer: alb}]\n${route(name)}`), [
    `w.yaml:7:19: gateways[0].name: makes the Helm release 'istio-${name}' (54 characters, at most 53: Helm refuses longer release names); shorten the gateway name to at most 47 characters`,
  ]);
  const fits = "g".repeat(47);
  assert.deepEqual(errors(`${ALB}\ngateways: [{name: ${fits}, type: istio, loadBalancer: alb}]\n${route(fits)}`), []);
});

// The kong chart cuts the proxy's fullname at 63; the ALB Ingress names `<release>-gateway-proxy` in full.
test("a kong gateway whose proxy Service kong-<name>-gateway-proxy is over 63 characters is refused", () => {
  const name = "k".repeat(45);
  assert.deepEqual(errors(`${ALB}\ngateways: [{name: ${name}, type: kong, loadBalancer: alb}]\n${route(name)}`), [
    `w.yaml:7:19: gateways[0].name: makes the Kong proxy Service 'kong-${name}-gateway-proxy' (64 characters, at most 63: the chart cuts longer names, so the load balancer would name a Service that does not exist); shorten the gateway name to at most 44 characters`,
  ]);
});

// cilium/cilium pkg/shortener/shortener.go: ShortenK8sResourceName cuts names over 63 to 52 characters + "-" + a 10-character hash.
test("a cilium gateway behind an external NLB whose Service cilium-gateway-<name> is over 63 characters is refused", () => {
  const name = "c".repeat(49);
  const body = (n: string) => `controllers: {cilium: {values: {k8sServiceHost: h.example.com}}}
loadBalancers: [{name: nlb, type: nlb, targetType: instance, external: {targetGroupArn: "${TGB}"}}]
gateways: [{name: ${n}, type: cilium, loadBalancer: nlb}]
${route(n)}`;
  assert.deepEqual(errors(body(name)), [
    `w.yaml:8:19: gateways[0].name: makes the Gateway's Service 'cilium-gateway-${name}' (64 characters, at most 63: Cilium hash-shortens longer names, so the TargetGroupBinding would name a Service that does not exist); shorten the gateway name to at most 48 characters`,
  ]);
  assert.deepEqual(errors(body("c".repeat(48))), []);
});

test("an istio gateway named base, which would be Istio's own base release and Application, is refused", () => {
  assert.deepEqual(errors(`${ALB}\ngateways: [{name: base, type: istio, loadBalancer: alb}]\n${route("base")}`), [
    "w.yaml:7:19: gateways[0].name: an istio gateway named 'base' would be the Helm release and Application 'istio-base', which Istio's base chart already is; choose another name",
  ]);
});

test("two KongPlugins of one namespace named alike by different routes are refused", () => {
  assert.deepEqual(
    errors(`${ALB}
gateways: [{name: edge, type: kong, loadBalancer: alb}]
routes:
  - {name: a, namespace: n, gateway: edge, plugins: [{name: rate-limiting}], rules: [{path: /a, backend: {service: s, port: 80}}]}
  - {name: a-rate, namespace: n, gateway: edge, plugins: [{name: limiting}], rules: [{path: /b, backend: {service: s, port: 80}}]}`).filter(
      (p) => p.includes("KongPlugin"),
    ),
    [
      "w.yaml:10:66: routes[1].plugins[0].name: makes the KongPlugin 'a-rate-limiting' in namespace 'n', which the plugin at line 9 already makes; rename one of the routes",
    ],
  );
});

test("a gitops.path folder name longer than file systems accept is refused", () => {
  const text = SPEC_HEAD.replace("path: clusters/c", `path: clusters/${"x".repeat(256)}`);
  const problems = validateSpecBytes("w.yaml", new TextEncoder().encode(text)).problems.map(formatProblem);
  assert.ok(
    problems.some((p) => /gitops\.path: .* has a folder name of 256 bytes; file systems accept at most 255/.test(p)),
    problems.join("\n"),
  );
});

// A gateway's name also goes into the Applications `<spec>-routes-<gateway>` and, for istio and
// kong, `<spec>-<release>`: their limit is told in the same run as Helm's and the Service's, so the
// length the message suggests is one that passes.
test("a gateway name too long for several consumers is one problem naming every limit, and the suggested length passes", () => {
  const spec = (gateway: string) =>
    validateSpecBytes(
      "w.yaml",
      new TextEncoder().encode(
        `${SPEC_HEAD.replace("name: w}", "name: payments-prod}")}${ALB}\ngateways: [{name: ${gateway}, type: kong, loadBalancer: alb}]\n${route(gateway)}`,
      ),
    ).problems.map(formatProblem);
  const name = "k".repeat(50);
  assert.deepEqual(spec(name), [
    `w.yaml:7:19: gateways[0].name: makes the Helm release 'kong-${name}' (55 characters, at most 53: Helm refuses longer release names), and the Kong proxy Service 'kong-${name}-gateway-proxy' (69 characters, at most 63: the chart cuts longer names, so the load balancer would name a Service that does not exist), and the Argo CD Application 'payments-prod-kong-${name}' (69 characters, at most 63: label tracking puts the name in a label value), and the Argo CD Application 'payments-prod-routes-${name}' (71 characters, at most 63: label tracking puts the name in a label value); shorten the gateway name to at most 42 characters`,
  ]);
  assert.deepEqual(spec("k".repeat(42)), []);
});
