// The names controllers give what ingress-gitops installs, as render writes them and the topology
// reader takes them back. Each fact cites where upstream makes it so.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ciliumGatewayService } from "../../src/controllers/cilium.ts";
import { hostsIntersect } from "../../src/controllers/hostnames.ts";
import { istioGatewayService, istioPodLabelValue, istioRelease } from "../../src/controllers/istio.ts";
import { kongGatewayOf, kongProxyService, kongRelease } from "../../src/controllers/kong.ts";

test("Cilium's operator names a Gateway's Service cilium-gateway-<name> (operator/pkg/model/translation/gateway-api/translator.go)", () => {
  assert.equal(ciliumGatewayService("edge"), "cilium-gateway-edge");
});

test("the istio/gateway chart names its Service for the release and labels its pods without the istio- prefix (gateway.selectorLabels, trimPrefix)", () => {
  const release = istioRelease("edge");
  assert.equal(release, "istio-edge");
  assert.equal(istioGatewayService(release), "istio-edge");
  assert.equal(istioPodLabelValue(release), "edge");
  // trimPrefix leaves a name without the prefix as it is.
  assert.equal(istioPodLabelValue("ingressgateway"), "ingressgateway");
});

test("kong/ingress's proxy Service is <release>-gateway-proxy (the kong subchart aliased gateway, its <fullname>-proxy Service)", () => {
  assert.equal(kongProxyService(kongRelease("api")), "kong-api-gateway-proxy");
});

test("a kong release names its gateway back; a release named otherwise, or the bare prefix, names itself", () => {
  assert.equal(kongGatewayOf(kongRelease("api")), "api");
  assert.equal(kongGatewayOf("kong-kong-x"), "kong-x");
  assert.equal(kongGatewayOf("kong-"), "kong-");
  assert.equal(kongGatewayOf("my-kong"), "my-kong");
});

test("Gateway API hostnames: a *. wildcard matches one or more whole leading labels, never the bare suffix (apis/v1/gateway_types.go Listener.Hostname)", () => {
  assert.equal(hostsIntersect("a.example.com", "*.example.com"), true);
  assert.equal(hostsIntersect("a.b.example.com", "*.example.com"), true);
  assert.equal(hostsIntersect("example.com", "*.example.com"), false);
  assert.equal(hostsIntersect("*.example.com", "a.example.com"), true);
  assert.equal(hostsIntersect("a.example.org", "*.example.com"), false);
  assert.equal(hostsIntersect(undefined, "a.example.com"), true);
});
