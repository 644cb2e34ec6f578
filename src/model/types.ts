// The normalized model: every default resolved, every reference an object, one union member
// per gateway type. Providers render from this and never look at the raw spec.
import type { Channel, GatewayApiRelease } from "../controllers/gateway-api.ts";
import type {
  ArgoCDSettings,
  GatewayListener,
  HealthCheck,
  HelmValues,
  KongPluginRef,
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
  readonly routes: readonly RouteModel[];
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
  readonly kong?: { readonly chartVersion: string; readonly values: HelmValues };
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

export interface LoadBalancerModel {
  readonly name: string;
  readonly type: "alb" | "nlb";
  readonly source: SpecEntry;
  readonly scheme: Scheme;
  readonly targetType: TargetType;
  readonly listen: readonly Listen[];
  readonly certificateArns: readonly string[];
  readonly sslPolicy?: string;
  readonly wafAclArn?: string;
  readonly securityGroups: readonly string[];
  readonly inboundCidrs: readonly string[];
  /** The IngressGroup: the spec's, or the load balancer's name when several Ingresses share it. */
  readonly groupName?: string;
  /** As the spec sets it; what a proxy behind the load balancer needs is added where it is fronted. */
  readonly healthCheck: ResolvedHealthCheck;
  readonly preserveClientIp: boolean;
  readonly external?: { readonly targetGroupArn: string; readonly securityGroupId?: string };
  readonly annotations: Readonly<Record<string, string>>;
}

export interface RouteModel {
  readonly name: string;
  readonly namespace: string;
  readonly source: SpecEntry;
  readonly gateway: string;
  /** Absent: any host. */
  readonly hosts?: readonly string[];
  readonly rules: readonly RouteRule[];
  readonly plugins: readonly KongPluginRef[];
}

interface GatewayCommon {
  readonly name: string;
  readonly source: SpecEntry;
  readonly loadBalancer: LoadBalancerModel;
  readonly routes: readonly RouteModel[];
}

export interface AlbGatewayModel extends GatewayCommon {
  readonly type: "alb";
}

export interface CiliumGatewayModel extends GatewayCommon {
  readonly type: "cilium";
  readonly namespace: string;
  readonly listeners: readonly GatewayListener[];
}

export interface Scaling {
  readonly replicas?: number;
  readonly autoscaling?: { readonly minReplicas: number; readonly maxReplicas: number };
}

export interface IstioGatewayModel extends GatewayCommon, Scaling {
  readonly type: "istio";
  readonly namespace: string;
  readonly listeners: readonly GatewayListener[];
  /** Helm release of the istio/gateway chart; also the name of its Deployment and Service. */
  readonly release: string;
}

export interface KongGatewayModel extends GatewayCommon, Scaling {
  readonly type: "kong";
  readonly namespace: string;
  /** Helm release of the kong/ingress chart; the proxy Service is `<release>-gateway-proxy`. */
  readonly release: string;
}

export type GatewayModel = AlbGatewayModel | CiliumGatewayModel | IstioGatewayModel | KongGatewayModel;

export interface DirectServiceModel {
  readonly loadBalancer: LoadBalancerModel;
  readonly name: string;
  readonly namespace: string;
  readonly selector: Readonly<Record<string, string>>;
  readonly ports: readonly {
    readonly name?: string;
    readonly port: number;
    readonly targetPort: number;
    readonly protocol: "TCP" | "UDP";
  }[];
}

export type { GatewayListener, KongPluginRef, Listen, RouteRule };
