// Facts about a spec's topology that validation, the model and the renderer all need.
import { ALBC_L4_ROUTE_KINDS, albcAppVersion, albcL4RouteVersion } from "../controllers/albc.ts";
import { CILIUM_L4_ROUTES } from "../controllers/cilium.ts";
import {
  ALB_GATEWAY_NEED,
  chartMinor,
  GATEWAY_API_CONTROLLERS,
  INFRASTRUCTURE_NEED,
  knownChartMinor,
  L4_ROUTE_KIND,
  resolveGatewayApiRelease,
  routeKindsNeed,
  type GatewayApiNeed,
  type Resolution,
} from "../controllers/gateway-api.ts";
import { controllerDefaults } from "./schema.ts";
import type {
  AwsGateway,
  Controllers,
  Gateway,
  GatewayListener,
  IngressSpec,
  L4Route,
  Listen,
  LoadBalancer,
  NlbLoadBalancer,
  Route,
} from "./types.ts";

export type ControllerName = keyof Controllers;

/** A listener for any host on port 80, the default of cilium and istio gateways. */
export const DEFAULT_LISTENERS: readonly [GatewayListener, ...GatewayListener[]] = [{ name: "http", protocol: "HTTP", port: 80 }];

const CONTROLLER_NAMES: readonly ControllerName[] = ["gatewayAPI", "awsLoadBalancerController", "cilium", "istio", "kong"];

/**
 * Whether a gateway's objects are Gateway API (a Gateway and route kinds), so that allowedRoutes
 * and ReferenceGrants mean something and the Gateway API CRDs are needed: cilium and aws always,
 * istio and kong with routeFormat gatewayAPI.
 */
export function rendersGatewayApi(gateway: Gateway): boolean {
  switch (gateway.type) {
    case "cilium":
    case "aws":
      return true;
    case "istio":
    case "kong":
      return gateway.routeFormat === "gatewayAPI";
    case "alb":
      return false;
  }
}

/** A controller is installed iff the spec lists it or something in the topology needs it. */
export function enabledControllers(spec: IngressSpec): Set<ControllerName> {
  const types = new Set(spec.gateways.map((g) => g.type));
  const needed: Record<ControllerName, boolean> = {
    gatewayAPI: spec.gateways.some(rendersGatewayApi),
    awsLoadBalancerController: spec.loadBalancers.length > 0,
    cilium: types.has("cilium"),
    istio: types.has("istio"),
    kong: types.has("kong"),
  };
  return new Set(CONTROLLER_NAMES.filter((name) => needed[name] || spec.controllers[name] !== undefined));
}

export function gatewaysBehind(spec: IngressSpec, lb: LoadBalancer): Gateway[] {
  return spec.gateways.filter((g) => g.loadBalancer === lb.name);
}

/** Whether a Cilium gateway sits behind this load balancer. */
export function frontsCilium(spec: IngressSpec, lb: LoadBalancer): boolean {
  return gatewaysBehind(spec, lb).some((g) => g.type === "cilium");
}

/**
 * ALBC must create an NLB from a Service of type LoadBalancer: a `service:` NLB, or the Service
 * Cilium makes for a Gateway behind a controller-made NLB.
 */
export function needsServiceController(spec: IngressSpec, lb: LoadBalancer): boolean {
  if (lb.type !== "nlb" || lb.external !== undefined) return false;
  return lb.service !== undefined || frontsCilium(spec, lb);
}

/**
 * An external NLB in front of Cilium binds the Service Cilium makes for the Gateway; that
 * Service is of type LoadBalancer, so ALBC's service controller must be off or it would make a
 * second NLB for it.
 */
export function needsServiceControllerOff(spec: IngressSpec, lb: LoadBalancer): boolean {
  return lb.external !== undefined && frontsCilium(spec, lb);
}

/** The settings of a controller: as listed, or the schema's defaults when only the topology needs it. */
export function controllerSettings<K extends ControllerName>(spec: IngressSpec, name: K): NonNullable<IngressSpec["controllers"][K]> {
  return spec.controllers[name] ?? controllerDefaults(name);
}

/**
 * Whether a Cilium Gateway sits behind an NLB, which it configures through `infrastructure`:
 * the NLB's annotations for ALBC, or, for an external NLB, the mark that keeps EKS's cloud
 * provider from making a load balancer for the gateway's Service.
 */
export function needsGatewayInfrastructure(spec: IngressSpec): boolean {
  return spec.loadBalancers.some((lb) => lb.type === "nlb" && frontsCilium(spec, lb));
}

