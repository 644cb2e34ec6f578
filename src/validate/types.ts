// The shape of a spec after it passed the JSON Schema (schema/ingress-spec.schema.json) with its
// static defaults applied. Defaults that depend on the topology (target type, health check,
// listeners, the ALBC service controller, the Gateway API version) stay optional here and are
// resolved by the model, which is the one place that knows the topology.

export type Scheme = "internet-facing" | "internal";
export type TargetType = "ip" | "instance";
export type GatewayType = Gateway["type"];
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
  /** aws gateways only (checks/aws-gateways.ts); the others take annotations. */
  subnets?: string[];
  attributes?: Record<string, string>;
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
  /** TCP, TLS (passthrough) and UDP: cilium, and aws behind an NLB (checks/route-protocols.ts). */
  protocol: "HTTP" | "HTTPS" | L4Protocol;
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

/** Which namespaces may attach routes to a Gateway API gateway: listed, or selected by label. */
export type AllowedRoutes = { namespaces: string[] } | { selector: Record<string, string> };

export interface CiliumGateway extends GatewayCommon {
  type: "cilium";
  allowedRoutes?: AllowedRoutes;
}

/** A Gateway that the AWS Load Balancer Controller makes into its load balancer itself. */
export interface AwsGateway extends GatewayCommon {
  type: "aws";
  allowedRoutes?: AllowedRoutes;
}

/** What an istio gateway's routes render as: VirtualServices (the default) or Gateway API HTTPRoutes. */
export type IstioRouteFormat = "virtualService" | "gatewayAPI";

export interface IstioGateway extends GatewayCommon {
  type: "istio";
  routeFormat?: IstioRouteFormat;
  /** routeFormat gatewayAPI only (checks/role-separation.ts). */
  allowedRoutes?: AllowedRoutes;
  replicas?: number;
  autoscaling?: Autoscaling;
}

/** What a kong gateway's routes render as: Ingresses of class kong (the default) or Gateway API HTTPRoutes. */
export type KongRouteFormat = "ingress" | "gatewayAPI";

export interface KongGateway extends GatewayCommon {
  type: "kong";
  routeFormat?: KongRouteFormat;
  /** routeFormat gatewayAPI only (checks/role-separation.ts). */
  allowedRoutes?: AllowedRoutes;
  replicas?: number;
  autoscaling?: Autoscaling;
}

export interface AlbGateway extends GatewayCommon {
  type: "alb";
  /** What the topology called it when it was hand-written (`import` sets it). */
  knownAs?: string;
}

export type Gateway = CiliumGateway | IstioGateway | KongGateway | AlbGateway | AwsGateway;

/** The protocols whose routes match whatever arrives on a listener port: no host (but TLS's SNI), no path. */
export type L4Protocol = "TCP" | "TLS" | "UDP";

export type RouteProtocol = "HTTP" | "GRPC" | L4Protocol;

/** `namespace`: a Service in another namespace than the route's; istio (a VirtualService reaches any namespace of the mesh), cilium and aws (through a ReferenceGrant). */
export interface Backend {
  service: string;
  port: number;
  namespace?: string;
}

/** A rule of an HTTP route. */
export interface RouteRule {
  path: string;
  pathType: "Prefix" | "Exact";
  backend: Backend;
}

/** A rule of a GRPC route: a gRPC service (and method), or every call when absent. */
export interface GrpcRule {
  grpcMethod?: { service: string; method?: string };
  backend: Backend;
}

/** The rule of a TCP, TLS or UDP route: what arrives on the gateway's listener `port` goes to the backend. */
export interface PortRule {
  port: number;
  backend: Backend;
}

export interface KongPluginRef {
  name: string;
  config: Record<string, unknown>;
}

interface RouteCommon {
  name: string;
  namespace: string;
  gateway: string;
  hosts?: string[];
  plugins?: KongPluginRef[];
}

export interface HttpRoute extends RouteCommon {
  protocol: "HTTP";
  rules: RouteRule[];
}

export interface GrpcRoute extends RouteCommon {
  protocol: "GRPC";
  rules: GrpcRule[];
}

/** The schema holds it to one rule (TCPRoute, TLSRoute and UDPRoute v1 have exactly one). */
export interface L4Route extends RouteCommon {
  protocol: L4Protocol;
  rules: PortRule[];
}

export type Route = HttpRoute | GrpcRoute | L4Route;
