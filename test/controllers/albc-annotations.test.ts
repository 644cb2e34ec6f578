import assert from "node:assert/strict";
import { test } from "node:test";
import { checkAnnotation, documentedKeys, FIELD_ANNOTATIONS } from "../../src/controllers/albc-annotations.ts";

test("accepts documented annotations, including templated keys", () => {
  assert.deepEqual(checkAnnotation("alb", "alb.ingress.kubernetes.io/ssl-redirect", "443"), { ok: true });
  assert.deepEqual(checkAnnotation("alb", "alb.ingress.kubernetes.io/actions.forward-blue", "{}"), { ok: true });
  assert.deepEqual(
    checkAnnotation("nlb", "service.beta.kubernetes.io/aws-load-balancer-target-group-attributes", "preserve_client_ip.enabled=true"),
    { ok: true },
  );
  assert.deepEqual(
    checkAnnotation("nlb", "service.beta.kubernetes.io/aws-load-balancer-listener-attributes.TCP-80", "tcp.idle_timeout.seconds=400"),
    { ok: true },
  );
});

test("refuses unknown keys, the other controller's prefix, keys the spec owns and undocumented values", () => {
  assert.equal(checkAnnotation("alb", "alb.ingress.kubernetes.io/no-such-thing", "x").ok, false);
  const wrongPrefix = checkAnnotation("nlb", "alb.ingress.kubernetes.io/ssl-redirect", "443");
  assert.ok(!wrongPrefix.ok && wrongPrefix.reason === "wrong-prefix" && wrongPrefix.detail.includes("this key is for an alb"));
  const owned = checkAnnotation("alb", "alb.ingress.kubernetes.io/target-type", "ip");
  assert.ok(!owned.ok && owned.reason === "owned-by-field" && owned.detail.includes("'targetType'"));
  const badValue = checkAnnotation("alb", "alb.ingress.kubernetes.io/ip-address-type", "ipv5");
  assert.ok(!badValue.ok && badValue.reason === "bad-value");
});

test("every annotation a field owns is one the controller documents", () => {
  for (const type of ["alb", "nlb"] as const) {
    const documented = new Set(documentedKeys(type));
    for (const key of Object.values(FIELD_ANNOTATIONS[type])) assert.ok(documented.has(key), key);
  }
});
