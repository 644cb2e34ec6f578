// ALBC's own Gateway API: a GatewayClass per kind of load balancer in use (ALB: HTTPRoute and
// GRPCRoute; NLB: TCPRoute, UDPRoute and TLSRoute), and per aws gateway the Gateway that IS its
// load balancer, the LoadBalancerConfiguration that carries what the spec says of it, a
// TargetGroupConfiguration per backend Service and a route object per route; ALBC's
// gateway.k8s.aws CRDs come from one Application of their own.
import {
  ALBC_GATEWAY_CLASS,
  ALBC_GATEWAY_CONTROLLER,
  ALBC_GATEWAY_GROUP,
  albcAppVersion,
  albcGatewayApiVersion,
  albcL4RouteVersion,
} from "../../controllers/albc.ts";
import { compareText } from "../../compare-text.ts";
import type { AwsGatewayModel } from "../../model/types.ts";
import { gatewayListeners, gatewayRoutes, referenceGrants, routeBackends } from "../gateway-api/routes.ts";
import { APP_WAVES, gatewayApp, nothing, type AppIntent, type Manifest, type ManifestApp, type Provider } from "../provider.ts";
import type { TemplateSet } from "../templates.ts";

export const ALBC_REPOSITORY = "https://github.com/kubernetes-sigs/aws-load-balancer-controller";

const ORIGIN = "controller:awsLoadBalancerController";

/** A GatewayClass serves every aws gateway of its kind, so it has an Application of its own rather than any one gateway's. */
const CLASS_APP: ManifestApp = { name: "aws-gateway-class", origin: ORIGIN };

export const awsProvider: Provider = {
  name: "aws",
  render({ model, templates }) {
    const albc = model.controllers.awsLoadBalancerController;
    const gateways = model.gateways.filter((g): g is AwsGatewayModel => g.type === "aws");
    if (albc === undefined || gateways.length === 0) return nothing();
    const appVersion = albcAppVersion(albc.chartVersion);
    const apiVersion = albcGatewayApiVersion(appVersion);
    const l4Version = albcL4RouteVersion(appVersion);
    const classes = (["alb", "nlb"] as const)
      .filter((balancer) => gateways.some((g) => g.balancer === balancer))
      .map((balancer): Manifest => ({
        source: ORIGIN,
        app: CLASS_APP,
        object: templates.render("gatewayclass", { name: ALBC_GATEWAY_CLASS[balancer], controllerName: ALBC_GATEWAY_CONTROLLER[balancer] }),
      }));
    return {
      apps: [crdApplication(albc.chartVersion)],
      manifests: [
        ...classes,
        ...gateways.flatMap((g) => [
          ...gatewayManifests(templates, g, apiVersion),
          // An ALB target group speaks gRPC only behind HTTPS (pkg/gateway/model/model_build_target_group.go,
          // buildTargetGroupProtocolVersion), so a GRPCRoute attaches to the HTTPS listeners only.
          ...gatewayRoutes(templates, g, {
            l4Versions: () => l4Version,
            grpcListeners: g.listeners.filter((l) => l.protocol === "HTTPS").map((l) => l.name),
            allowedRoutes: g.allowedRoutes,
          }),
          ...referenceGrants(templates, g),
        ]),
      ],
    };
  },
};

/**
 * ALBC's chart does not carry its gateway.k8s.aws CRDs (docs/guide/gateway/gateway.md installs
 * them from config/crd/gateway); its kustomization there lists each once. Like every CRD
 * Application it never prunes and has no finalizer, so a spec edit never deletes them.
 */
function crdApplication(chartVersion: string): AppIntent {
  return {
    name: "aws-gateway-crds",
    namespace: "default",
    wave: APP_WAVES.crds,
    source: {
      kind: "git",
      directory: { repoURL: ALBC_REPOSITORY, targetRevision: albcAppVersion(chartVersion), path: "config/crd/gateway" },
    },
    serverSideApply: true,
    clusterWide: ["crds"],
    usesOtherCrds: false,
    ignoreDifferences: [],
    origin: ORIGIN,
  };
}

