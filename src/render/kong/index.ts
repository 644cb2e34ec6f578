// Kong behind an ALB: the kong/ingress chart (controller + gateway) with the proxy Service
// ClusterIP, the ALB Ingress (or TargetGroupBinding) to it, an Ingress of class kong per route
// and a KongPlugin per plugin, referenced through konghq.com/plugins.
import type { Controllers, KongGatewayModel, RouteModel } from "../../model/types.ts";
import { kongPluginName, kongProxyService } from "../../model/names.ts";
import { frontProxy } from "../aws/ingress.ts";
import { ingressRules } from "../ingress-rules.ts";
import { APP_WAVES, MANIFEST_WAVES, mergeValues, nothing, type AppIntent, type Manifest, type Provider } from "../provider.ts";
import type { TemplateSet } from "../templates.ts";

/** The kong/ingress chart's proxy Service port for plain HTTP. */
const PROXY_HTTP_PORT = 80;

/** Kong's status listener; it exists only on the pods, hence ip targets only (see validation). */
const KONG_HEALTH = { path: "/status/ready", port: "8100", protocol: "HTTP" } as const;

export const kongProvider: Provider = {
  name: "kong",
  render({ topology, templates }) {
    const kong = topology.controllers.kong;
    if (kong === undefined) return nothing();
    const gateway = topology.gateways.find((g): g is KongGatewayModel => g.type === "kong");
    // Listed without a gateway: install Kong as listed, with nothing in front of it yet.
    if (gateway === undefined) return { apps: [application(kong, UNFRONTED)], manifests: [] };
    return {
      apps: [application(kong, gateway)],
      manifests: [
        {
          source: gateway.loadBalancer.source,
          wave: MANIFEST_WAVES.gateway,
          object: frontProxy(templates, topology, gateway.loadBalancer, { name: kongProxyService(gateway.release), namespace: gateway.namespace, port: PROXY_HTTP_PORT, objectName: gateway.release, healthCheck: KONG_HEALTH }),
        },
        ...gateway.routes.flatMap((r) => routeManifests(templates, r)),
      ],
    };
  },
};

/** Kong as installed when the spec lists it but no kong gateway uses it yet. */
const UNFRONTED = { release: "kong", namespace: "kong", source: "controller:kong" } as const;


function application(kong: NonNullable<Controllers["kong"]>, gateway: Pick<KongGatewayModel, "release" | "namespace" | "source"> & Partial<Pick<KongGatewayModel, "replicas" | "autoscaling">>): AppIntent {
  const scaling = {
    ...(gateway.replicas === undefined ? {} : { replicaCount: gateway.replicas }),
    ...(gateway.autoscaling === undefined ? {} : { autoscaling: { enabled: true, minReplicas: gateway.autoscaling.minReplicas, maxReplicas: gateway.autoscaling.maxReplicas } }),
  };
  // Behind an ALB the proxy is never LoadBalancer (the chart's default): that would add an NLB.
  const values = mergeValues(mergeValues({ gateway: scaling }, kong.values), { gateway: { proxy: { type: "ClusterIP" } } });
  const controller = `${gateway.release}-controller`;
  return {
    name: gateway.release,
    namespace: gateway.namespace,
    wave: APP_WAVES.gateways,
    source: { kind: "helm", chart: { repoURL: "https://charts.konghq.com", name: "ingress", version: kong.chartVersion, releaseName: gateway.release, values, valuesChart: "kong-ingress" } },
    serverSideApply: true,
    cascadeDelete: true,
    prune: true,
    // The admission webhook's certificates are generated on every render (genCA; argo-helm#3597).
    ignoreDifferences: [
      { kind: "Secret", name: `${controller}-validation-webhook-ca-keypair`, jsonPointers: ["/data"] },
      { kind: "Secret", name: `${controller}-validation-webhook-keypair`, jsonPointers: ["/data"] },
      { group: "admissionregistration.k8s.io", kind: "ValidatingWebhookConfiguration", jqPathExpressions: [".webhooks[]?.clientConfig.caBundle"] },
    ],
    origin: gateway.source,
  };
}


function routeManifests(templates: TemplateSet, route: RouteModel): Manifest[] {
  const plugins = route.plugins.map((p) => ({
    source: route.source,
    wave: MANIFEST_WAVES.gateway,
    object: templates.render("kongplugin", { name: kongPluginName(route.name, p.name), namespace: route.namespace, plugin: p.name, config: p.config }),
  }));
  const annotations = route.plugins.length === 0 ? {} : { "konghq.com/plugins": route.plugins.map((p) => kongPluginName(route.name, p.name)).join(",") };
  const ingress = templates.render("ingress", {
    name: route.name,
    namespace: route.namespace,
    annotations,
    className: "kong",
    rules: ingressRules(route),
  });
  return [...plugins, { source: route.source, wave: MANIFEST_WAVES.route, object: ingress }];
}
