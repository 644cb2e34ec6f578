import assert from "node:assert/strict";
import { test } from "node:test";
import {
  ALB_GATEWAY_NEED,
  hasInfrastructure,
  INFRASTRUCTURE_NEED,
  resolveGatewayApiRelease,
  type ControllerVersion,
} from "../../src/controllers/gateway-api.ts";

const cilium = (chartVersion: string): ControllerVersion => ({ controller: "cilium", chartVersion });
const kong: ControllerVersion = { controller: "kong", chartVersion: "0.24.0" };
const albc: ControllerVersion = { controller: "awsLoadBalancerController", chartVersion: "3.5.0" };
const istio: ControllerVersion = { controller: "istio", chartVersion: "1.30.3" };

test("picks the newest shipped release every controller supports", () => {
  assert.deepEqual(resolveGatewayApiRelease([cilium("1.19.6"), albc], "standard", [INFRASTRUCTURE_NEED]), { ok: true, release: "v1.4.1" });
  assert.deepEqual(resolveGatewayApiRelease([cilium("1.20.0"), albc, istio], "standard", [INFRASTRUCTURE_NEED]), {
    ok: true,
    release: "v1.6.1",
  });
  assert.deepEqual(resolveGatewayApiRelease([cilium("1.19.6"), albc, istio, kong], "standard", [INFRASTRUCTURE_NEED]), {
    ok: true,
    release: "v1.4.1",
  });
  assert.deepEqual(resolveGatewayApiRelease([albc, kong], "standard", []), { ok: true, release: "v1.4.1" });
});

test("checks a pinned release with the reason it does not fit", () => {
  assert.deepEqual(resolveGatewayApiRelease([cilium("1.19.6")], "standard", [INFRASTRUCTURE_NEED], "v1.2.1"), {
    ok: true,
    release: "v1.2.1",
  });
  const tooNew = resolveGatewayApiRelease([cilium("1.19.6")], "standard", [INFRASTRUCTURE_NEED], "v1.6.1");
  assert.ok(!tooNew.ok && tooNew.reason.includes("TLSRoute v1alpha2"));
  const tooOld = resolveGatewayApiRelease([cilium("1.20.0")], "standard", [], "v1.4.1");
  assert.ok(!tooOld.ok && tooOld.reason.includes("cilium 1.20: it needs TLSRoute, ReferenceGrant and BackendTLSPolicy at v1"));
  const unknown = resolveGatewayApiRelease([], "standard", [], "v1.3.0");
  assert.ok(!unknown.ok && unknown.reason.includes("not one ingress-gitops ships"));
});

test("Gateway.spec.infrastructure: experimental from v1.0.0, standard from v1.2.0", () => {
  assert.equal(hasInfrastructure("v1.0.0", "standard"), false);
  assert.equal(hasInfrastructure("v1.0.0", "experimental"), true);
  assert.equal(hasInfrastructure("v1.2.1", "standard"), true);
  assert.deepEqual(resolveGatewayApiRelease([], "experimental", [INFRASTRUCTURE_NEED], "v1.0.0"), { ok: true, release: "v1.0.0" });
  const standard = resolveGatewayApiRelease([], "standard", [INFRASTRUCTURE_NEED], "v1.0.0");
  assert.ok(!standard.ok && standard.reason.includes("spec.infrastructure"));
});

test("explains when no release fits, with each controller's range", () => {
  const result = resolveGatewayApiRelease([cilium("1.20.0"), kong], "standard", []);
  assert.deepEqual(result, {
    ok: false,
    reason:
      "no Gateway API release suits every enabled controller: cilium 1.20 supports v1.5.0 or later; kong 0.24 supports v1.0.0 up to (not including) v1.5.0",
  });
});

// kubernetes-sigs/aws-load-balancer-controller docs/guide/gateway/l7gateway.md (the Gateway's
// infrastructure.parametersRef names its LoadBalancerConfiguration) and
// pkg/gateway/crddetect/gateway_feature_flags.go (albKinds: GRPCRoute v1 must exist).
test("an aws gateway needs infrastructure.parametersRef and GRPCRoute v1", () => {
  assert.deepEqual(resolveGatewayApiRelease([albc], "standard", [ALB_GATEWAY_NEED], "v1.2.1"), { ok: true, release: "v1.2.1" });
  const old = resolveGatewayApiRelease([albc], "standard", [ALB_GATEWAY_NEED], "v1.0.0");
  assert.ok(!old.ok && old.reason.includes("an aws gateway (ALBC's ALB Gateway) needs spec.infrastructure.parametersRef and GRPCRoute v1"));
  const experimental = resolveGatewayApiRelease([albc], "experimental", [ALB_GATEWAY_NEED], "v1.0.0");
  assert.ok(!experimental.ok && experimental.reason.includes("the experimental channel has from v1.1.0"));
});
