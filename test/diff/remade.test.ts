// How a load balancer is made, compared before and after: a Service's loadBalancerClass, which the
// API server lets no update add, change or remove on a Service of type LoadBalancer
// (kubernetes pkg/apis/core/validation/validation.go, validateLoadBalancerClassField: "may not
// change once set"), is said with the way out that exists.
import assert from "node:assert/strict";
import { test } from "node:test";
import { remadeFindings } from "../../src/diff/remade.ts";
import type { LoadBalancerRef, Making } from "../../src/topology/types.ts";

const lb: LoadBalancerRef = { name: "iot/mosquitto", type: "nlb", scheme: "internet-facing", external: false };
const side = (making: Making) => ({ lb, file: "mqtt.yaml", making });
const ALBC = "aws-load-balancer-controller" as const;

test("a Service the controller takes by annotation that the render gives the class: said, with selectedBy annotation", () => {
  // The controller takes a Service without a class by its aws-load-balancer-type annotation
  // (kubernetes-sigs/aws-load-balancer-controller pkg/service/service_utils.go, IsServiceSupported).
  const [finding, ...rest] = remadeFindings(
    side({ by: ALBC, of: "Service", targetType: "ip" }),
    side({ by: ALBC, of: "Service", targetType: "ip", loadBalancerClass: "service.k8s.aws/nlb" }),
    [],
  );
  assert.deepEqual(rest, []);
  assert.ok(finding !== undefined);
  assert.equal(finding.severity, "warning");
  assert.match(finding.message, /loadBalancerClass changes from none to service\.k8s\.aws\/nlb, which the API server refuses/);
  assert.match(finding.message, /set `selectedBy: annotation` in the load balancer's `service` to keep it without a class$/);
});

test("an in-tree NLB handed to the controller is replaced whatever its class: no selectedBy way out is offered", () => {
  const findings = remadeFindings(
    side({ by: "in-tree", of: "Service", targetType: "instance" }),
    side({ by: ALBC, of: "Service", targetType: "instance", loadBalancerClass: "service.k8s.aws/nlb" }),
    [],
  );
  assert.deepEqual(
    findings.map((f) => f.group),
    ["NLBs are replaced", "Services change loadBalancerClass"],
  );
  assert.ok(findings.every((f) => !f.message.includes("selectedBy")));
});

test("the same Service, without a class on both sides: nothing is said", () => {
  assert.deepEqual(
    remadeFindings(side({ by: ALBC, of: "Service", targetType: "ip" }), side({ by: ALBC, of: "Service", targetType: "ip" }), []),
    [],
  );
});
