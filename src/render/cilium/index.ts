// Cilium's Gateway API: the chart with Gateway API on, a Gateway per cilium gateway (its NLB's
// annotations passed through spec.infrastructure, or a TargetGroupBinding for an external NLB)
// and an HTTPRoute per route.
import type { CiliumGatewayModel, Controllers, RouteModel, Topology } from "../../model/types.ts";
import { ciliumGatewayService } from "../../model/names.ts";
import { nlbAnnotations, noLoadBalancerAnnotations } from "../aws/annotations.ts";
import { targetGroupBinding } from "../aws/ingress.ts";
import { APP_WAVES, MANIFEST_WAVES, mergeValues, nothing, type AppIntent, type Manifest, type Provider } from "../provider.ts";
import type { TemplateSet } from "../templates.ts";

export const ciliumProvider: Provider = {
  name: "cilium",
  render({ topology, templates }) {
    const cilium = topology.controllers.cilium;
    if (cilium === undefined) return nothing();
    const gateways = topology.gateways.filter((g): g is CiliumGatewayModel => g.type === "cilium");
    return {
      apps: [application(cilium, gateways)],
      manifests: gateways.flatMap((g) => [...gatewayManifests(templates, topology, g), ...g.routes.map((r) => httpRoute(templates, g, r))]),
    };
  },
};

function application(cilium: NonNullable<Controllers["cilium"]>, gateways: readonly CiliumGatewayModel[]): AppIntent {
  const keepClientIp = gateways.some((g) => g.loadBalancer.preserveClientIp && g.loadBalancer.targetType === "instance");
  const base = {
    kubeProxyReplacement: cilium.kubeProxyReplacement,
    // "true", not the default "auto": auto asks the API server at render time, which Argo CD's
    // `helm template` cannot, so the GatewayClass would silently never be created.
    gatewayAPI: { enabled: true, gatewayClass: { create: "true" }, ...(keepClientIp ? { externalTrafficPolicy: "Local" } : {}) },
    // Helm-generated Hubble certificates change on every render and would never sync (cilium#14550).
    hubble: { tls: { auto: { method: "cronJob" } } },
  };
  return {
    name: "cilium",
    namespace: "kube-system",
    wave: APP_WAVES.cni,
    source: {
      kind: "helm",
      chart: { repoURL: "https://helm.cilium.io", name: "cilium", version: cilium.chartVersion, releaseName: "cilium", values: mergeValues(base, cilium.values), valuesChart: "cilium" },
    },
    serverSideApply: true,
    cascadeDelete: true,
    prune: true,
    ignoreDifferences: [],
    origin: "controller:cilium",
  };
}

function gatewayManifests(templates: TemplateSet, topology: Topology, gateway: CiliumGatewayModel): Manifest[] {
  const lb = gateway.loadBalancer;
  const gatewayObject = templates.render("gateway", {
    name: gateway.name,
    namespace: gateway.namespace,
    className: "cilium",
    // Cilium's Service for the Gateway is always of type LoadBalancer; behind an external NLB it
    // must get no load balancer of its own. (The cluster's Gateway API release has
    // `infrastructure`: validation resolves it so, see needsGatewayInfrastructure.)
    infrastructureAnnotations: lb.external === undefined ? nlbAnnotations(lb) : noLoadBalancerAnnotations(),
    listeners: gateway.listeners.map((l) => ({ name: l.name, protocol: l.protocol, port: l.port, hostname: l.hostname ?? null, tlsSecret: l.tls?.secretName ?? null })),
  });
  const manifests: Manifest[] = [{ source: gateway.source, wave: MANIFEST_WAVES.gateway, object: gatewayObject }];
  if (lb.external !== undefined) {
    // The external NLB binds the Service Cilium makes for the Gateway.
    const proxy = { name: ciliumGatewayService(gateway.name), namespace: gateway.namespace, port: gateway.listeners[0]?.port ?? 80, objectName: `${gateway.name}-${lb.name}` };
    manifests.push({ source: lb.source, wave: MANIFEST_WAVES.gateway, object: targetGroupBinding(templates, topology, lb, proxy) });
  }
  return manifests;
}

function httpRoute(templates: TemplateSet, gateway: CiliumGatewayModel, route: RouteModel): Manifest {
  return {
    source: route.source,
    wave: MANIFEST_WAVES.route,
    object: templates.render("httproute", {
      name: route.name,
      namespace: route.namespace,
      gatewayName: gateway.name,
      gatewayNamespace: gateway.namespace,
      hostnames: route.hosts ?? null,
      rules: route.rules.map((rule) => ({ pathType: rule.pathType === "Prefix" ? "PathPrefix" : "Exact", path: rule.path, service: rule.backend.service, port: rule.backend.port })),
    }),
  };
}
