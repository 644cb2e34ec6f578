// Spec → normalized model. Pure. The one place where defaults that depend on the topology are
// decided (target type, health check, listeners, IngressGroup, ALBC's service controller, the
// Gateway API release), so providers never disagree about them.
import { knownChartMinor } from "../controllers/gateway-api.ts";
import {
  clusterGatewayApi,
  controllerSettings,
  DEFAULT_LISTENERS,
  enabledControllers,
  frontsCilium,
  gatewaysBehind,
  needsServiceControllerOff,
  portListeners,
} from "../validate/spec-facts.ts";
import type {
  AllowedRoutes,
  AwsGateway,
  CiliumGateway,
  CiliumSettings,
  Gateway,
  GatewayListener,
  IngressSpec,
  GrpcRoute,
  HttpRoute,
  IstioGateway,
  L4Route,
  Listen,
  LoadBalancer,
  Route,
} from "../validate/types.ts";
import type { ValidSpec } from "../validate/validate.ts";
import { istioRelease } from "../controllers/istio.ts";
import { kongRelease } from "../controllers/kong.ts";
import type {
  AlbModel,
  AllowedRoutesModel,
  CiliumLoadBalancer,
  CiliumModel,
  Controllers,
  ExternalAlbModel,
  GatewayModel,
  GrpcRouteModel,
  KongLoadBalancer,
  L4RouteModel,
  LoadBalancerModel,
  Model,
  NlbModel,
  NonEmpty,
  RouteModel,
} from "./types.ts";

/** Where each gateway type puts its objects when the spec does not say. */
// aws gateways: a namespace that exists on every cluster, since a gateway's Application creates none.
export const DEFAULT_GATEWAY_NAMESPACE = { cilium: "kube-system", istio: "istio-ingress", kong: "kong", aws: "kube-system" } as const;

