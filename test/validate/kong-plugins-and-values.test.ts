// Kong plugin names against what the pinned Kong bundles, and free-form Helm values against the
// chart's own schema: both refused at validate with the field's position.
import assert from "node:assert/strict";
import { test } from "node:test";
import { KONG_BUNDLED_PLUGINS } from "../../src/validate/checks/kong-plugins.ts";
import { problemsOf } from "./spec-text.ts";

const KONG = "loadBalancers: [{name: alb, type: alb}]\ngateways: [{name: edge, type: kong, loadBalancer: alb}]";
const withPlugin = (plugin: string) =>
  `${KONG}\nroutes: [{name: a, namespace: n, gateway: edge, plugins: [{name: ${plugin}}], rules: [{path: /, backend: {service: s, port: 80}}]}]`;

// Kong/kong kong/constants.lua at tag 3.9.0 (and 3.9.3), `local plugins`, lines 1-46: 45 bundled plugins.
test("the bundled plugin list is Kong 3.9's", () => {
  assert.equal(KONG_BUNDLED_PLUGINS.length, 45);
  for (const name of ["rate-limiting", "key-auth", "cors", "opentelemetry", "ai-proxy", "redirect"])
    assert.ok(KONG_BUNDLED_PLUGINS.includes(name), name);
  assert.equal(new Set(KONG_BUNDLED_PLUGINS).size, KONG_BUNDLED_PLUGINS.length);
});

test("a plugin Kong does not bundle is refused with the closest name", () => {
  assert.deepEqual(problemsOf(withPlugin("rate-limitting")), [
    "w.yaml:8:66: routes[0].plugins[0].name: Kong 3.9 has no plugin 'rate-limitting' (did you mean 'rate-limiting'?); add a custom one through controllers.kong.values gateway.plugins",
  ]);
  assert.deepEqual(problemsOf(withPlugin("rate-limiting")), []);
});

test("a custom plugin installed through the chart's gateway.plugins is accepted", () => {
  const custom = `controllers: {kong: {values: {gateway: {plugins: {configMaps: [{pluginName: my-auth, name: kong-plugin-my-auth}]}}}}}\n${withPlugin("my-auth")}`;
  assert.deepEqual(problemsOf(custom), []);
});

test("an unknown key in free-form Helm values is refused at its own position, against the chart's values", () => {
  assert.deepEqual(
    problemsOf(`controllers:
  cilium:
    values:
      k8sServiceHost: h.example.com
      hubble: {relay: {enabeld: true}}
loadBalancers: [{name: nlb, type: nlb}]
gateways: [{name: edge, type: cilium, loadBalancer: nlb}]
routes: [{name: a, namespace: n, gateway: edge, rules: [{path: /, backend: {service: s, port: 80}}]}]`),
    [
      'w.yaml:10:24: controllers.cilium.values.hubble.relay.enabeld: unknown field "enabeld" (did you mean "enabled"?) (chart cilium 1.19.6)',
    ],
  );
  const kong = problemsOf(`controllers: {kong: {values: {gateway: {replicaCont: 2}}}}\n${withPlugin("cors")}`);
  assert.equal(kong.length, 1);
  assert.match(
    kong[0] ?? "",
    /^w\.yaml:6:41: controllers\.kong\.values\.gateway\.replicaCont: unknown field "replicaCont" \(did you mean "replicaCount"\?\) \(chart kong-ingress 0\.24\.0\)$/,
  );
});
