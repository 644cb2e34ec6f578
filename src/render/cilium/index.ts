// Cilium's Gateway API: the chart as an EKS datapath (chained to the AWS VPC CNI, or in ENI mode)
// with Gateway API on, or, when Cilium is preinstalled, a statement of the values it needs; a
// Gateway per cilium gateway (its NLB's annotations passed through spec.infrastructure, or a
// TargetGroupBinding for an external NLB) and an HTTPRoute per route.
import type { CiliumGatewayModel, CiliumModel, RouteModel, Topology } from "../../model/types.ts";
import { isRecord } from "../../is-record.ts";
import type { HelmValues } from "../../spec/types.ts";
import { nlbAnnotations, noLoadBalancerAnnotations } from "../aws/annotations.ts";
import { listenBeyondServicePorts, targetGroupBinding } from "../aws/ingress.ts";
import { APP_WAVES, gatewayApp, mergeValues, nothing, type AppIntent, type Manifest, type Provider } from "../provider.ts";
import type { TemplateSet } from "../templates.ts";

export const ciliumProvider: Provider = {
  name: "cilium",
  render({ topology, templates }) {
    const cilium = topology.controllers.cilium;
    if (cilium === undefined) return nothing();
    const gateways = topology.gateways.filter((g): g is CiliumGatewayModel => g.type === "cilium");
    const warnings: string[] = [];
    for (const g of gateways) {
      if (g.loadBalancer.external === undefined) warnings.push(...listenBeyondServicePorts(g.loadBalancer, g.listeners.map((l) => l.port), `gateway '${g.name}'`));
      if (g.loadBalancer.external !== undefined && new Set(g.listeners.map((l) => l.port)).size > 1) {
        warnings.push(`gateway '${g.name}': an external NLB's target group forwards one port, so only listener port ${g.listeners[0]?.port ?? 80} is bound`);
      }
    }
    const manifests = gateways.flatMap((g) => [...gatewayManifests(templates, topology, g), ...g.routes.map((r) => httpRoute(templates, g, r))]);
    const needed = gatewayValues(topology, cilium, gateways);
    if (cilium.install === "preinstalled") {
      // Listed without a gateway, a preinstalled Cilium is asked for nothing.
      return { apps: [], manifests, warnings: gateways.length === 0 ? warnings : [...warnings, preinstalledStatement(needed)] };
    }
    const kubeProxy = cilium.kubeProxyReplacement
      ? ["controllers.cilium: kube-proxy replacement is on: remove the EKS kube-proxy add-on (aws eks delete-addon --addon-name kube-proxy) once Cilium runs, or kube-proxy and Cilium both program every Service"]
      : [];
    const eni = cilium.install === "eni"
      ? ["controllers.cilium: ENI mode: Cilium hands out the pods' VPC addresses itself, so keep the VPC CNI's aws-node DaemonSet off the nodes and give cilium-operator the EC2 ENI permissions"]
      : [];
    return { apps: [application(cilium, needed)], manifests, warnings: [...warnings, ...kubeProxy, ...eni] };
  },
};

/**
 * The chart keys that put pods on VPC addresses, so that ALB/NLB ip targets register and the EKS
 * control plane reaches webhook pods (the chart's own default is an overlay on 10.0.0.0/8).
 */
const DATAPATH: Record<"chaining" | "eni", HelmValues> = {
  // docs.cilium.io installation/cni-chaining-aws-cni: aws-node keeps IPAM and the ENIs; Cilium
  // attaches to the devices it made, leaves its CNI config in place and does not masquerade.
  // Not endpointRoutes: the pod routes are aws-node's (cilium#38381 took it out of that guide).
  chaining: { cni: { chainingMode: "aws-cni", exclusive: false }, enableIPv4Masquerade: false, routingMode: "native" },
  // docs.cilium.io installation/k8s-install-helm, EKS tab: Cilium allocates ENI addresses itself.
  eni: { eni: { enabled: true }, ipam: { mode: "eni" }, routingMode: "native" },
};

