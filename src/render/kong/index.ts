// Kong behind an ALB: the kong/ingress chart (controller + gateway) with the proxy Service
// ClusterIP, the ALB Ingress (or TargetGroupBinding) to it, a KongPlugin per plugin, and either an
// Ingress of class kong per route, referencing its plugins through konghq.com/plugins, or
// (routeFormat gatewayAPI) a Gateway of the unmanaged GatewayClass kong and an HTTPRoute per
// route, referencing them as ExtensionRef filters.
import type { KnownChartMinor } from "../../controllers/gateway-api.ts";
import {
  KONG_GATEWAY_CLASS,
  KONG_GATEWAY_CONTROLLER,
  KONG_GATEWAY_LISTENER,
  KONG_INGRESS_CLASS,
  KONG_PLUGIN_FILTER,
  KONG_PLUGINS_ANNOTATION,
  KONG_PROXY_HTTP_PORT,
  KONG_UNMANAGED_ANNOTATION,
  kongProxyService,
} from "../../controllers/kong.ts";
import type {
  Controllers,
  KongGatewayApiGatewayModel,
  KongGatewayModel,
  KongIngressGatewayModel,
  KongRouteModel,
} from "../../model/types.ts";
import { kongPluginName } from "../../controllers/names.ts";
import { frontName, frontProxy } from "../albc/ingress.ts";
import { ingressRules } from "../ingress-rules.ts";
import { mergeValues } from "../../merge-values.ts";
import { gatewayListeners, httpRoutes, referenceGrants, routeAnnotations } from "../gateway-api/routes.ts";
import { APP_WAVES, gatewayApp, nothing, readinessGates, type AppIntent, type Manifest, type Provider } from "../provider.ts";
import type { TemplateSet } from "../templates.ts";

/** Kong's status listener; it exists only on the pods, hence ip targets only (see validation). */
const KONG_HEALTH = { path: "/status/ready", port: "8100", protocol: "HTTP" } as const;

export const kongProvider: Provider = {
  name: "kong",
  render({ model, templates }) {
    const kong = model.controllers.kong;
    if (kong === undefined) return nothing();
    const gateway = model.gateways.find((g): g is KongGatewayModel => g.type === "kong");
    // Listed without a gateway: install Kong as listed, with nothing in front of it yet.
    if (gateway === undefined) return { apps: [crdsApplication(kong), application(kong, UNFRONTED)], manifests: [] };
    return {
      apps: [crdsApplication(kong), { ...application(kong, gateway), ...readinessGates(gateway.loadBalancer.targetType) }],
      manifests: [
        {
          source: gateway.loadBalancer.source,
          app: gatewayApp(gateway),
          object: frontProxy(templates, gateway.loadBalancer, {
            name: kongProxyService(gateway.release),
            namespace: gateway.namespace,
            port: KONG_PROXY_HTTP_PORT,
            objectName: frontName(gateway.loadBalancer, gateway.namespace, gateway.release),
            healthCheck: KONG_HEALTH,
          }),
        },
        ...gateway.routes.flatMap((r) => pluginManifests(templates, gateway, r)),
        ...(gateway.routeFormat === "gatewayAPI" ? gatewayApiManifests(templates, gateway) : ingressManifests(templates, gateway)),
      ],
    };
  },
};

/** Kong as installed when the spec lists it but no kong gateway uses it yet. */
const UNFRONTED = { release: "kong", namespace: "kong", source: "controller:kong" } as const;

/**
 * The kong chart each kong/ingress release depends on, twice (aliases controller and gateway,
 * Chart.yaml of ingress 0.24.0: kong "=3.2.0"); both copies ship the same crds/ folder and the
 * chart has no switch for it, so Argo CD would apply every Kong CRD twice
 * (RepeatedResourceWarning, Kong/charts#1051). Keyed by every minor validation accepts, so one
 * added there does not compile until its subchart is known here.
 */
const KONG_SUBCHART: Readonly<Record<KnownChartMinor<"kong">, string>> = { "0.24": "3.2.0" };

/** The Kong CRDs once, from the kong chart's own crds/ folder at the subchart's release tag. */
function crdsApplication(kong: NonNullable<Controllers["kong"]>): AppIntent {
  const subchart = KONG_SUBCHART[kong.chartMinor];
  return {
    name: "kong-crds",
    namespace: "default",
    wave: APP_WAVES.crds,
    source: {
      kind: "git",
      directory: { repoURL: "https://github.com/Kong/charts", targetRevision: `kong-${subchart}`, path: "charts/kong/crds" },
    },
    serverSideApply: true,
    // Deleting or pruning CRDs would delete every KongPlugin in the cluster, other teams' too.
    clusterWide: ["crds"],
    usesOtherCrds: false,
    ignoreDifferences: [],
    origin: "controller:kong",
  };
}

