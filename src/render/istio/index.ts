// Istio behind an ALB: istio-base, then istiod, then one gateway chart per istio gateway (its
// Service ClusterIP or NodePort, never LoadBalancer), the ALB Ingress (or TargetGroupBinding) to
// it, and either an Istio Gateway with the listeners and a VirtualService per route, or (routeFormat
// gatewayAPI) a Gateway API Gateway bound to the chart's Service and an HTTPRoute per route.
import type { IstioGatewayApiGatewayModel, IstioGatewayModel, IstioVirtualServiceGatewayModel, RouteModel } from "../../model/types.ts";
import {
  ISTIO_GATEWAY_CLASS,
  ISTIO_POD_LABEL,
  istioGatewayService,
  istioManualAddress,
  istioPodLabelValue,
} from "../../controllers/istio.ts";
import { gatewayListeners, httpRoutes, referenceGrants, routeAnnotations } from "../gateway-api/routes.ts";
import { frontName, frontProxy } from "../albc/ingress.ts";
import {
  APP_WAVES,
  gatewayApp,
  nothing,
  readinessGates,
  type ClusterWide,
  type AppIntent,
  type HelmChart,
  type IgnoreDifference,
  type Manifest,
  type Provider,
} from "../provider.ts";
import type { TemplateSet } from "../templates.ts";
import { GATEWAY_HTTP_PORT } from "../../controllers/istio-gateway.ts";

const CHARTS = "https://istio-release.storage.googleapis.com/charts";
const CONTROL_NAMESPACE = "istio-system";

// istiod flips the validating webhook's failurePolicy to Fail once ready and patches caBundles
// into the webhooks; Argo CD renders neither, so both would drift forever (istio#57643, #52785).
const WEBHOOK_DRIFT: readonly IgnoreDifference[] = [
  {
    group: "admissionregistration.k8s.io",
    kind: "ValidatingWebhookConfiguration",
    jqPathExpressions: [".webhooks[]?.failurePolicy", ".webhooks[]?.clientConfig.caBundle"],
  },
  {
    group: "admissionregistration.k8s.io",
    kind: "MutatingWebhookConfiguration",
    jqPathExpressions: [".webhooks[]?.clientConfig.caBundle"],
  },
];

export const istioProvider: Provider = {
  name: "istio",
  render({ model, templates }) {
    const istio = model.controllers.istio;
    if (istio === undefined) return nothing();
    const gateways = model.gateways.filter((g): g is IstioGatewayModel => g.type === "istio");
    const chart = (
      name: string,
      releaseName: string,
      valuesChart: HelmChart["valuesChart"],
      values: Record<string, unknown>,
    ): HelmChart => ({
      repoURL: CHARTS,
      name,
      version: istio.chartVersion,
      releaseName,
      values,
      valuesChart,
    });
    const app = (
      name: string,
      namespace: string,
      wave: number,
      helm: HelmChart,
      ignoreDifferences: readonly IgnoreDifference[],
      origin: string,
      clusterWide: readonly ClusterWide[] = [],
    ): AppIntent => ({
      name,
      namespace,
      wave,
      source: { kind: "helm", chart: helm },
      serverSideApply: true,
      clusterWide,
      usesOtherCrds: false,
      ignoreDifferences,
      origin,
    });
    const apps: AppIntent[] = [
      // The base chart renders Istio's CRDs from its templates.
      app(
        "istio-base",
        CONTROL_NAMESPACE,
        APP_WAVES.meshBase,
        chart("base", "istio-base", "istio-base", {}),
        WEBHOOK_DRIFT,
        "controller:istio",
        ["crds"],
      ),
      // controllers.istio.values are the control plane's (istiod) values.
      app(
        "istiod",
        CONTROL_NAMESPACE,
        APP_WAVES.meshControl,
        chart("istiod", "istiod", "istiod", istio.values),
        WEBHOOK_DRIFT,
        "controller:istio",
      ),
      ...gateways.map((g) => ({
        ...app(g.release, g.namespace, APP_WAVES.gateways, chart("gateway", g.release, "istio-gateway", gatewayValues(g)), [], g.source),
        ...readinessGates(g.loadBalancer.targetType),
      })),
    ];
    return { apps, manifests: gateways.flatMap((g) => gatewayManifests(templates, g)) };
  },
};