/** What the gateways need of Cilium, whoever installs it. */
function gatewayValues(topology: Topology, cilium: CiliumModel, gateways: readonly CiliumGatewayModel[]): HelmValues {
  const keepClientIp = gateways.some((g) => g.loadBalancer.preserveClientIp && g.loadBalancer.targetType === "instance");
  const endpoint = cilium.install === "preinstalled" ? { host: "<the EKS endpoint's host>", port: 443 } : cilium.apiServer;
  return {
    kubeProxyReplacement: cilium.kubeProxyReplacement,
    ...(cilium.kubeProxyReplacement && endpoint !== undefined ? { k8sServiceHost: endpoint.host, k8sServicePort: endpoint.port } : {}),
    // values.yaml socketLB: "Disable socket lb for non-root ns. This is used to enable Istio routing
    // rules": otherwise ClusterIPs are rewritten before a sidecar sees them and bypass VirtualServices.
    ...(cilium.kubeProxyReplacement && topology.controllers.istio !== undefined ? { socketLB: { hostNamespaceOnly: true } } : {}),
    // "true", not the default "auto": auto asks the API server at render time, which Argo CD's
    // `helm template` cannot, so the GatewayClass would silently never be created.
    gatewayAPI: { enabled: true, gatewayClass: { create: "true" }, ...(keepClientIp ? { externalTrafficPolicy: "Local" } : {}) },
  };
}

/** The values a preinstalled Cilium must already have, as `key: value` pairs one can paste into --set. */
function preinstalledStatement(needed: HelmValues): string {
  const pairs = flatten(needed).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  return (
    `controllers.cilium: Cilium is preinstalled, so ingress-gitops renders no Cilium Application; the existing install needs an EKS datapath (ENI mode or chaining to the AWS VPC CNI) and ${pairs.join(", ")}` +
    "; the cilium-operator reads the Gateway API CRDs only at start, so restart it once they are synced"
  );
}

function flatten(values: HelmValues, prefix = ""): [string, unknown][] {
  return Object.entries(values).flatMap(([key, value]): [string, unknown][] =>
    isRecord(value) ? flatten(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value]],
  );
}

function application(cilium: Extract<CiliumModel, { install: "chaining" | "eni" }>, needed: HelmValues): AppIntent {
  const base = mergeValues(mergeValues(DATAPATH[cilium.install], needed), {
    // Helm-generated Hubble certificates change on every render and would never sync (cilium#14550).
    hubble: { tls: { auto: { method: "cronJob" } } },
  });
  return {
    name: "cilium",
    namespace: "kube-system",
    wave: APP_WAVES.cni,
    source: {
      kind: "helm",
      chart: { repoURL: "https://helm.cilium.io", name: "cilium", version: cilium.chartVersion, releaseName: "cilium", values: mergeValues(base, cilium.values), valuesChart: "cilium" },
    },
    serverSideApply: true,
    // Cilium is the cluster's CNI. Its own CRDs the operator creates at run time, outside Argo CD.
    clusterWide: ["cni"],
    // gatewayClass.create renders a GatewayClass, whose CRD the Gateway API CRDs Application installs.
    usesOtherCrds: true,
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
  const manifests: Manifest[] = [{ source: gateway.source, app: gatewayApp(gateway), object: gatewayObject }];
  if (lb.external !== undefined) {
    // Cilium names the Service of a Gateway `cilium-gateway-<name>`; the external NLB binds it.
    const proxy = { name: `cilium-gateway-${gateway.name}`, namespace: gateway.namespace, port: gateway.listeners[0]?.port ?? 80, objectName: `${gateway.name}-${lb.name}` };
    manifests.push({ source: lb.source, app: gatewayApp(gateway), object: targetGroupBinding(templates, topology, lb, proxy) });
  }
  return manifests;
}

function httpRoute(templates: TemplateSet, gateway: CiliumGatewayModel, route: RouteModel): Manifest {
  return {
    source: route.source,
    app: gatewayApp(gateway),
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
