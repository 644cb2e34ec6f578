// The shape of a spec after it passed the JSON Schema (schema/ingress-spec.schema.json) with its
// static defaults applied. Defaults that depend on the topology (target type, health check,
// listeners, the ALBC service controller, the Gateway API version) stay optional here and are
// resolved by the model, which is the one place that knows the topology.

export type Scheme = "internet-facing" | "internal";
export type TargetType = "ip" | "instance";
export type GatewayType = "cilium" | "istio" | "kong" | "alb";
export type LoadBalancerType = "alb" | "nlb";

export interface IngressSpec {
  apiVersion: "ingress-gitops/v1alpha1";
  kind: "IngressSpec";
  metadata: { name: string };
  cluster: { name: string; region: string; vpcId?: string };
  gitops: { repoURL: string; targetRevision: string; path: string };
  argocd: ArgoCDSettings;
  controllers: Controllers;
  loadBalancers: LoadBalancer[];
  gateways: Gateway[];
  routes: Route[];
}

export interface ArgoCDSettings {
  namespace: string;
  project: string;
  applicationSet: boolean;
  destination: { server: string } | { name: string };
  syncPolicy: { automated: boolean; prune: boolean; selfHeal: boolean };
}

export type HelmValues = Record<string, unknown>;

export interface Controllers {
  gatewayAPI?: { version?: string; channel: "standard" | "experimental" };
  awsLoadBalancerController?: AwsLoadBalancerControllerSettings;
  cilium?: CiliumSettings;
  istio?: { chartVersion: string; values: HelmValues };
  kong?: { chartVersion: string; values: HelmValues };
}

/** chaining and eni: ingress-gitops installs Cilium; preinstalled: it is already on the cluster. */
export type CiliumInstall = "chaining" | "eni" | "preinstalled";

export interface CiliumSettings {
  chartVersion: string;
  kubeProxyReplacement: boolean;
  install: CiliumInstall;
  apiServer?: { host: string; port: number };
  values: HelmValues;
}

export interface AwsLoadBalancerControllerSettings {
  chartVersion: string;
  namespace: string;
  serviceAccount: { name: string; roleArn?: string };
  serviceController?: boolean;
  values: HelmValues;
}

export interface Listen {
  protocol: "HTTP" | "HTTPS" | "TCP" | "TLS" | "UDP" | "TCP_UDP";
  port: number;
}

export interface HealthCheck {
  path?: string;
  port?: string | number;
  protocol?: "HTTP" | "HTTPS" | "TCP";
}

export interface ExternalBinding {
  targetGroupArn: string;
  securityGroupId?: string;
}

export interface DirectService {
  name: string;
  namespace: string;
  selector: Record<string, string>;
  ports: { name?: string; port: number; targetPort?: number; protocol: "TCP" | "UDP" }[];
  selectedBy: ServiceSelection;
}

/** How ALBC is told a Service is its own: by spec.loadBalancerClass, or by annotations alone. */
export type ServiceSelection = "loadBalancerClass" | "annotation";

interface LoadBalancerCommon {
  name: string;
  /** What the topology called it when it was hand-written (`import` sets it). */
  knownAs?: string;
  scheme: Scheme;
  targetType?: TargetType;
  listen?: Listen[];
  certificateArns?: string[];
  sslPolicy?: string;
  securityGroups?: string[];
  inboundCidrs?: string[];
  healthCheck?: HealthCheck;
  external?: ExternalBinding;
  annotations: Record<string, string>;
}

export interface AlbLoadBalancer extends LoadBalancerCommon {
  type: "alb";
  wafAclArn?: string;
  groupName?: string;
}

export interface NlbLoadBalancer extends LoadBalancerCommon {
  type: "nlb";
  preserveClientIp?: boolean;
  service?: DirectService;
}

export type LoadBalancer = AlbLoadBalancer | NlbLoadBalancer;

export interface GatewayListener {
  name: string;
  protocol: "HTTP" | "HTTPS";
  port: number;
  hostname?: string;
  tls?: { secretName: string };
}

interface GatewayCommon {
  name: string;
  namespace?: string;
  loadBalancer: string;
  listeners?: GatewayListener[];
}

export interface Autoscaling {
  minReplicas: number;
  maxReplicas: number;
}

export interface CiliumGateway extends GatewayCommon {
  type: "cilium";
}

export interface IstioGateway extends GatewayCommon {
  type: "istio";
  replicas?: number;
  autoscaling?: Autoscaling;
}

export interface KongGateway extends GatewayCommon {
  type: "kong";
  replicas?: number;
  autoscaling?: Autoscaling;
}

export interface AlbGateway extends GatewayCommon {
  type: "alb";
  /** What the topology called it when it was hand-written (`import` sets it). */
  knownAs?: string;
}

export type Gateway = CiliumGateway | IstioGateway | KongGateway | AlbGateway;

export interface RouteRule {
  path: string;
  pathType: "Prefix" | "Exact";
  /** `namespace`: istio gateways only (a VirtualService reaches any namespace of the mesh). */
  backend: { service: string; port: number; namespace?: string };
}

export interface KongPluginRef {
  name: string;
  config: Record<string, unknown>;
}

export interface Route {
  name: string;
  namespace: string;
  gateway: string;
  hosts?: string[];
  rules: RouteRule[];
  plugins?: KongPluginRef[];
}