export function buildModel({ name: specFile, spec }: ValidSpec): Model {
  const loadBalancers = spec.loadBalancers.map((lb) => loadBalancerModel(spec, lb));
  const lbByName = new Map(loadBalancers.map((lb) => [lb.name, lb]));
  const gateways = spec.gateways.map((g) =>
    gatewayModel(
      g,
      lbByName.get(g.loadBalancer),
      spec.routes.filter((r) => r.gateway === g.name),
    ),
  );
  const directServices = spec.loadBalancers.flatMap((lb, i) =>
    lb.type === "nlb" && lb.service !== undefined
      ? [
          {
            loadBalancer: narrowed(loadBalancers[i], isMadeNlb, `the NLB '${lb.name}' of a service`),
            name: lb.service.name,
            namespace: lb.service.namespace,
            selector: lb.service.selector,
            ports: lb.service.ports.map((p) => ({ ...p, targetPort: p.targetPort ?? p.port })),
            selectedBy: lb.service.selectedBy,
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
    directServices,
  };
}

/** What validation guarantees and the spec's types cannot say; reaching this is a bug, not bad input. */
function notValidated(what: string): never {
  throw new Error(`model: ${what} (validation should have refused this spec)`);
}

/** The load balancer a reference resolves to, as the type its referrer can sit behind. */
function narrowed<T extends LoadBalancerModel>(
  lb: LoadBalancerModel | undefined,
  fits: (lb: LoadBalancerModel) => lb is T,
  what: string,
): T {
  if (lb === undefined) return notValidated(`${what} does not exist`);
  if (!fits(lb))
    return notValidated(
      `${what} is ${lb.external ? "an external" : "an"} ${lb.type.toUpperCase()} with ${lb.targetType} targets, which cannot front it`,
    );
  return lb;
}

const isMadeAlb = (lb: LoadBalancerModel): lb is AlbModel => lb.type === "alb" && !lb.external;
const isMadeNlb = (lb: LoadBalancerModel): lb is NlbModel => lb.type === "nlb" && !lb.external;
const isAnyAlb = (lb: LoadBalancerModel): lb is AlbModel | ExternalAlbModel => lb.type === "alb";
const isCiliumLb = (lb: LoadBalancerModel): lb is CiliumLoadBalancer => lb.type === "nlb" && lb.targetType === "instance";
const isKongLb = (lb: LoadBalancerModel): lb is KongLoadBalancer => lb.type === "alb" && lb.targetType === "ip";

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
  if (enabled.has("kong")) {
    const kong = controllerSettings(spec, "kong");
    const chartMinor = knownChartMinor("kong", kong.chartVersion) ?? notValidated(`kong/ingress ${kong.chartVersion} is not a known chart`);
    result.kong = { ...kong, chartMinor };
  }
  const gatewayApi = clusterGatewayApi(spec);
  if (gatewayApi !== undefined) {
    if (!gatewayApi.ok) return notValidated(gatewayApi.reason);
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
  const common = {
    name: lb.name,
    knownAs: lb.knownAs ?? lb.name,
    source: `loadBalancer:${lb.name}`,
    scheme: lb.scheme,
    // An NLB in front of Cilium reaches the gateway Service through its node ports: the Service has
    // no selector and a dummy endpoint, so ip targets would register nothing (ALBC #3754).
    targetType: lb.targetType ?? (frontsCilium(spec, lb) ? "instance" : "ip"),
    listen: lb.listen ?? defaultListen(spec, lb),
  } as const;
  const preserveClientIp = lb.type === "nlb" && lb.preserveClientIp === true;
  if (lb.external !== undefined) {
    const binding = {
      targetGroupArn: lb.external.targetGroupArn,
      ...(lb.external.securityGroupId === undefined ? {} : { securityGroupId: lb.external.securityGroupId }),
      vpcId: spec.cluster.vpcId ?? notValidated(`external load balancer '${lb.name}' and no cluster.vpcId`),
    };
    return lb.type === "alb"
      ? { ...common, type: "alb", external: true, binding }
      : { ...common, type: "nlb", external: true, binding, preserveClientIp };
  }
  const explicitHealth = lb.healthCheck ?? {};
  const made = {
    external: false,
    certificateArns: lb.certificateArns ?? [],
    ...(lb.sslPolicy === undefined ? {} : { sslPolicy: lb.sslPolicy }),
    securityGroups: lb.securityGroups ?? [],
    subnets: lb.subnets ?? [],
    attributes: lb.attributes ?? {},
    inboundCidrs: lb.inboundCidrs ?? [],
    healthCheck: {
      ...(explicitHealth.path === undefined ? {} : { path: explicitHealth.path }),
      ...(explicitHealth.port === undefined ? {} : { port: String(explicitHealth.port) }),
      ...(explicitHealth.protocol === undefined ? {} : { protocol: explicitHealth.protocol }),
    },
    annotations: lb.annotations,
  } as const;
  if (lb.type === "nlb") return { ...common, ...made, type: "nlb", preserveClientIp };
  const groupName = lb.groupName ?? (ingressesOn(spec, lb) > 1 ? lb.name : undefined);
  return {
    ...common,
    ...made,
    type: "alb",
    ...(lb.wafAclArn === undefined ? {} : { wafAclArn: lb.wafAclArn }),
    ...(groupName === undefined ? {} : { groupName }),
  };
}

/** Ingresses that would share this ALB: one per route of an alb gateway, one per proxy behind it. */
function ingressesOn(spec: IngressSpec, lb: LoadBalancer): number {
  return gatewaysBehind(spec, lb).reduce((n, g) => n + (g.type === "alb" ? spec.routes.filter((r) => r.gateway === g.name).length : 1), 0);
}

function defaultListen(spec: IngressSpec, lb: LoadBalancer): Listen[] {
  if (lb.type === "alb") return [{ protocol: "HTTP", port: 80 }];
  if (lb.service !== undefined) return lb.service.ports.map((p) => ({ protocol: p.protocol, port: p.port }));
  // An aws gateway without listeners takes them from this listen, which validation requires then.
  const listeners = gatewaysBehind(spec, lb).flatMap((g) =>
    g.type === "cilium" ? (g.listeners ?? DEFAULT_LISTENERS) : g.type === "aws" ? (g.listeners ?? []) : [],
  );
  // The NLB carries TLS through as TCP; a port with UDP and TCP listeners is one TCP_UDP listener.
  const udp = new Set(listeners.filter((l) => l.protocol === "UDP").map((l) => l.port));
  const tcp = new Set(listeners.filter((l) => l.protocol !== "UDP").map((l) => l.port));
  return [...new Set(listeners.map((l) => l.port))].map((port) => ({
    protocol: udp.has(port) ? (tcp.has(port) ? "TCP_UDP" : "UDP") : "TCP",
    port,
  }));
}

function gatewayModel(g: Gateway, lb: LoadBalancerModel | undefined, routes: readonly Route[]): GatewayModel {
  const common = { name: g.name, source: `gateway:${g.name}` };
  const behind = `the load balancer '${g.loadBalancer}' of ${g.type} gateway '${g.name}'`;
  switch (g.type) {
    case "alb":
      return {
        ...common,
        type: "alb",
        knownAs: g.knownAs ?? g.name,
        loadBalancer: narrowed(lb, isMadeAlb, behind),
        routes: routes.map(httpRouteModel),
      };
    case "cilium": {
      const listeners = listenersOf(g);
      return {
        ...common,
        type: "cilium",
        loadBalancer: narrowed(lb, isCiliumLb, behind),
        routes: routes.map((r) => (r.protocol === "HTTP" || r.protocol === "GRPC" ? requestRouteModel(r) : l4RouteModel(r, listeners))),
        namespace: g.namespace ?? DEFAULT_GATEWAY_NAMESPACE.cilium,
        listeners,
        allowedRoutes: allowedRoutesOf(g.allowedRoutes),
      };
    }
    case "aws": {
      const aws = {
        ...common,
        type: "aws",
        namespace: g.namespace ?? DEFAULT_GATEWAY_NAMESPACE.aws,
        allowedRoutes: allowedRoutesOf(g.allowedRoutes),
      } as const;
      if (lb?.type === "nlb") {
        const nlb = narrowed(lb, isMadeNlb, behind);
        const listeners = g.listeners === undefined ? listenersFromLoadBalancer(nlb) : listenersOf(g);
        return {
          ...aws,
          balancer: "nlb",
          loadBalancer: nlb,
          listeners,
          routes: routes.map((r) =>
            r.protocol === "HTTP" || r.protocol === "GRPC"
              ? notValidated(`${r.protocol} route '${r.name}' on an NLB`)
              : l4RouteModel(r, listeners),
          ),
        };
      }
      const alb = narrowed(lb, isMadeAlb, behind);
      return {
        ...aws,
        balancer: "alb",
        loadBalancer: alb,
        listeners: g.listeners === undefined ? listenersFromLoadBalancer(alb) : listenersOf(g),
        routes: routes.map((r) =>
          r.protocol === "HTTP" || r.protocol === "GRPC" ? requestRouteModel(r) : notValidated(`${r.protocol} route '${r.name}' on an ALB`),
        ),
      };
    }
    case "istio": {
      const istio = {
        ...common,
        type: "istio",
        loadBalancer: narrowed(lb, isAnyAlb, behind),
        routes: routes.map(httpRouteModel),
        namespace: g.namespace ?? DEFAULT_GATEWAY_NAMESPACE.istio,
        listeners: listenersOf(g),
        release: istioRelease(g.name),
        ...scaling(g),
      } as const;
      return g.routeFormat === "gatewayAPI"
        ? { ...istio, routeFormat: "gatewayAPI", allowedRoutes: allowedRoutesOf(g.allowedRoutes) }
        : { ...istio, routeFormat: "virtualService" };
    }
    case "kong": {
      const kong = {
        ...common,
        type: "kong",
        loadBalancer: narrowed(lb, isKongLb, behind),
        routes: routes.map((r) => ({ ...httpRouteModel(r), plugins: r.plugins ?? [] })),
        namespace: g.namespace ?? DEFAULT_GATEWAY_NAMESPACE.kong,
        release: kongRelease(g.name),
        ...scaling(g),
      } as const;
      return g.routeFormat === "gatewayAPI"
        ? { ...kong, routeFormat: "gatewayAPI", allowedRoutes: allowedRoutesOf(g.allowedRoutes) }
        : { ...kong, routeFormat: "ingress" };
    }
  }
}

/**
 * The load balancer is the Gateway: without listeners of its own, it listens where the load
 * balancer does (portListeners); its TLS ports are refused by validation (checks/route-protocols.ts).
 */
function listenersFromLoadBalancer(lb: AlbModel | NlbModel): NonEmpty<GatewayListener> {
  const listeners = lb.listen.flatMap((l) =>
    l.protocol === "TLS" ? notValidated(`TLS port ${l.port} of the NLB of an aws gateway`) : portListeners(l),
  );
  const [first, ...rest] = listeners;
  return first === undefined ? notValidated(`ALB '${lb.name}' has no listen ports`) : [first, ...rest];
}

function allowedRoutesOf(allowed: AllowedRoutes | undefined): AllowedRoutesModel {
  if (allowed === undefined) return { from: "All" };
  if ("selector" in allowed) return { from: "Selector", matchLabels: allowed.selector };
  const [first, ...rest] = allowed.namespaces;
  return first === undefined ? notValidated("allowedRoutes.namespaces is empty") : { from: "List", namespaces: [first, ...rest] };
}

function listenersOf(g: CiliumGateway | IstioGateway | AwsGateway): NonEmpty<GatewayListener> {
  if (g.listeners === undefined) return DEFAULT_LISTENERS;
  const [first, ...rest] = g.listeners;
  return first === undefined ? notValidated(`gateway '${g.name}' has no listeners`) : [first, ...rest];
}

function routeCommon(r: Route) {
  return { name: r.name, namespace: r.namespace, source: `route:${r.namespace}/${r.name}` };
}

/** Only cilium and aws gateways take routes of other protocols (checks/route-protocols.ts). */
function httpRouteModel(r: Route): RouteModel {
  if (r.protocol !== "HTTP") return notValidated(`${r.protocol} route '${r.name}' on a gateway that serves HTTP only`);
  return { ...routeCommon(r), protocol: "HTTP", ...(r.hosts === undefined ? {} : { hosts: r.hosts }), rules: r.rules };
}

function requestRouteModel(r: HttpRoute | GrpcRoute): RouteModel | GrpcRouteModel {
  if (r.protocol === "HTTP") return httpRouteModel(r);
  return { ...routeCommon(r), protocol: "GRPC", ...(r.hosts === undefined ? {} : { hosts: r.hosts }), rules: r.rules };
}

/** The listener the rule's port names, of the route's protocol (checks/route-protocols.ts sees that there is one). */
function l4RouteModel(r: L4Route, listeners: readonly GatewayListener[]): L4RouteModel {
  const [rule] = r.rules;
  if (rule === undefined) return notValidated(`route '${r.name}' has no rule`);
  const listener = listeners.find((l) => l.port === rule.port && l.protocol === r.protocol);
  if (listener === undefined) return notValidated(`no ${r.protocol} listener on port ${rule.port} for route '${r.name}'`);
  const common = { ...routeCommon(r), listener, backend: rule.backend };
  if (r.protocol !== "TLS") return { ...common, protocol: r.protocol };
  const [first, ...rest] = r.hosts ?? [];
  return first === undefined ? notValidated(`TLS route '${r.name}' has no hosts`) : { ...common, protocol: "TLS", hosts: [first, ...rest] };
}

function scaling(g: { replicas?: number; autoscaling?: { minReplicas: number; maxReplicas: number } }) {
  return {
    ...(g.replicas === undefined ? {} : { replicas: g.replicas }),
    ...(g.autoscaling === undefined ? {} : { autoscaling: g.autoscaling }),
  };
}
