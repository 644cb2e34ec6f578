// Spec → normalized model. Pure. The one place where defaults that depend on the topology are
// decided (target type, health check, listeners, IngressGroup, ALBC's service controller, the
// Gateway API release), so providers never disagree about them.
import {
  clusterGatewayApi,
  controllerSettings,
  DEFAULT_LISTENERS,
  enabledControllers,
  frontsCilium,
  gatewaysBehind,
  needsServiceControllerOff,
} from "../validate/spec-facts.ts";
import type { CiliumSettings, Gateway, IngressSpec, Listen, LoadBalancer } from "../validate/types.ts";
import type { ValidSpec } from "../validate/validate.ts";
import { istioRelease, kongRelease } from "../controllers/names.ts";
import type { CiliumModel, Controllers, GatewayModel, LoadBalancerModel, ResolvedHealthCheck, RouteModel, Model } from "./types.ts";

/** Where each gateway type puts its objects when the spec does not say. */
export const DEFAULT_GATEWAY_NAMESPACE = { cilium: "kube-system", istio: "istio-ingress", kong: "kong" } as const;

export function buildModel({ name: specFile, spec }: ValidSpec): Model {
  const loadBalancers = spec.loadBalancers.map((lb) => loadBalancerModel(spec, lb));
  const lbByName = new Map(loadBalancers.map((lb) => [lb.name, lb]));
  const routes: RouteModel[] = spec.routes.map((r) => ({
    name: r.name,
    namespace: r.namespace,
    source: `route:${r.namespace}/${r.name}`,
    gateway: r.gateway,
    ...(r.hosts === undefined ? {} : { hosts: r.hosts }),
    rules: r.rules,
    plugins: r.plugins ?? [],
  }));
  const gateways = spec.gateways.map((g) =>
    gatewayModel(
      g,
      required(lbByName.get(g.loadBalancer), g.loadBalancer),
      routes.filter((r) => r.gateway === g.name),
    ),
  );
  const directServices = spec.loadBalancers.flatMap((lb, i) =>
    lb.type === "nlb" && lb.service !== undefined
      ? [
          {
            loadBalancer: required(loadBalancers[i], lb.name),
            name: lb.service.name,
            namespace: lb.service.namespace,
            selector: lb.service.selector,
            ports: lb.service.ports.map((p) => ({ ...p, targetPort: p.targetPort ?? p.port })),
          },
        ]
      : [],
  );
  return {
    name: spec.metadata.name,
    specFile,
    cluster: spec.cluster,
    gitops: spec.gitops,
    argocd: spec.argocd,
    controllers: controllers(spec),
    loadBalancers,
    gateways,
    routes,
    directServices,
  };
}

function required<T>(value: T | undefined, name: string): T {
  // Validation guarantees every reference resolves; reaching this is a bug, not bad input.
  if (value === undefined) throw new Error(`model: unresolved reference '${name}' in a validated spec`);
  return value;
}

function controllers(spec: IngressSpec): Controllers {
  const enabled = enabledControllers(spec);
  const result: { -readonly [K in keyof Controllers]: Controllers[K] } = {};
  if (enabled.has("awsLoadBalancerController")) {
    const albc = controllerSettings(spec, "awsLoadBalancerController");
    const externalCilium = spec.loadBalancers.some((lb) => needsServiceControllerOff(spec, lb));
    result.awsLoadBalancerController = { ...albc, serviceController: albc.serviceController ?? !externalCilium };
  }
  if (enabled.has("cilium")) result.cilium = ciliumModel(controllerSettings(spec, "cilium"));
  if (enabled.has("istio")) result.istio = controllerSettings(spec, "istio");
  if (enabled.has("kong")) result.kong = controllerSettings(spec, "kong");
  const gatewayApi = clusterGatewayApi(spec);
  if (gatewayApi !== undefined) {
    if (!gatewayApi.ok) throw new Error(`model: ${gatewayApi.reason} (validation should have refused this spec)`);
    result.gatewayApi = { release: gatewayApi.release, channel: controllerSettings(spec, "gatewayAPI").channel };
  }
  return result;
}

function ciliumModel(cilium: CiliumSettings): CiliumModel {
  const { chartVersion, kubeProxyReplacement } = cilium;
  if (cilium.install === "preinstalled") return { install: "preinstalled", chartVersion, kubeProxyReplacement };
  return {
    install: cilium.install,
    chartVersion,
    kubeProxyReplacement,
    ...(cilium.apiServer === undefined ? {} : { apiServer: cilium.apiServer }),
    values: cilium.values,
  };
}

