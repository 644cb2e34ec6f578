// Hand-written, correct documents of every kind validateManifest supports, as a renderer
// would emit them. Tests copy one and break it in a single place.
import type { ValidationContext } from "../../src/verify/index.ts";

export type Doc = Record<string, unknown>;

export const GATEWAY_CTX: ValidationContext = { gatewayAPI: { version: "v1.2.1", channel: "standard" } };

export const service: Doc = {
  apiVersion: "v1",
  kind: "Service",
  metadata: {
    name: "web",
    namespace: "apps",
    labels: { app: "web" },
    annotations: { "service.beta.kubernetes.io/aws-load-balancer-type": "external" },
  },
  spec: { type: "LoadBalancer", selector: { app: "web" }, ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }] },
};

export const gateway: Doc = {
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "Gateway",
  metadata: { name: "public", namespace: "infra" },
  spec: {
    gatewayClassName: "cilium",
    listeners: [
      { name: "http", protocol: "HTTP", port: 80, allowedRoutes: { namespaces: { from: "All" } } },
      {
        name: "https",
        protocol: "HTTPS",
        port: 443,
        hostname: "*.example.com",
        tls: { mode: "Terminate", certificateRefs: [{ kind: "Secret", name: "tls" }] },
      },
    ],
  },
};

export const httpRoute: Doc = {
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "HTTPRoute",
  metadata: { name: "web", namespace: "apps" },
  spec: {
    parentRefs: [{ name: "public", namespace: "infra", sectionName: "https" }],
    hostnames: ["a.example.com"],
    rules: [{ matches: [{ path: { type: "PathPrefix", value: "/api" } }], backendRefs: [{ name: "web", port: 80, weight: 1 }] }],
  },
};

export const application: Doc = {
  apiVersion: "argoproj.io/v1alpha1",
  kind: "Application",
  metadata: { name: "ingress", namespace: "argocd" },
  spec: {
    project: "default",
    source: { repoURL: "https://github.com/example/gitops", path: "clusters/prod/ingress", targetRevision: "main" },
    destination: { server: "https://kubernetes.default.svc", namespace: "ingress" },
    syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ["CreateNamespace=true"] },
  },
};

