import assert from "node:assert/strict";
import { test } from "node:test";
import { ALBC_GATEWAY_CONTROLLER, albcAppVersion, albcGatewayApiVersion } from "../../src/controllers/albc.ts";

// kubernetes-sigs/aws-load-balancer-controller helm/aws-load-balancer-controller/Chart.yaml:
// version 1.17.1 appVersion v2.17.1 (tag v2.17.1), version 3.5.0 appVersion v3.5.0 (tag v3.5.0).
test("a chart version names the controller release it runs", () => {
  assert.equal(albcAppVersion("1.17.1"), "v2.17.1");
  assert.equal(albcAppVersion("3.5.0"), "v3.5.0");
});

// config/crd/gateway/gateway.k8s.aws_loadbalancerconfigurations.yaml: v2.17.1 serves only v1beta1;
// v3.5.0 stores v1 and marks v1beta1 deprecated.
test("gateway.k8s.aws objects are written at the version the release stores", () => {
  assert.equal(albcGatewayApiVersion("v2.17.1"), "gateway.k8s.aws/v1beta1");
  assert.equal(albcGatewayApiVersion("v3.5.0"), "gateway.k8s.aws/v1");
});

// pkg/gateway/constants/controller_constants.go: ALBGatewayController "gateway.k8s.aws/alb",
// NLBGatewayController "gateway.k8s.aws/nlb".
test("ALBC's Gateway API controller names", () => {
  assert.deepEqual(ALBC_GATEWAY_CONTROLLER, { alb: "gateway.k8s.aws/alb", nlb: "gateway.k8s.aws/nlb" });
});
