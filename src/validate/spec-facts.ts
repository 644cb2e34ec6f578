// Facts about a spec's topology that validation, the model and the renderer all need.
import {
  ALB_GATEWAY_NEED,
  GATEWAY_API_CONTROLLERS,
  INFRASTRUCTURE_NEED,
  resolveGatewayApiRelease,
  type GatewayApiNeed,
  type Resolution,
} from "../controllers/gateway-api.ts";
import { controllerDefaults } from "./schema.ts";
import type { Controllers, Gateway, GatewayListener, IngressSpec, LoadBalancer } from "./types.ts";

export type ControllerName = keyof Controllers;

/** A listener for any host on port 80, the default of cilium and istio gateways. */
export const DEFAULT_LISTENERS: readonly [GatewayListener, ...GatewayListener[]] = [{ name: "http", protocol: "HTTP", port: 80 }];

const CONTROLLER_NAMES: readonly ControllerName[] = ["gatewayAPI", "awsLoadBalancerController", "cilium", "istio", "kong"];

/** A controller is installed iff the spec lists it or something in the topology needs it. */
export function enabledControllers(spec: IngressSpec): Set<ControllerName> {
  const types = new Set(spec.gateways.map((g) => g.type));
  const needed: Record<ControllerName, boolean> = {
    gatewayAPI: types.has("cilium") || types.has("aws"),
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

/** What the spec's gateways need of the cluster's Gateway API release. */
function gatewayApiNeeds(spec: IngressSpec): GatewayApiNeed[] {
  return [
    ...(needsGatewayInfrastructure(spec) ? [INFRASTRUCTURE_NEED] : []),
    ...(spec.gateways.some((g) => g.type === "aws") ? [ALB_GATEWAY_NEED] : []),
  ];
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
