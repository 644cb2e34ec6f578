// Listeners that nothing behind them answers, or that have no certificate to offer, are refused at validate.
import assert from "node:assert/strict";
import { test } from "node:test";
import { problemsOf } from "./spec-text.ts";

const CILIUM_HOST = "controllers: {cilium: {values: {k8sServiceHost: abc.eks.amazonaws.com}}}";
const ROUTE =
  "routes: [{name: a, namespace: n, gateway: edge, hosts: [a.example.com], rules: [{path: /, backend: {service: s, port: 80}}]}]";
const HOSTLESS = "routes: [{name: a, namespace: n, gateway: edge, rules: [{path: /, backend: {service: s, port: 80}}]}]";
const CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/abc";

// ALBC builds an NLB's listeners from the ports of the Service it watches (the Gateway's, or the
// `service:` one); a listen port none has never exists.
test("an NLB TLS listener whose port matches nothing the NLB fronts is an error on that port", () => {
  assert.deepEqual(
    problemsOf(`${CILIUM_HOST}
loadBalancers: [{name: nlb, type: nlb, certificateArns: ["${CERT}"], listen: [{protocol: TCP, port: 80}, {protocol: TLS, port: 443}]}]
gateways: [{name: edge, type: cilium, loadBalancer: nlb}]
${ROUTE}`),
    [
      "w.yaml:7:171: loadBalancers[0].listen[1].port: TLS port 443 matches nothing 'nlb' fronts: an NLB made by ALBC listens on the ports of gateway 'edge' (80); listen on one of those, or add the port there",
    ],
  );
  assert.deepEqual(
    problemsOf(`loadBalancers:
  - {name: nlb, type: nlb, listen: [{protocol: TCP, port: 9000}], service: {name: s, namespace: n, selector: {app: s}, ports: [{port: 80}]}}`),
    [
      "w.yaml:7:59: loadBalancers[0].listen[0].port: TCP port 9000 matches nothing 'nlb' fronts: an NLB made by ALBC listens on the ports of Service n/s (80); listen on one of those, or add the port there",
    ],
  );
});

test("a TLS listener on a port the gateway listens on is accepted", () => {
  assert.deepEqual(
    problemsOf(`${CILIUM_HOST}
loadBalancers: [{name: nlb, type: nlb, certificateArns: ["${CERT}"], listen: [{protocol: TLS, port: 443}]}]
gateways: [{name: edge, type: cilium, loadBalancer: nlb, listeners: [{name: h, protocol: HTTP, port: 443}]}]
${ROUTE}`),
    [],
  );
});

// The istio/gateway chart's Service port 80 (http2) is where the ALB Ingress sends plain HTTP.
test("an Istio gateway listening only on HTTPS behind an ALB that sends to port 80 is refused", () => {
  assert.deepEqual(
    problemsOf(`loadBalancers: [{name: alb, type: alb, certificateArns: ["${CERT}"], listen: [{protocol: HTTPS, port: 443}]}]
gateways:
  - {name: edge, type: istio, loadBalancer: alb, listeners: [{name: https, protocol: HTTPS, port: 443, tls: {secretName: t}}]}
${ROUTE}`),
    [
      "w.yaml:8:50: gateways[0].listeners: the ALB in front sends plain HTTP to the gateway's port 80 (TLS ends at the ALB), but this gateway listens only on HTTPS 443; add a listener {protocol: HTTP, port: 80}",
    ],
  );
});

// ALBC docs, guide/ingress/cert_discovery: without certificate-arn, certificates are discovered
// from the Ingresses' tls hosts and rule hosts.
test("an ALB HTTPS listener with no certificate and no host to discover one by is refused", () => {
  assert.deepEqual(
    problemsOf(`loadBalancers: [{name: alb, type: alb, listen: [{protocol: HTTPS, port: 443}]}]
gateways: [{name: edge, type: alb, loadBalancer: alb}]
${HOSTLESS}`),
    [
      "w.yaml:6:60: loadBalancers[0].listen[0].protocol: an HTTPS listener needs a certificate: set certificateArns, or give the routes of an alb gateway behind 'alb' hosts for ALBC's certificate discovery to find one by; none has a host",
    ],
  );
  // The Ingress in front of a Kong proxy has no host, whatever hosts its routes have: only certificateArns helps.
  assert.deepEqual(
    problemsOf(`loadBalancers: [{name: alb, type: alb, listen: [{protocol: HTTPS, port: 443}]}]
gateways: [{name: edge, type: kong, loadBalancer: alb}]
${ROUTE}`).filter((p) => p.includes("needs a certificate")),
    [
      "w.yaml:6:60: loadBalancers[0].listen[0].protocol: an HTTPS listener needs a certificate: set certificateArns: 'alb' fronts no alb gateway, and the Ingress in front of a proxy has no host for ALBC's certificate discovery to find one by",
    ],
  );
});

test("an ALB HTTPS listener whose routes have hosts relies on certificate discovery", () => {
  assert.deepEqual(
    problemsOf(`loadBalancers: [{name: alb, type: alb, listen: [{protocol: HTTPS, port: 443}]}]
gateways: [{name: edge, type: alb, loadBalancer: alb}]
${ROUTE}`),
    [],
  );
});