/** One valid document per supported kind, with the context it needs. */
export const VALID: readonly { doc: Doc; ctx?: ValidationContext }[] = [
  { doc: service },
  { doc: { apiVersion: "v1", kind: "Namespace", metadata: { name: "apps", labels: { "istio-injection": "enabled" } } } },
  {
    doc: {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "tls", namespace: "apps" },
      type: "kubernetes.io/tls",
      data: { "tls.crt": "Zm9v", "tls.key": "YmFy" },
    },
  },
  { doc: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "apps" }, data: { mode: "strict" } } },
  {
    doc: {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { name: "web", namespace: "apps", annotations: { "alb.ingress.kubernetes.io/scheme": "internet-facing" } },
      spec: {
        ingressClassName: "alb",
        tls: [{ hosts: ["a.example.com"], secretName: "tls" }],
        rules: [
          {
            host: "a.example.com",
            http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] },
          },
        ],
      },
    },
  },
  {
    doc: {
      apiVersion: "networking.k8s.io/v1",
      kind: "IngressClass",
      metadata: { name: "alb" },
      spec: { controller: "ingress.k8s.aws/alb", parameters: { apiGroup: "elbv2.k8s.aws", kind: "IngressClassParams", name: "alb" } },
    },
  },
  {
    doc: {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "GatewayClass",
      metadata: { name: "cilium" },
      spec: { controllerName: "io.cilium/gateway-controller" },
    },
    ctx: GATEWAY_CTX,
  },
  { doc: gateway, ctx: GATEWAY_CTX },
  { doc: httpRoute, ctx: GATEWAY_CTX },
  {
    doc: {
      apiVersion: "gateway.networking.k8s.io/v1beta1",
      kind: "ReferenceGrant",
      metadata: { name: "routes-to-apps", namespace: "apps" },
      spec: { from: [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute", namespace: "infra" }], to: [{ group: "", kind: "Service" }] },
    },
    ctx: GATEWAY_CTX,
  },
  {
    doc: {
      apiVersion: "networking.istio.io/v1",
      kind: "Gateway",
      metadata: { name: "public", namespace: "istio-ingress" },
      spec: {
        selector: { istio: "ingressgateway" },
        servers: [
          {
            port: { number: 443, name: "https", protocol: "HTTPS" },
            hosts: ["*.example.com"],
            tls: { mode: "SIMPLE", credentialName: "tls" },
          },
        ],
      },
    },
  },
  {
    doc: {
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: "web", namespace: "apps" },
      spec: {
        hosts: ["a.example.com"],
        gateways: ["istio-ingress/public"],
        http: [
          {
            match: [{ uri: { prefix: "/api" } }],
            route: [{ destination: { host: "web.apps.svc.cluster.local", port: { number: 80 } }, weight: 100 }],
            timeout: "10s",
          },
        ],
      },
    },
  },
  {
    doc: {
      apiVersion: "elbv2.k8s.aws/v1beta1",
      kind: "TargetGroupBinding",
      metadata: { name: "web", namespace: "apps" },
      spec: {
        serviceRef: { name: "web", port: 80 },
        targetGroupARN: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef",
        targetType: "ip",
      },
    },
  },
  {
    doc: {
      apiVersion: "elbv2.k8s.aws/v1beta1",
      kind: "IngressClassParams",
      metadata: { name: "alb" },
      spec: { scheme: "internet-facing", group: { name: "shared" }, ipAddressType: "ipv4" },
    },
  },
  {
    doc: {
      apiVersion: "configuration.konghq.com/v1",
      kind: "KongPlugin",
      metadata: { name: "rate-limit", namespace: "apps" },
      plugin: "rate-limiting",
      config: { minute: 5, policy: "local" },
    },
  },
  {
    doc: {
      apiVersion: "configuration.konghq.com/v1",
      kind: "KongClusterPlugin",
      metadata: { name: "cors", labels: { global: "true" }, annotations: { "kubernetes.io/ingress.class": "kong" } },
      plugin: "cors",
      config: { origins: ["*"] },
    },
  },
  { doc: application },
  {
    doc: {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "ApplicationSet",
      metadata: { name: "ingress", namespace: "argocd" },
      spec: {
        generators: [{ list: { elements: [{ cluster: "prod", url: "https://prod.example.com" }] } }],
        template: {
          metadata: { name: "{{cluster}}-ingress" },
          spec: {
            project: "default",
            source: { repoURL: "https://github.com/example/gitops", path: "clusters/{{cluster}}", targetRevision: "main" },
            destination: { server: "{{url}}", namespace: "ingress" },
          },
        },
      },
    },
  },
  {
    doc: {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "AppProject",
      metadata: { name: "ingress", namespace: "argocd" },
      spec: {
        description: "ingress controllers and routes",
        sourceRepos: ["https://github.com/example/gitops"],
        destinations: [{ server: "https://kubernetes.default.svc", namespace: "*" }],
        clusterResourceWhitelist: [{ group: "*", kind: "*" }],
      },
    },
  },
];

export const REMOVE = Symbol("remove");

/**
 * A deep copy of `doc` with the value at a JSON pointer replaced (or removed, with REMOVE),
 * creating missing objects on the way, so fixtures stay untouched.
 */
export function changed(doc: Doc, pointer: string, value: unknown): Doc {
  const copy = structuredClone(doc);
  const tokens = pointer.split("/").slice(1);
  const last = tokens.pop();
  if (last === undefined) throw new Error("changed() needs a pointer below the root");
  let node: Record<string, unknown> = copy;
  for (const token of tokens) {
    const next = node[token] ?? {};
    node[token] = next;
    node = next as Record<string, unknown>;
  }
  if (value === REMOVE) Reflect.deleteProperty(node, last);
  else node[last] = value;
  return copy;
}
