// An exposure is an HTTP route or a forwarded port; the contract's Path writes both as host + path.
import assert from "node:assert/strict";
import { test } from "node:test";
import { contractPath, exposureKey, exposureLabel, isExact, type Exposure } from "../../src/topology/types.ts";

const via = {
  loadBalancer: { name: "mqtt", type: "nlb", scheme: "internal", external: false },
  backend: { namespace: "mqtt", service: "broker", port: 8883 },
  tls: true,
  routeKind: "Service",
} as const;
const port: Exposure = { kind: "port", port: 8883, gateway: { name: "none", type: "none" }, ...via };
const route: Exposure = {
  kind: "route",
  host: "api.example.com",
  urlPath: "/v1",
  pathType: "Exact",
  gateway: { name: "api", type: "kong" },
  ...via,
};

test("a port is read as its load balancer's name and port, and matches no path exactly", () => {
  assert.equal(exposureLabel(port), "mqtt:8883");
  assert.equal(isExact(port), false);
  assert.equal(exposureKey(port), "mqtt :8883");
});

test("a route is read as host and URL path, exact when its path type is", () => {
  assert.equal(exposureLabel(route), "api.example.com /v1");
  assert.equal(isExact(route), true);
  assert.equal(exposureKey(route), "api.example.com /v1");
});

test("the contract's Path keeps its fields and their order for both kinds: a port is `:<port>`, Exact, under its load balancer's name", () => {
  const { loadBalancer, backend } = via;
  assert.equal(
    JSON.stringify(contractPath(port)),
    JSON.stringify({ host: "mqtt", path: ":8883", pathType: "Exact", loadBalancer, gateway: port.gateway, backend, tls: true }),
  );
  assert.deepEqual(Object.keys(contractPath(route)), ["host", "path", "pathType", "loadBalancer", "gateway", "backend", "tls"]);
  assert.deepEqual([contractPath(route).host, contractPath(route).path, contractPath(route).pathType], ["api.example.com", "/v1", "Exact"]);
});
