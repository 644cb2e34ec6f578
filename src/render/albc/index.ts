// AWS Load Balancer Controller: its chart, the ALB Ingress of every route of an alb gateway, and
// the LoadBalancer Service of every NLB that exposes one workload directly.
import { mergeValues } from "../../merge-values.ts";
import type { AlbGatewayModel, Controllers, DirectServiceModel, Model } from "../../model/types.ts";
import { ALB_INGRESS_CLASS, ALBC_LOAD_BALANCER_CLASS } from "../../controllers/albc.ts";
import { HINTS } from "../../hints.ts";
import { albAnnotations, nlbAnnotations } from "./annotations.ts";
import { ingressRules } from "../ingress-rules.ts";
import {
  APP_WAVES,
  gatewayApp,
  serviceApp,
  nothing,
  type AppIntent,
  type Manifest,
  type Provider,
  type RenderContext,
} from "../provider.ts";
import type { TemplateSet } from "../templates.ts";

export const albcProvider: Provider = {
  name: "albc",
  render({ model, templates }: RenderContext) {
    const albc = model.controllers.awsLoadBalancerController;
    if (albc === undefined) return nothing();
    const manifests: Manifest[] = [
      ...model.gateways.flatMap((g) => (g.type === "alb" ? routeIngresses(templates, g) : [])),
      ...model.directServices.map((s) => directService(templates, s)),
    ];
    return { manifests, apps: [application(model, albc)] };
  },
};

function application(model: Model, albc: NonNullable<Controllers["awsLoadBalancerController"]>): AppIntent {
  const { roleArn } = albc.serviceAccount;
  const featureGates = {
    ...(albc.serviceController ? {} : { EnableServiceController: false }),
    // Off by default in controller v2.x (pkg/config/feature_gates.go at v2.17.1); on by default
    // from v3.x, which still turns them off at start when a CRD they need is missing
    // (pkg/gateway/crddetect), so each is written for both when a gateway needs it.
    ...(model.gateways.some((g) => g.type === "aws" && g.balancer === "alb") ? { ALBGatewayAPI: true } : {}),
    ...(model.gateways.some((g) => g.type === "aws" && g.balancer === "nlb") ? { NLBGatewayAPI: true } : {}),
  };
  const base = {
    clusterName: model.cluster.name,
    region: model.cluster.region,
    ...(model.cluster.vpcId === undefined ? {} : { vpcId: model.cluster.vpcId }),
    serviceAccount: {
      create: true,
      name: albc.serviceAccount.name,
      ...(roleArn === undefined ? {} : { annotations: { "eks.amazonaws.com/role-arn": roleArn } }),
    },
    // With the service controller off, the mutator webhook must be off too, or it would give new
    // LoadBalancer Services ALBC's class and leave them pending forever.
    enableServiceMutatorWebhook: albc.serviceController,
    ...(Object.keys(featureGates).length === 0 ? {} : { controllerConfig: { featureGates } }),
  };
  return {
    name: "aws-load-balancer-controller",
    namespace: albc.namespace,
    wave: APP_WAVES.albc,
    source: {
      kind: "helm",
      chart: {
        repoURL: "https://aws.github.io/eks-charts",
        name: "aws-load-balancer-controller",
        version: albc.chartVersion,
        releaseName: "aws-load-balancer-controller",
        values: mergeValues(base, albc.values),
        valuesChart: "aws-load-balancer-controller",
      },
    },
    serverSideApply: true,
    // Its IngressClassParams and TargetGroupBinding CRDs are in the chart's crds/, which Argo CD applies.
    clusterWide: ["crds"],
    usesOtherCrds: false,
    // The chart generates its webhook certificate on every render (genCA; `lookup` is a no-op
    // under Argo CD), so these would flap forever (ALBC#1828, #2071).
    ignoreDifferences: [
      { kind: "Secret", name: "aws-load-balancer-tls", jsonPointers: ["/data"] },
      {
        group: "admissionregistration.k8s.io",
        kind: "MutatingWebhookConfiguration",
        jqPathExpressions: [".webhooks[].clientConfig.caBundle"],
      },
      {
        group: "admissionregistration.k8s.io",
        kind: "ValidatingWebhookConfiguration",
        jqPathExpressions: [".webhooks[].clientConfig.caBundle"],
      },
    ],
    origin: "controller:awsLoadBalancerController",
  };
}

function routeIngresses(templates: TemplateSet, gateway: AlbGatewayModel): Manifest[] {
  const annotations = { ...albAnnotations(gateway.loadBalancer), [HINTS.gateway]: gateway.knownAs };
  return gateway.routes.map((route) => ({
    source: route.source,
    app: gatewayApp(gateway),
    object: templates.render("ingress", {
      name: route.name,
      namespace: route.namespace,
      annotations,
      className: ALB_INGRESS_CLASS,
      rules: ingressRules(route),
    }),
  }));
}

function directService(templates: TemplateSet, service: DirectServiceModel): Manifest {
  const lb = service.loadBalancer;
  return {
    source: lb.source,
    app: serviceApp(lb),
    object: templates.render("service", {
      name: service.name,
      namespace: service.namespace,
      annotations: nlbAnnotations(lb),
      loadBalancerClass: service.selectedBy === "loadBalancerClass" ? ALBC_LOAD_BALANCER_CLASS : null,
      externalTrafficPolicy: lb.preserveClientIp && lb.targetType === "instance" ? "Local" : null,
      selector: service.selector,
      ports: service.ports.map((p) => ({ name: p.name ?? null, port: p.port, targetPort: p.targetPort, protocol: p.protocol })),
    }),
  };
}