function loadBalancerModel(spec: IngressSpec, lb: LoadBalancer): LoadBalancerModel {
  // An NLB in front of Cilium reaches the gateway Service through its node ports: the Service has
  // no selector and a dummy endpoint, so ip targets would register nothing (ALBC #3754).
  const targetType = lb.targetType ?? (frontsCilium(spec, lb) ? "instance" : "ip");
  const explicitHealth = lb.healthCheck ?? {};
  const healthCheck: ResolvedHealthCheck = {
    ...(explicitHealth.path === undefined ? {} : { path: explicitHealth.path }),
    ...(explicitHealth.port === undefined ? {} : { port: String(explicitHealth.port) }),
    ...(explicitHealth.protocol === undefined ? {} : { protocol: explicitHealth.protocol }),
  };
  const groupName = lb.type === "alb" ? (lb.groupName ?? (ingressesOn(spec, lb) > 1 ? lb.name : undefined)) : undefined;
  return {
    name: lb.name,
    type: lb.type,
    source: `loadBalancer:${lb.name}`,
    scheme: lb.scheme,
    targetType,
    listen: lb.listen ?? defaultListen(spec, lb),
    certificateArns: lb.certificateArns ?? [],
    ...(lb.sslPolicy === undefined ? {} : { sslPolicy: lb.sslPolicy }),
    ...(lb.type === "alb" && lb.wafAclArn !== undefined ? { wafAclArn: lb.wafAclArn } : {}),
    securityGroups: lb.securityGroups ?? [],
    inboundCidrs: lb.inboundCidrs ?? [],
    ...(groupName === undefined ? {} : { groupName }),
    healthCheck,
    preserveClientIp: lb.type === "nlb" && lb.preserveClientIp === true,
    ...(lb.external === undefined ? {} : { external: lb.external }),
    annotations: lb.annotations,
  };
}

/** Ingresses that would share this ALB: one per route of an alb gateway, one per proxy behind it. */
function ingressesOn(spec: IngressSpec, lb: LoadBalancer): number {
  return gatewaysBehind(spec, lb).reduce((n, g) => n + (g.type === "alb" ? spec.routes.filter((r) => r.gateway === g.name).length : 1), 0);
}

function defaultListen(spec: IngressSpec, lb: LoadBalancer): Listen[] {
  if (lb.type === "alb") return [{ protocol: "HTTP", port: 80 }];
  if (lb.service !== undefined) return lb.service.ports.map((p) => ({ protocol: p.protocol, port: p.port }));
  const ports = gatewaysBehind(spec, lb).flatMap((g) => (g.type === "cilium" ? (g.listeners ?? DEFAULT_LISTENERS).map((l) => l.port) : []));
  return [...new Set(ports)].map((port) => ({ protocol: "TCP", port }));
}

function gatewayModel(g: Gateway, loadBalancer: LoadBalancerModel, routes: RouteModel[]): GatewayModel {
  const common = { name: g.name, source: `gateway:${g.name}`, loadBalancer, routes };
  switch (g.type) {
    case "alb":
      return { ...common, type: "alb" };
    case "cilium":
      return {
        ...common,
        type: "cilium",
        namespace: g.namespace ?? DEFAULT_GATEWAY_NAMESPACE.cilium,
        listeners: g.listeners ?? DEFAULT_LISTENERS,
      };
    case "istio":
      return {
        ...common,
        type: "istio",
        namespace: g.namespace ?? DEFAULT_GATEWAY_NAMESPACE.istio,
        listeners: g.listeners ?? DEFAULT_LISTENERS,
        release: istioRelease(g.name),
        ...scaling(g),
      };
    case "kong":
      return {
        ...common,
        type: "kong",
        namespace: g.namespace ?? DEFAULT_GATEWAY_NAMESPACE.kong,
        release: kongRelease(g.name),
        ...scaling(g),
      };
  }
}

function scaling(g: { replicas?: number; autoscaling?: { minReplicas: number; maxReplicas: number } }) {
  return {
    ...(g.replicas === undefined ? {} : { replicas: g.replicas }),
    ...(g.autoscaling === undefined ? {} : { autoscaling: g.autoscaling }),
  };
}