function application(
  kong: NonNullable<Controllers["kong"]>,
  gateway: Pick<KongGatewayModel, "release" | "namespace" | "source"> & Partial<Pick<KongGatewayModel, "replicas" | "autoscaling">>,
): AppIntent {
  const scaling = {
    ...(gateway.replicas === undefined ? {} : { replicaCount: gateway.replicas }),
    ...(gateway.autoscaling === undefined
      ? {}
      : { autoscaling: { enabled: true, minReplicas: gateway.autoscaling.minReplicas, maxReplicas: gateway.autoscaling.maxReplicas } }),
  };
  // Behind an ALB the proxy is never LoadBalancer (the chart's default): that would add an NLB.
  const values = mergeValues(mergeValues({ gateway: scaling }, kong.values), { gateway: { proxy: { type: "ClusterIP" } } });
  const controller = `${gateway.release}-controller`;
  return {
    name: gateway.release,
    namespace: gateway.namespace,
    wave: APP_WAVES.gateways,
    source: {
      kind: "helm",
      chart: {
        repoURL: "https://charts.konghq.com",
        name: "ingress",
        version: kong.chartVersion,
        releaseName: gateway.release,
        values,
        valuesChart: "kong-ingress",
        skipCrds: true,
      },
    },
    serverSideApply: true,
    // Its CRDs are skipped (they come once, from kong-crds): removing Kong removes only Kong.
    clusterWide: [],
    usesOtherCrds: false,
    // The admission webhook's certificates are generated on every render (genCA; argo-helm#3597).
    ignoreDifferences: [
      { kind: "Secret", name: `${controller}-validation-webhook-ca-keypair`, jsonPointers: ["/data"] },
      { kind: "Secret", name: `${controller}-validation-webhook-keypair`, jsonPointers: ["/data"] },
      {
        group: "admissionregistration.k8s.io",
        kind: "ValidatingWebhookConfiguration",
        jqPathExpressions: [".webhooks[]?.clientConfig.caBundle"],
      },
    ],
    origin: gateway.source,
  };
}

function pluginManifests(templates: TemplateSet, gateway: KongGatewayModel, route: KongRouteModel): Manifest[] {
  return route.plugins.map((p) => ({
    source: route.source,
    app: gatewayApp(gateway),
    object: templates.render("kongplugin", {
      name: kongPluginName(route.name, p.name),
      namespace: route.namespace,
      plugin: p.name,
      config: p.config,
    }),
  }));
}

function ingressManifests(templates: TemplateSet, gateway: KongIngressGatewayModel): Manifest[] {
  return gateway.routes.map((route) => {
    const annotations =
      route.plugins.length === 0
        ? {}
        : { [KONG_PLUGINS_ANNOTATION]: route.plugins.map((p) => kongPluginName(route.name, p.name)).join(",") };
    const ingress = templates.render("ingress", {
      name: route.name,
      namespace: route.namespace,
      annotations,
      className: KONG_INGRESS_CLASS,
      rules: ingressRules(route),
    });
    return { source: route.source, app: gatewayApp(gateway), object: ingress };
  });
}

/**
 * The unmanaged GatewayClass kong, so that Kong's controller serves its Gateway with the chart's
 * proxy (the `--publish-service` the chart sets) and deploys none; the Gateway's one listener is
 * where the ALB sends, and it is Programmed once that Service has its ClusterIP, which Argo CD
 * (v3.1+, resource_customizations/gateway.networking.k8s.io/Gateway/health.lua) holds for Healthy.
 * The class serves this gateway alone (a cluster has one kong gateway, checks/gateways.ts), so it
 * lives in the gateway's Application. Kong's controller starts its Gateway API controllers when
 * their CRDs appear (internal/manager/controllerdef.go, crds.DynamicCRDController), so the Gateway
 * API CRDs Application may sync after the chart.
 */
function gatewayApiManifests(templates: TemplateSet, gateway: KongGatewayApiGatewayModel): Manifest[] {
  const app = gatewayApp(gateway);
  return [
    {
      source: gateway.source,
      app,
      object: templates.render("gatewayclass", {
        name: KONG_GATEWAY_CLASS,
        annotations: KONG_UNMANAGED_ANNOTATION,
        controllerName: KONG_GATEWAY_CONTROLLER,
      }),
    },
    {
      source: gateway.source,
      app,
      object: templates.render("gateway", {
        name: gateway.name,
        namespace: gateway.namespace,
        className: KONG_GATEWAY_CLASS,
        listeners: gatewayListeners([KONG_GATEWAY_LISTENER], gateway.allowedRoutes),
      }),
    },
    ...httpRoutes(templates, gateway, routeAnnotations(gateway.allowedRoutes), (route) =>
      route.plugins.map((p) => ({
        type: "ExtensionRef",
        extensionRef: { ...KONG_PLUGIN_FILTER, name: kongPluginName(route.name, p.name) },
      })),
    ),
    ...referenceGrants(templates, gateway),
  ];
}
