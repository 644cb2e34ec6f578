// The normalized model: every default resolved, every reference an object, one union member
// per gateway type and per kind of load balancer, each gateway type holding only the load
// balancers it can sit behind. Providers render from this and never look at the raw spec.
import type { Channel, GatewayApiRelease, KnownChartMinor } from "../controllers/gateway-api.ts";
import type {
  ServiceSelection,
  ArgoCDSettings,
  Backend,
  GatewayListener,
  GrpcRule,
  HealthCheck,
  HelmValues,
  KongPluginRef,
  L4Protocol,
  Listen,
  RouteRule,
  Scheme,
  TargetType,
} from "../validate/types.ts";

/**
 * Which spec entry a model element came from, by identity rather than position (`route:shop/cart`,
 * `gateway:web`, `loadBalancer:public-alb`, `controller:cilium`), so that inserting an entry does
 * not change what every later object says about its origin. Stamped on what it renders.
 */
export type SpecEntry = string;

/** A list the schema requires to have an item (minItems 1) or a default gives one. */
export type NonEmpty<T> = readonly [T, ...T[]];

export interface Model {
  /** metadata.name of the spec. */
  readonly name: string;
  readonly specFile: string;
  readonly cluster: { readonly name: string; readonly region: string; readonly vpcId?: string };
  readonly gitops: { readonly repoURL: string; readonly targetRevision: string; readonly path: string };
  readonly argocd: ArgoCDSettings;
  readonly controllers: Controllers;
  readonly loadBalancers: readonly LoadBalancerModel[];
  readonly gateways: readonly GatewayModel[];
  /** NLBs that expose one workload directly (`service:`). */
  readonly directServices: readonly DirectServiceModel[];
}

export interface Controllers {
  readonly gatewayApi?: { readonly release: GatewayApiRelease; readonly channel: Channel };
  readonly awsLoadBalancerController?: {
    readonly chartVersion: string;
    readonly namespace: string;
    readonly serviceAccount: { readonly name: string; readonly roleArn?: string };
    /** Resolved: off when an external NLB fronts Cilium, unless the spec says otherwise. */
    readonly serviceController: boolean;
    readonly values: HelmValues;
  };
  readonly cilium?: CiliumModel;
  readonly istio?: { readonly chartVersion: string; readonly values: HelmValues };
  readonly kong?: {
    readonly chartVersion: string;
    /** Which kong chart its subcharts are, and so where Kong's CRDs come from. */
    readonly chartMinor: KnownChartMinor<"kong">;
    readonly values: HelmValues;
  };
}

/**
 * Cilium installed by ingress-gitops (chained to the AWS VPC CNI, or in ENI mode), or already on
 * the cluster, where only its Gateway API is used and its chart is not ours to set.
 */
export type CiliumModel =
  | {
      readonly install: "chaining" | "eni";
      readonly chartVersion: string;
      readonly kubeProxyReplacement: boolean;
      /** Absent only when the values set k8sServiceHost themselves (validation sees to it). */
      readonly apiServer?: { readonly host: string; readonly port: number };
      readonly values: HelmValues;
    }
  | { readonly install: "preinstalled"; readonly chartVersion: string; readonly kubeProxyReplacement: boolean };

export interface ResolvedHealthCheck {
  readonly path?: string;
  readonly port?: string;
  readonly protocol?: NonNullable<HealthCheck["protocol"]>;
}

/** What every load balancer has, whoever makes it. */
interface LoadBalancerCommon {
  readonly name: string;
  /** The name the manifests give it for the topology reader: the spec's `knownAs`, else `name`. */
  readonly knownAs: string;
  readonly source: SpecEntry;
  readonly scheme: Scheme;
  readonly targetType: TargetType;
  readonly listen: readonly Listen[];
}

/** What ALBC puts on a load balancer it makes, from the annotations of the objects rendered for it. */
interface MadeByAlbc {
  readonly external: false;
  readonly certificateArns: readonly string[];
  readonly sslPolicy?: string;
  readonly securityGroups: readonly string[];
  /** What only an aws gateway's LoadBalancerConfiguration carries (validation refuses them elsewhere). */
  readonly subnets: readonly string[];
  readonly attributes: Readonly<Record<string, string>>;
  readonly inboundCidrs: readonly string[];
  /** As the spec sets it; what a proxy behind the load balancer needs is added where it is fronted. */
  readonly healthCheck: ResolvedHealthCheck;
  readonly annotations: Readonly<Record<string, string>>;
}

/**
 * A load balancer made outside the cluster (Terraform, Pulumi): a TargetGroupBinding registers
 * the targets with its target group, and nothing else of it is rendered (validation warns about
 * the settings that would be lost).
 */
