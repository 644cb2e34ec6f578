// The model has one type per kind of load balancer and ties each gateway type to the load
// balancers validation lets it sit behind (checks/load-balancers.ts, the contract's gateway-type
// table), so a provider never meets a pairing it would have to refuse at run time.
import assert from "node:assert/strict";
import { test } from "node:test";
import { buildModel } from "../../src/model/build.ts";
import type {
  AlbGatewayModel,
  CiliumGatewayModel,
  DirectServiceModel,
  GatewayListener,
  GatewayModel,
  IstioGatewayModel,
  KongGatewayModel,
  Model,
  RouteModel,
} from "../../src/model/types.ts";
import type { ValidSpec } from "../../src/validate/validate.ts";
import { validateSpecBytes } from "../../src/validate/validate.ts";
import { specText } from "../support/spec-text.ts";

const ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef";
const RULES = "rules: [{path: /, backend: {service: s, port: 80}}]";

/** One ALB shared by an alb gateway and an istio gateway. */
const SHARED_ALB = `loadBalancers: [{name: public, type: alb, scheme: internet-facing, healthCheck: {path: /ready}}]
gateways: [{name: web, type: alb, loadBalancer: public}, {name: mesh, type: istio, loadBalancer: public}]
routes: [{name: a, namespace: n, gateway: web, ${RULES}}, {name: b, namespace: n, gateway: mesh, ${RULES}}]`;

/** Kong behind an ALB made elsewhere, with a plugin on its route. */
const KONG_EXTERNAL = `loadBalancers: [{name: bound, type: alb, scheme: internal, external: {targetGroupArn: "${ARN}"}}]
gateways: [{name: api, type: kong, loadBalancer: bound}]
routes: [{name: k, namespace: n, gateway: api, plugins: [{name: cors, config: {}}], ${RULES}}]`;

/** Cilium behind an NLB made elsewhere. */
const CILIUM_EXTERNAL = `controllers: {awsLoadBalancerController: {serviceController: false}, cilium: {apiServer: {host: api.example.com}}}
loadBalancers: [{name: edge, type: nlb, scheme: internet-facing, external: {targetGroupArn: "${ARN}", securityGroupId: sg-0fedcba9876543210}}]
gateways: [{name: gw, type: cilium, loadBalancer: edge}]
routes: [{name: c, namespace: n, gateway: gw, ${RULES}}]`;

/** An NLB that exposes one workload. */
const DIRECT = `loadBalancers: [{name: mqtt, type: nlb, scheme: internal, service: {name: broker, namespace: mq, selector: {app: broker}, ports: [{port: 8883}]}}]
gateways: []
routes: []`;

function validated(body: string): ValidSpec {
  const { valid, problems } = validateSpecBytes("t.yaml", new TextEncoder().encode(specText("t", body)));
  assert.ok(valid, JSON.stringify(problems));
  return valid;
}

function model(body: string): Model {
  return buildModel(validated(body));
}

function gateway<T extends GatewayModel["type"]>(m: Model, type: T): Extract<GatewayModel, { type: T }> {
  const found = m.gateways.find((g): g is Extract<GatewayModel, { type: T }> => g.type === type);
  assert.ok(found, `a ${type} gateway in ${m.gateways.map((g) => g.type).join(", ")}`);
  return found;
}

