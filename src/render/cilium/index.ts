// Cilium's Gateway API: the chart as an EKS datapath (chained to the AWS VPC CNI, or in ENI mode)
// with Gateway API on, or nothing when Cilium is preinstalled (validation says what it needs); a
// Gateway per cilium gateway (its NLB's annotations passed through spec.infrastructure, or a
// TargetGroupBinding for an external NLB) and a route object per route.
import type { CiliumGatewayModel, CiliumModel, Model } from "../../model/types.ts";
import { CILIUM_GATEWAY_CLASS, ciliumGatewayService, ciliumL4Version } from "../../controllers/cilium.ts";
import type { HelmValues } from "../../validate/types.ts";
import { nlbAnnotations, noLoadBalancerAnnotations } from "../albc/annotations.ts";
import { targetGroupBinding } from "../albc/ingress.ts";
import { mergeValues } from "../../merge-values.ts";
import { APP_WAVES, gatewayApp, nothing, type AppIntent, type Manifest, type Provider } from "../provider.ts";
import type { TemplateSet } from "../templates.ts";
import { gatewayListeners, gatewayRoutes, referenceGrants } from "../gateway-api/routes.ts";

export const ciliumProvider: Provider = {
  name: "cilium",
  render({ model, templates }) {
    const cilium = model.controllers.cilium;
    if (cilium === undefined) return nothing();
    const gateways = model.gateways.filter((g): g is CiliumGatewayModel => g.type === "cilium");
    const manifests = gateways.flatMap((g) => [
      ...gatewayManifests(templates, g),
      ...gatewayRoutes(templates, g, { l4Versions: (kind) => ciliumL4Version(cilium.chartVersion, kind), allowedRoutes: g.allowedRoutes }),
      ...referenceGrants(templates, g),
    ]);
    // Validation says what a preinstalled Cilium needs (checks/cilium.ts ciliumInstallNotes).
    if (cilium.install === "preinstalled") return { apps: [], manifests };
    return { apps: [application(cilium, gatewayValues(model, cilium, gateways))], manifests };
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

type InstalledCilium = Extract<CiliumModel, { install: "chaining" | "eni" }>;

/** What the gateways need of the Cilium ingress-gitops installs (a preinstalled one is told them by validation). */
function gatewayValues(model: Model, cilium: InstalledCilium, gateways: readonly CiliumGatewayModel[]): HelmValues {
  // Instance targets (see CiliumLoadBalancer) keep the client address only through the Service's
  // externalTrafficPolicy Local.
  const keepClientIp = gateways.some((g) => g.loadBalancer.preserveClientIp);
  const endpoint = cilium.apiServer;
  return {
    kubeProxyReplacement: cilium.kubeProxyReplacement,
    ...(cilium.kubeProxyReplacement && endpoint !== undefined ? { k8sServiceHost: endpoint.host, k8sServicePort: endpoint.port } : {}),
    // values.yaml socketLB: "Disable socket lb for non-root ns. This is used to enable Istio routing
    // rules": otherwise ClusterIPs are rewritten before a sidecar sees them and bypass VirtualServices.
    ...(cilium.kubeProxyReplacement && model.controllers.istio !== undefined ? { socketLB: { hostNamespaceOnly: true } } : {}),
    // "true", not the default "auto": auto asks the API server at render time, which Argo CD's
    // `helm template` cannot, so the GatewayClass would silently never be created.
    gatewayAPI: { enabled: true, gatewayClass: { create: "true" }, ...(keepClientIp ? { externalTrafficPolicy: "Local" } : {}) },
  };
}

function application(cilium: InstalledCilium, needed: HelmValues): AppIntent {
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
      chart: {
        repoURL: "https://helm.cilium.io",
        name: "cilium",
        version: cilium.chartVersion,
        releaseName: "cilium",
        values: mergeValues(base, cilium.values),
        valuesChart: "cilium",
      },
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

function gatewayManifests(templates: TemplateSet, gateway: CiliumGatewayModel): Manifest[] {
  const lb = gateway.loadBalancer;
  const gatewayObject = templates.render("gateway", {
    name: gateway.name,
    namespace: gateway.namespace,
    className: CILIUM_GATEWAY_CLASS,
    // Cilium's Service for the Gateway is always of type LoadBalancer; behind an external NLB it
    // must get no load balancer of its own. (The cluster's Gateway API release has
    // `infrastructure`: validation resolves it so, see needsGatewayInfrastructure.)
    infrastructureAnnotations: lb.external ? noLoadBalancerAnnotations() : nlbAnnotations(lb),
    listeners: gatewayListeners(gateway.listeners, gateway.allowedRoutes),
  });
  const manifests: Manifest[] = [{ source: gateway.source, app: gatewayApp(gateway), object: gatewayObject }];
  if (lb.external) {
    // The external NLB binds the Service Cilium makes for the Gateway.
    const proxy = {
      name: ciliumGatewayService(gateway.name),
      namespace: gateway.namespace,
      port: gateway.listeners[0].port,
      objectName: `${gateway.name}-${lb.name}`,
    };
    manifests.push({ source: lb.source, app: gatewayApp(gateway), object: targetGroupBinding(templates, lb, proxy) });
  }
  return manifests;
}