function gatewayManifests(templates: TemplateSet, gateway: AwsGatewayModel, apiVersion: string): Manifest[] {
  const lb = gateway.loadBalancer;
  const app = gatewayApp(gateway);
  const gatewayObject = templates.render("gateway", {
    name: gateway.name,
    namespace: gateway.namespace,
    className: ALBC_GATEWAY_CLASS[gateway.balancer],
    infrastructureAnnotations: null,
    // The ALB is named after the spec's load balancer by its configuration, which the topology reads back.
    parametersRef: { group: ALBC_GATEWAY_GROUP, kind: "LoadBalancerConfiguration", name: lb.name },
    listeners: gatewayListeners(gateway.listeners, gateway.allowedRoutes),
  });
  // ALBC cannot take certificates from a listener's certificateRefs (docs/guide/gateway/gateway.md,
  // "Certificate Discovery"): each HTTPS listener gets them from its listener configuration.
  const secure = gateway.listeners.filter((l) => l.protocol === "HTTPS");
  const [defaultCertificate, ...more] = lb.certificateArns;
  const listenerConfigurations = secure.map((l) => ({
    protocolPort: `HTTPS:${l.port}`,
    ...(defaultCertificate === undefined ? {} : { defaultCertificate }),
    ...(more.length === 0 ? {} : { certificates: more }),
    ...(lb.sslPolicy === undefined ? {} : { sslPolicy: lb.sslPolicy }),
  }));
  const configuration = templates.render("loadbalancerconfiguration", {
    apiVersion,
    name: lb.name,
    namespace: gateway.namespace,
    scheme: lb.scheme,
    securityGroups: lb.securityGroups.length === 0 ? null : lb.securityGroups,
    subnets: lb.subnets.length === 0 ? null : lb.subnets.map((identifier) => ({ identifier })),
    attributes: keyValues(lb.attributes),
    sourceRanges: lb.inboundCidrs.length === 0 ? null : lb.inboundCidrs,
    listenerConfigurations: listenerConfigurations.length === 0 ? null : listenerConfigurations,
    webACL: gateway.balancer === "alb" ? (gateway.loadBalancer.wafAclArn ?? null) : null,
  });
  return [
    { source: gateway.source, app, object: gatewayObject },
    { source: lb.source, app, object: configuration },
    ...targetGroupConfigurations(templates, gateway, apiVersion),
  ];
}

/** ALBC's attribute lists, `[{key, value}]` (docs/guide/gateway/loadbalancerconfig.md), sorted by key; null when empty. */
function keyValues(attributes: Readonly<Record<string, string>>): { key: string; value: string }[] | null {
  const entries = Object.entries(attributes).sort(([a], [b]) => compareText(a, b));
  return entries.length === 0 ? null : entries.map(([key, value]) => ({ key, value }));
}

/**
 * ALBC's target type defaults to instance for Gateways too; like every load balancer here it is
 * written explicitly, on the Service each target group is made for
 * (docs/guide/gateway/targetgroupconfig.md: a TargetGroupConfiguration whose targetReference names it).
 */
function targetGroupConfigurations(templates: TemplateSet, gateway: AwsGatewayModel, apiVersion: string): Manifest[] {
  const lb = gateway.loadBalancer;
  const { path, port, protocol } = lb.healthCheck;
  const healthCheckConfig = {
    ...(path === undefined ? {} : { healthCheckPath: path }),
    ...(port === undefined ? {} : { healthCheckPort: port }),
    ...(protocol === undefined ? {} : { healthCheckProtocol: protocol }),
  };
  // An NLB keeps the client's address when its target group says so (docs/guide/gateway/targetgroupconfig.md
  // targetGroupAttributes; the ELB attribute preserve_client_ip.enabled), as the spec's preserveClientIp asks.
  const preserveClientIp =
    gateway.balancer === "nlb" && gateway.loadBalancer.preserveClientIp ? [{ key: "preserve_client_ip.enabled", value: "true" }] : null;
  const services = new Map<string, { namespace: string; service: string }>();
  for (const route of gateway.routes)
    for (const backend of routeBackends(route)) {
      const namespace = backend.namespace ?? route.namespace;
      services.set(`${namespace}/${backend.service}`, { namespace, service: backend.service });
    }
  return [...services.values()].map(({ namespace, service }) => ({
    source: lb.source,
    app: gatewayApp(gateway),
    object: templates.render("targetgroupconfiguration", {
      apiVersion,
      name: service,
      namespace,
      serviceName: service,
      targetType: lb.targetType,
      targetGroupAttributes: preserveClientIp,
      healthCheckConfig: Object.keys(healthCheckConfig).length === 0 ? null : healthCheckConfig,
    }),
  }));
}