/** The gateway chart's values: the gateway's scaling and a Service type that fits the ALB in front. */
function gatewayValues(gateway: IstioGatewayModel): Record<string, unknown> {
  const scaling = {
    ...(gateway.replicas === undefined ? {} : { replicaCount: gateway.replicas }),
    ...(gateway.autoscaling !== undefined
      ? { autoscaling: { enabled: true, minReplicas: gateway.autoscaling.minReplicas, maxReplicas: gateway.autoscaling.maxReplicas } }
      : gateway.replicas !== undefined
        ? { autoscaling: { enabled: false } }
        : {}),
  };
  // Behind an ALB the Service is never LoadBalancer: that would make a second, internal NLB.
  const serviceType = gateway.loadBalancer.targetType === "instance" ? "NodePort" : "ClusterIP";
  return { ...scaling, service: { type: serviceType } };
}

function gatewayManifests(templates: TemplateSet, gateway: IstioGatewayModel): Manifest[] {
  // With instance targets ALBC probes nodes, so the port is named (`status-port`) and ALBC resolves
  // it to the NodePort; with ip targets the pod's 15021 is probed directly.
  const healthCheck = {
    path: "/healthz/ready",
    port: gateway.loadBalancer.targetType === "instance" ? "status-port" : "15021",
    protocol: "HTTP",
  } as const;
  const front = frontProxy(templates, gateway.loadBalancer, {
    name: istioGatewayService(gateway.release),
    namespace: gateway.namespace,
    port: GATEWAY_HTTP_PORT,
    objectName: frontName(gateway.loadBalancer, gateway.namespace, gateway.release),
    healthCheck,
  });
  const fronting: Manifest = { source: gateway.loadBalancer.source, app: gatewayApp(gateway), object: front };
  return gateway.routeFormat === "gatewayAPI"
    ? [fronting, ...gatewayApiManifests(templates, gateway)]
    : [fronting, ...istioManifests(templates, gateway)];
}

/**
 * A Gateway of class istio whose one Hostname address names the chart's Service: Istio's manual
 * deployment, so istiod programs the chart's pods and deploys no Service of its own (which would
 * be of type LoadBalancer, a second load balancer behind the ALB). Its listeners use the Service's
 * ports (validation sees to it, checks/gateways.ts), so that it becomes Programmed, which Argo CD
 * (v3.1+, resource_customizations/gateway.networking.k8s.io/Gateway/health.lua) holds for Healthy.
 */
function gatewayApiManifests(templates: TemplateSet, gateway: IstioGatewayApiGatewayModel): Manifest[] {
  const gatewayObject = templates.render("gateway", {
    name: gateway.name,
    namespace: gateway.namespace,
    className: ISTIO_GATEWAY_CLASS,
    addresses: [istioManualAddress(istioGatewayService(gateway.release))],
    listeners: gatewayListeners(gateway.listeners, gateway.allowedRoutes),
  });
  return [
    { source: gateway.source, app: gatewayApp(gateway), object: gatewayObject },
    ...httpRoutes(templates, gateway, routeAnnotations(gateway.allowedRoutes)),
    ...referenceGrants(templates, gateway),
  ];
}

function istioManifests(templates: TemplateSet, gateway: IstioVirtualServiceGatewayModel): Manifest[] {
  const istioGateway = templates.render("istio-gateway", {
    name: gateway.name,
    namespace: gateway.namespace,
    selector: { [ISTIO_POD_LABEL]: istioPodLabelValue(gateway.release) },
    servers: gateway.listeners.map((l) => ({
      name: l.name,
      number: l.port,
      protocol: l.protocol,
      hosts: [l.hostname ?? "*"],
      credentialName: l.tls?.secretName ?? null,
    })),
  });
  return [
    { source: gateway.source, app: gatewayApp(gateway), object: istioGateway },
    ...gateway.routes.map((r) => virtualService(templates, gateway, r)),
  ];
}

function virtualService(templates: TemplateSet, gateway: IstioGatewayModel, route: RouteModel): Manifest {
  return {
    source: route.source,
    app: gatewayApp(gateway),
    object: templates.render("virtualservice", {
      name: route.name,
      namespace: route.namespace,
      hosts: route.hosts ?? ["*"],
      gateways: [`${gateway.namespace}/${gateway.name}`],
      http: route.rules.map((rule) => ({
        uri: rule.pathType === "Exact" ? { exact: rule.path } : { prefix: rule.path },
        host: `${rule.backend.service}.${rule.backend.namespace ?? route.namespace}.svc.cluster.local`,
        port: rule.backend.port,
      })),
    }),
  };
}