test("a load balancer made elsewhere is bound in the cluster's VPC and carries none of what ALBC would set", () => {
  const cilium = gateway(model(CILIUM_EXTERNAL), "cilium");
  assert.deepEqual(cilium.loadBalancer, {
    name: "edge",
    // The name the manifests' hints carry: the spec's name, as the spec sets no knownAs.
    knownAs: "edge",
    source: "loadBalancer:edge",
    scheme: "internet-facing",
    // In front of Cilium, instance targets (see build.ts on ALBC #3754).
    targetType: "instance",
    listen: [{ protocol: "TCP", port: 80 }],
    type: "nlb",
    external: true,
    binding: { targetGroupArn: ARN, securityGroupId: "sg-0fedcba9876543210", vpcId: "vpc-0123456789abcdef0" },
    preserveClientIp: false,
  });
  const kong = gateway(model(KONG_EXTERNAL), "kong");
  assert.deepEqual(kong.loadBalancer, {
    name: "bound",
    knownAs: "bound",
    source: "loadBalancer:bound",
    scheme: "internal",
    targetType: "ip",
    listen: [{ protocol: "HTTP", port: 80 }],
    type: "alb",
    external: true,
    binding: { targetGroupArn: ARN, vpcId: "vpc-0123456789abcdef0" },
  });
});

test("gateways that share an ALB hold the one load balancer, in an IngressGroup named after it", () => {
  const m = model(SHARED_ALB);
  const web = gateway(m, "alb");
  const mesh = gateway(m, "istio");
  assert.equal(web.loadBalancer, mesh.loadBalancer);
  assert.equal(m.loadBalancers.length, 1);
  assert.equal(web.loadBalancer.groupName, "public");
  assert.deepEqual(web.loadBalancer.healthCheck, { path: "/ready" });
});

test("a route lives in its gateway, and only a kong gateway's routes carry plugins", () => {
  const shared = model(SHARED_ALB);
  assert.deepEqual(
    shared.gateways.map((g) => [g.name, g.routes.map((r) => r.name)]),
    [
      ["web", ["a"]],
      ["mesh", ["b"]],
    ],
  );
  assert.deepEqual(gateway(shared, "alb").routes[0], {
    name: "a",
    namespace: "n",
    source: "route:n/a",
    protocol: "HTTP",
    rules: [{ path: "/", pathType: "Prefix", backend: { service: "s", port: 80 } }],
  });
  assert.deepEqual(
    gateway(model(KONG_EXTERNAL), "kong").routes.map((r) => r.plugins),
    [[{ name: "cors", config: {} }]],
  );
});

test("an NLB that exposes a workload is one ALBC makes", () => {
  const [service] = model(DIRECT).directServices;
  assert.ok(service);
  assert.equal(service.loadBalancer.external, false);
  assert.deepEqual(service.ports, [{ port: 8883, targetPort: 8883, protocol: "TCP" }]);
});

/** A validated spec with one load balancer's fields replaced, as if validation had let it through. */
function doctored(body: string, lb: Record<string, unknown>, cluster?: Record<string, unknown>): ValidSpec {
  const valid = validated(body);
  const [first, ...rest] = valid.spec.loadBalancers;
  assert.ok(first);
  const spec = { ...valid.spec, loadBalancers: [{ ...first, ...lb }, ...rest], cluster: { ...valid.spec.cluster, ...cluster } };
  return { ...valid, spec };
}

test("a pairing the types cannot hold is a bug in validation, said when the model is built", () => {
  const refused = /validation should have refused this spec/;
  assert.throws(
    () => buildModel(doctored(CILIUM_EXTERNAL, { type: "alb" })),
    /gateway 'gw' is an external ALB with instance targets, which cannot front it/,
  );
  assert.throws(() => buildModel(doctored(CILIUM_EXTERNAL, { targetType: "ip" })), /gateway 'gw' is an external NLB with ip targets/);
  assert.throws(() => buildModel(doctored(KONG_EXTERNAL, { targetType: "instance" })), /gateway 'api' is an external ALB with instance/);
  assert.throws(() => buildModel(doctored(SHARED_ALB, { external: { targetGroupArn: ARN } })), /gateway 'web' is an external ALB/);
  assert.throws(() => buildModel(doctored(KONG_EXTERNAL, { type: "nlb" })), /kong gateway 'api' is an external NLB/);
  assert.throws(() => buildModel(doctored(DIRECT, { external: { targetGroupArn: ARN } })), refused);
  assert.throws(() => buildModel(doctored(KONG_EXTERNAL, {}, { vpcId: undefined })), /'bound' and no cluster.vpcId/);
});