interface BoundExternally {
  readonly external: true;
  readonly binding: {
    readonly targetGroupArn: string;
    readonly securityGroupId?: string;
    /** The cluster's VPC, which a TargetGroupBinding must name (validation requires cluster.vpcId). */
    readonly vpcId: string;
  };
}

/** An ALB that ALBC makes from Ingresses of class alb. */
export interface AlbModel extends LoadBalancerCommon, MadeByAlbc {
  readonly type: "alb";
  readonly wafAclArn?: string;
  /** The IngressGroup: the spec's, or the load balancer's name when several Ingresses share it. */
  readonly groupName?: string;
}

/** An NLB that ALBC makes from a Service of type LoadBalancer (a gateway's, or a direct one). */
export interface NlbModel extends LoadBalancerCommon, MadeByAlbc {
  readonly type: "nlb";
  readonly preserveClientIp: boolean;
}

export interface ExternalAlbModel extends LoadBalancerCommon, BoundExternally {
  readonly type: "alb";
}

export interface ExternalNlbModel extends LoadBalancerCommon, BoundExternally {
  readonly type: "nlb";
  /** Kept by the Service Cilium makes for the gateway (externalTrafficPolicy Local). */
  readonly preserveClientIp: boolean;
}

export type ExternalLoadBalancerModel = ExternalAlbModel | ExternalNlbModel;

export type LoadBalancerModel = AlbModel | NlbModel | ExternalLoadBalancerModel;

/**
 * What fronts a Cilium gateway: an NLB with instance targets, since the Service Cilium makes has no
 * selector and only a dummy endpoint, so ip targets would register nothing (ALBC #3754).
 */
export type CiliumLoadBalancer = (NlbModel | ExternalNlbModel) & { readonly targetType: "instance" };

/** What fronts a Kong gateway: an ALB with ip targets, since Kong's health endpoint (8100) is only on its pods. */
export type KongLoadBalancer = (AlbModel | ExternalAlbModel) & { readonly targetType: "ip" };

interface RouteCommon {
  readonly name: string;
  readonly namespace: string;
  readonly source: SpecEntry;
}

/** An HTTP route, which every gateway type serves. */
export interface RouteModel extends RouteCommon {
  readonly protocol: "HTTP";
  /** Absent: any host. */
  readonly hosts?: readonly string[];
  readonly rules: readonly RouteRule[];
}

/** A GRPCRoute (cilium, and aws on an ALB). */
export interface GrpcRouteModel extends RouteCommon {
  readonly protocol: "GRPC";
  /** Absent: any host. */
  readonly hosts?: readonly string[];
  readonly rules: readonly GrpcRule[];
}

/**
 * A TCPRoute, TLSRoute or UDPRoute: everything arriving on one listener of its gateway goes to one
 * backend, so the rule's port is resolved to that listener here (validation sees that it exists).
 */
export type L4RouteModel = RouteCommon & {
  readonly listener: GatewayListener;
  readonly backend: Backend;
} & (
    | { readonly protocol: "TCP" | "UDP" }
    /** TLSRoute v1 requires hostnames: the SNI names it takes from the listener. */
    | { readonly protocol: "TLS"; readonly hosts: NonEmpty<string> }
  );

/** Every route a Gateway API gateway may serve. */
export type GatewayApiRouteModel = RouteModel | GrpcRouteModel | L4RouteModel;

/** Only Kong runs plugins (validation refuses them on a route of any other gateway type). */
export interface KongRouteModel extends RouteModel {
  readonly plugins: readonly KongPluginRef[];
}

/**
 * A gateway owns its routes and holds its load balancer, so neither is a name that could fail to
 * resolve; which load balancers a gateway type can sit behind is the contract's gateway-type
 * table as validation enforces it (checks/load-balancers.ts).
 */
interface GatewayCommon<LB extends LoadBalancerModel, Route extends GatewayApiRouteModel = RouteModel> {
  readonly name: string;
  readonly source: SpecEntry;
  readonly loadBalancer: LB;
  readonly routes: readonly Route[];
}

/** Its routes' Ingresses make the ALB, so it cannot be bound to an external one. */
export interface AlbGatewayModel extends GatewayCommon<AlbModel> {
  readonly type: "alb";
  /** The name the manifests give it for the topology reader: the spec's `knownAs`, else `name`. */
  readonly knownAs: string;
}

export interface CiliumGatewayModel extends GatewayCommon<CiliumLoadBalancer, GatewayApiRouteModel> {
  readonly type: "cilium";
  readonly namespace: string;
  readonly listeners: NonEmpty<GatewayListener>;
  readonly allowedRoutes: AllowedRoutesModel;
}