/** The load balancer a gateway names, if the spec has it. */
export function loadBalancerOf(spec: IngressSpec, gateway: Gateway): LoadBalancer | undefined {
  return spec.loadBalancers.find((lb) => lb.name === gateway.loadBalancer);
}

/** An aws gateway whose load balancer is an NLB: ALBC's NLB Gateway, for TCP, TLS and UDP routes. */
export function isAwsNlbGateway(spec: IngressSpec, gateway: Gateway): boolean {
  return gateway.type === "aws" && loadBalancerOf(spec, gateway)?.type === "nlb";
}

/**
 * The listeners an aws gateway without listeners of its own has on one port its load balancer
 * listens on, named for protocol and port: a TCP_UDP port is a TCP and a UDP listener on one
 * port, which ALBC merges back into one TCP_UDP listener (docs/guide/gateway/l4gateway.md,
 * "Combined Protocols"). A TLS port has none: validation refuses it (checks/route-protocols.ts).
 */
export function portListeners(l: Listen): GatewayListener[] {
  const listener = (protocol: GatewayListener["protocol"]): GatewayListener => ({
    name: `${protocol.toLowerCase()}-${l.port}`,
    protocol,
    port: l.port,
  });
  if (l.protocol === "TCP_UDP") return [listener("TCP"), listener("UDP")];
  return l.protocol === "TLS" ? [] : [listener(l.protocol)];
}

/** The listeners of an aws gateway on an NLB: its own, or those of its NLB's ports (an HTTP port there is refused by checks/load-balancers.ts). */
export function awsNlbListeners(gateway: AwsGateway, nlb: NlbLoadBalancer): GatewayListener[] {
  if (gateway.listeners !== undefined) return gateway.listeners;
  return (nlb.listen ?? []).flatMap((l) => (l.protocol === "HTTP" || l.protocol === "HTTPS" ? [] : portListeners(l)));
}

/** A TCP, TLS or UDP route: one listener port to one backend, on a cilium gateway or an aws one on an NLB. */
export const isL4 = (route: Route): route is L4Route => route.protocol === "TCP" || route.protocol === "TLS" || route.protocol === "UDP";

/** What the spec's gateways need of the cluster's Gateway API release. */
function gatewayApiNeeds(spec: IngressSpec): GatewayApiNeed[] {
  const aws = spec.gateways.filter((g) => g.type === "aws");
  const albc = controllerSettings(spec, "awsLoadBalancerController").chartVersion;
  const awsNlb = aws.some((g) => isAwsNlbGateway(spec, g))
    ? [routeKindsNeed(`an aws gateway on an NLB (ALBC ${chartMinor(albc)})`, ALBC_L4_ROUTE_KINDS, albcL4RouteVersion(albcAppVersion(albc)))]
    : [];
  return [
    ...(needsGatewayInfrastructure(spec) ? [INFRASTRUCTURE_NEED] : []),
    ...(aws.some((g) => !isAwsNlbGateway(spec, g)) ? [ALB_GATEWAY_NEED] : []),
    ...awsNlb,
    ...ciliumL4Needs(spec),
  ];
}

/** Each L4 route kind the spec's cilium gateways serve, at the version the pinned Cilium reads. */
function ciliumL4Needs(spec: IngressSpec): GatewayApiNeed[] {
  const cilium = new Set(spec.gateways.filter((g) => g.type === "cilium").map((g) => g.name));
  const chartVersion = controllerSettings(spec, "cilium").chartVersion;
  const minor = knownChartMinor("cilium", chartVersion);
  if (minor === undefined) return [];
  const kinds = new Set(spec.routes.filter((r): r is L4Route => cilium.has(r.gateway) && isL4(r)).map((r) => L4_ROUTE_KIND[r.protocol]));
  return [...kinds].sort().flatMap((kind) => {
    const version = CILIUM_L4_ROUTES[minor][kind];
    // A kind this Cilium does not serve is refused at its route (checks/route-protocols.ts).
    return version === undefined ? [] : [routeKindsNeed(`a cilium ${kind} (Cilium ${minor})`, [kind], version)];
  });
}

/** The cluster's one Gateway API release, or undefined when nothing installs Gateway API. */
export function clusterGatewayApi(spec: IngressSpec): Resolution | undefined {
  const enabled = enabledControllers(spec);
  if (!enabled.has("gatewayAPI")) return undefined;
  const settings = controllerSettings(spec, "gatewayAPI");
  const charts = GATEWAY_API_CONTROLLERS.filter((c) => enabled.has(c)).map((controller) => ({
    controller,
    chartVersion: controllerSettings(spec, controller).chartVersion,
  }));
  return resolveGatewayApiRelease(charts, settings.channel, gatewayApiNeeds(spec), settings.version);
}