/** Only for the compiler: a value of type T. */
function typed<T>(value: T): T {
  return value;
}

test("the same pairings do not compile (each line after a @ts-expect-error must fail npm run typecheck)", () => {
  const shared = model(SHARED_ALB);
  const alb = gateway(shared, "alb");
  const istio = gateway(shared, "istio");
  const kong = gateway(model(KONG_EXTERNAL), "kong");
  const cilium = gateway(model(CILIUM_EXTERNAL), "cilium");
  const [direct] = model(DIRECT).directServices;
  assert.ok(direct);
  // @ts-expect-error a cilium gateway sits behind an NLB
  typed<CiliumGatewayModel>({ ...cilium, loadBalancer: alb.loadBalancer });
  // @ts-expect-error an alb gateway's Ingresses make its ALB, so it is never external
  typed<AlbGatewayModel>({ ...alb, loadBalancer: kong.loadBalancer });
  // @ts-expect-error a cilium gateway's Service registers no ip targets
  typed<CiliumGatewayModel>({ ...cilium, loadBalancer: { ...cilium.loadBalancer, targetType: "ip" } });
  // @ts-expect-error Kong's health endpoint is only on its pods, so not instance targets
  typed<KongGatewayModel>({ ...kong, loadBalancer: { ...kong.loadBalancer, targetType: "instance" } });
  // @ts-expect-error an istio gateway sits behind an ALB
  typed<IstioGatewayModel>({ ...istio, loadBalancer: cilium.loadBalancer });
  // @ts-expect-error a kong gateway sits behind an ALB
  typed<KongGatewayModel>({ ...kong, loadBalancer: cilium.loadBalancer });
  // @ts-expect-error a direct Service's NLB is one ALBC makes for it
  typed<DirectServiceModel>({ ...direct, loadBalancer: cilium.loadBalancer });
  // @ts-expect-error plugins are Kong's
  typed<RouteModel>({ name: "r", namespace: "n", source: "route:n/r", rules: [], plugins: [] });
  assert.ok(kong.loadBalancer.external);
  // @ts-expect-error an external load balancer has no annotations of its own
  assert.equal(kong.loadBalancer.annotations, undefined);
  // The legal pairings compile and are what the model built.
  assert.equal(typed<KongGatewayModel>({ ...kong, loadBalancer: { ...alb.loadBalancer, targetType: "ip" } }).loadBalancer.type, "alb");
});

test("a chart version validation does not know is a bug in validation, not a missing table entry in a provider", () => {
  const valid = validated(KONG_EXTERNAL);
  const kong = { chartVersion: "0.99.0", values: {} };
  assert.equal(buildModel(valid).controllers.kong?.chartMinor, "0.24");
  assert.throws(
    () => buildModel({ ...valid, spec: { ...valid.spec, controllers: { ...valid.spec.controllers, kong } } }),
    /kong\/ingress 0.99.0 is not a known chart \(validation should have refused this spec\)/,
  );
});

test("a gateway's listeners are never empty: the spec's (minItems 1 in the schema) or the default", () => {
  const valid = validated(CILIUM_EXTERNAL);
  assert.deepEqual(gateway(buildModel(valid), "cilium").listeners, [{ name: "http", protocol: "HTTP", port: 80 }]);
  const withListeners = (listeners: GatewayListener[]): ValidSpec => ({
    ...valid,
    spec: { ...valid.spec, gateways: valid.spec.gateways.map((g) => ({ ...g, listeners })) },
  });
  const https: GatewayListener = { name: "https", protocol: "HTTPS", port: 443, tls: { secretName: "cert" } };
  assert.deepEqual(gateway(buildModel(withListeners([https])), "cilium").listeners, [https]);
  assert.throws(() => buildModel(withListeners([])), /gateway 'gw' has no listeners \(validation should have refused this spec\)/);
});