export interface Scaling {
  readonly replicas?: number;
  readonly autoscaling?: { readonly minReplicas: number; readonly maxReplicas: number };
}

interface IstioGatewayCommon extends GatewayCommon<AlbModel | ExternalAlbModel>, Scaling {
  readonly type: "istio";
  readonly namespace: string;
  readonly listeners: NonEmpty<GatewayListener>;
  /** Helm release of the istio/gateway chart; also the name of its Deployment and Service. */
  readonly release: string;
}

/** An Istio Gateway selecting the chart's pods, and a VirtualService per route (the default). */
export interface IstioVirtualServiceGatewayModel extends IstioGatewayCommon {
  readonly routeFormat: "virtualService";
}

/**
 * A Gateway API Gateway of class istio bound to the chart's Service (Istio's manual deployment),
 * an HTTPRoute per route, and ReferenceGrants for backends in other namespaces.
 */
export interface IstioGatewayApiGatewayModel extends IstioGatewayCommon {
  readonly routeFormat: "gatewayAPI";
  readonly allowedRoutes: AllowedRoutesModel;
}

export type IstioGatewayModel = IstioVirtualServiceGatewayModel | IstioGatewayApiGatewayModel;

interface KongGatewayCommon extends GatewayCommon<KongLoadBalancer, KongRouteModel>, Scaling {
  readonly type: "kong";
  readonly namespace: string;
  /** Helm release of the kong/ingress chart; the proxy Service is `<release>-gateway-proxy`. */
  readonly release: string;
}

/** An Ingress of class kong per route, plugins by annotation (the default). */
export interface KongIngressGatewayModel extends KongGatewayCommon {
  readonly routeFormat: "ingress";
}

/**
 * A Gateway API Gateway of the unmanaged GatewayClass kong, served by the chart's proxy; an
 * HTTPRoute per route, plugins as its filters, and ReferenceGrants for backends in other namespaces.
 */
export interface KongGatewayApiGatewayModel extends KongGatewayCommon {
  readonly routeFormat: "gatewayAPI";
  readonly allowedRoutes: AllowedRoutesModel;
}

export type KongGatewayModel = KongIngressGatewayModel | KongGatewayApiGatewayModel;

/**
 * Which namespaces' routes a Gateway API gateway admits: any (the spec says nothing), a list
 * (validation refuses the spec's routes in any other), or a label selector the route
 * namespaces must match, which only the cluster knows.
 */
export type AllowedRoutesModel =
  | { readonly from: "All" }
  | { readonly from: "List"; readonly namespaces: NonEmpty<string> }
  | { readonly from: "Selector"; readonly matchLabels: Readonly<Record<string, string>> };

interface AwsGatewayCommon {
  readonly type: "aws";
  readonly namespace: string;
  readonly listeners: NonEmpty<GatewayListener>;
  readonly allowedRoutes: AllowedRoutesModel;
}

/**
 * A Gateway that ALBC makes into a load balancer of its own: no proxy in between, the Gateway is
 * the load balancer (so only one ALBC makes, never an external one). ALBC runs two Gateway
 * controllers, `gateway.k8s.aws/alb` for HTTPRoute and GRPCRoute and `gateway.k8s.aws/nlb` for
 * TCPRoute, UDPRoute and TLSRoute, and one Gateway never mixes the layers
 * (docs/guide/gateway/gateway.md). `balancer` says which, so that the union narrows on it.
 */
export interface AwsAlbGatewayModel extends AwsGatewayCommon, GatewayCommon<AlbModel, RouteModel | GrpcRouteModel> {
  readonly balancer: "alb";
}

export interface AwsNlbGatewayModel extends AwsGatewayCommon, GatewayCommon<NlbModel, L4RouteModel> {
  readonly balancer: "nlb";
}

export type AwsGatewayModel = AwsAlbGatewayModel | AwsNlbGatewayModel;

export type GatewayModel = AlbGatewayModel | CiliumGatewayModel | IstioGatewayModel | KongGatewayModel | AwsGatewayModel;

export interface DirectServiceModel {
  /** ALBC makes it for this Service (validation refuses `service` on an external NLB). */
  readonly loadBalancer: NlbModel;
  readonly name: string;
  readonly namespace: string;
  readonly selector: Readonly<Record<string, string>>;
  readonly ports: readonly {
    readonly name?: string;
    readonly port: number;
    readonly targetPort: number;
    readonly protocol: "TCP" | "UDP";
  }[];
  readonly selectedBy: ServiceSelection;
}

export type { Backend, GatewayListener, GrpcRule, KongPluginRef, L4Protocol, Listen, RouteRule };
