// The single list of upstream schemas ingress-gitops validates against: where each one comes
// from under the shared schema collection (read by scripts/vendor-upstream-schemas.ts) and
// where its pruned copy lives under schema/upstream/ (read at run time). Keeping both sides
// here means the vendoring script and the validator cannot disagree about a file.
import {
  GATEWAY_API_CHANNELS,
  GATEWAY_API_RELEASES,
  ROUTE_VERSIONS,
  servesRouteKind,
  type Channel,
  type GatewayApiRelease,
  type RouteKind,
} from "../controllers/gateway-api.ts";
import { compareText } from "../compare-text.ts";
import { albcGatewayApiVersion } from "../controllers/albc.ts";

/** A kind whose schema is one version of a CustomResourceDefinition. */
export interface CrdSchema {
  readonly apiVersion: string;
  readonly kind: string;
  /** Family key and version that select this entry, e.g. "gateway-api" "v1.2.1/standard". */
  readonly family: CrdFamily;
  readonly familyVersion: string;
  /** YAML file under shared/schemas holding the CRD. */
  readonly source: string;
  /** Pruned `openAPIV3Schema` under schema/upstream. */
  readonly vendored: string;
}

/** A built-in kind whose schema is a `components.schemas` entry of the Kubernetes OpenAPI v3 spec. */
export interface CoreSchema {
  readonly apiVersion: string;
  readonly kind: string;
  readonly definition: string;
  readonly document: CoreDocument;
}

export interface CoreDocument {
  readonly source: string;
  readonly vendored: string;
  /** Definitions vendored together with their `$ref` closure. */
  readonly roots: readonly string[];
}

export type CrdFamily = "gateway-api" | "argo-cd" | "aws-load-balancer-controller" | "istio" | "kong";

export const KUBERNETES_VERSION = "1.35";
export const OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

const coreApiV1: CoreDocument = {
  source: `core/kubernetes/${KUBERNETES_VERSION}/api__v1_openapi.json`,
  vendored: `core/kubernetes-${KUBERNETES_VERSION}/api-v1.json`,
  roots: [
    "io.k8s.api.core.v1.ConfigMap",
    "io.k8s.api.core.v1.Namespace",
    "io.k8s.api.core.v1.Secret",
    "io.k8s.api.core.v1.Service",
    OBJECT_META,
  ],
};
const coreNetworkingV1: CoreDocument = {
  source: `core/kubernetes/${KUBERNETES_VERSION}/apis__networking.k8s.io__v1_openapi.json`,
  vendored: `core/kubernetes-${KUBERNETES_VERSION}/apis-networking.k8s.io-v1.json`,
  roots: ["io.k8s.api.networking.v1.Ingress", "io.k8s.api.networking.v1.IngressClass"],
};
export const CORE_DOCUMENTS: readonly CoreDocument[] = [coreApiV1, coreNetworkingV1];
/** CRD schemas leave `metadata` open; it is checked against this document's ObjectMeta. */
export const OBJECT_META_DOCUMENT = coreApiV1;

export const CORE_SCHEMAS: readonly CoreSchema[] = [
  ...coreApiV1.roots
    .filter((d) => d !== OBJECT_META)
    .map((definition) => ({
      apiVersion: "v1",
      kind: definition.slice(definition.lastIndexOf(".") + 1),
      definition,
      document: coreApiV1,
    })),
  ...coreNetworkingV1.roots.map((definition) => ({
    apiVersion: "networking.k8s.io/v1",
    kind: definition.slice(definition.lastIndexOf(".") + 1),
    definition,
    document: coreNetworkingV1,
  })),
];

export const ARGOCD_VERSIONS = ["v3.5.1", "v2.14.21"] as const;
export const ALBC_VERSIONS = ["v3.5.0", "v2.17.1"] as const;
export const ISTIO_VERSION = "1.30.3";
export const KONG_CRDS_VERSION = "chart-kong-3.4.1";

function crd(family: CrdFamily, familyVersion: string, apiVersion: string, kind: string, source: string): CrdSchema {
  const version = apiVersion.slice(apiVersion.indexOf("/") + 1);
  return { family, familyVersion, apiVersion, kind, source, vendored: `crds/${family}/${familyVersion}/${kind}.${version}.json` };
}

const gatewayApiKinds: readonly (readonly [kind: string, plural: string, version: string])[] = [
  ["Gateway", "gateways", "v1"],
  ["GatewayClass", "gatewayclasses", "v1"],
  ["HTTPRoute", "httproutes", "v1"],
  ["ReferenceGrant", "referencegrants", "v1beta1"],
];

/** Route kinds beyond HTTPRoute, each vendored at every version a release and channel serves. */
const gatewayApiRouteKinds: readonly (readonly [kind: RouteKind, plural: string])[] = [
  ["GRPCRoute", "grpcroutes"],
  ["TCPRoute", "tcproutes"],
  ["TLSRoute", "tlsroutes"],
  ["UDPRoute", "udproutes"],
];

/**
 * Gateway API CRDs of `kinds` at every pinned release and channel, at each version `versionsOf`
 * says that release and channel serve (a kind's row may carry more than its kind and plural).
 */
function gatewayApiCrds<K extends readonly [kind: string, plural: string, ...rest: string[]]>(
  kinds: readonly K[],
  versionsOf: (release: GatewayApiRelease, channel: Channel, row: K) => readonly string[],
): CrdSchema[] {
  return GATEWAY_API_RELEASES.flatMap((release) =>
    GATEWAY_API_CHANNELS.flatMap((channel) =>
      kinds.flatMap((row) =>
        versionsOf(release, channel, row).map((version) =>
          crd(
            "gateway-api",
            `${release}/${channel}`,
            `gateway.networking.k8s.io/${version}`,
            row[0],
            `crds/gateway-api/${release}/${channel}/gateway.networking.k8s.io_${row[1]}.yaml`,
          ),
        ),
      ),
    ),
  );
}

/** ALBC's CRDs of one API group at every pinned release, at the version `apiVersionOf` says that release serves. */
function albcCrds(
  group: string,
  apiVersionOf: (release: string) => string,
  kinds: readonly (readonly [kind: string, plural: string])[],
): CrdSchema[] {
  return ALBC_VERSIONS.flatMap((release) =>
    kinds.map(([kind, plural]) =>
      crd(
        "aws-load-balancer-controller",
        release,
        apiVersionOf(release),
        kind,
        `crds/aws-load-balancer-controller/${release}/${group}_${plural}.yaml`,
      ),
    ),
  );
}

export const CRD_SCHEMAS: readonly CrdSchema[] = [
  ...gatewayApiCrds(gatewayApiRouteKinds, (release, channel, [kind]) =>
    ROUTE_VERSIONS.filter((version) => servesRouteKind(release, channel, kind, version)),
  ),
  ...gatewayApiCrds(gatewayApiKinds, (_release, _channel, [, , version]) => [version]),
  ...ARGOCD_VERSIONS.flatMap((release) =>
    (["Application", "ApplicationSet", "AppProject"] as const).map((kind) =>
      crd("argo-cd", release, "argoproj.io/v1alpha1", kind, `crds/argo-cd/${release}/${kind.toLowerCase()}-crd.yaml`),
    ),
  ),
  ...albcCrds("elbv2.k8s.aws", () => "elbv2.k8s.aws/v1beta1", [
    ["TargetGroupBinding", "targetgroupbindings"],
    ["IngressClassParams", "ingressclassparams"],
  ]),
  // ALBC's Gateway API CRDs, at the version each release serves (see albcGatewayApiVersion).
  ...albcCrds("gateway.k8s.aws", albcGatewayApiVersion, [
    ["LoadBalancerConfiguration", "loadbalancerconfigurations"],
    ["TargetGroupConfiguration", "targetgroupconfigurations"],
  ]),
  crd("istio", ISTIO_VERSION, "networking.istio.io/v1", "Gateway", `crds/istio/${ISTIO_VERSION}/gateways.networking.istio.io.yaml`),
  crd(
    "istio",
    ISTIO_VERSION,
    "networking.istio.io/v1",
    "VirtualService",
    `crds/istio/${ISTIO_VERSION}/virtualservices.networking.istio.io.yaml`,
  ),
  crd(
    "kong",
    KONG_CRDS_VERSION,
    "configuration.konghq.com/v1",
    "KongPlugin",
    `crds/kong/${KONG_CRDS_VERSION}/kongplugins.configuration.konghq.com.yaml`,
  ),
  crd(
    "kong",
    KONG_CRDS_VERSION,
    "configuration.konghq.com/v1",
    "KongClusterPlugin",
    `crds/kong/${KONG_CRDS_VERSION}/kongclusterplugins.configuration.konghq.com.yaml`,
  ),
];

/** How a chart's values are checked: against its own JSON Schema, or key by key against its values.yaml. */
export type ChartValuesCheck =
  | {
      readonly by: "schema";
      readonly source: string;
      readonly vendored: string;
      /** Keys the chart's values.yaml documents only as comments, so its generated schema lacks them. */
      readonly commentedKeys?: readonly (readonly string[])[];
    }
  | {
      readonly by: "defaults";
      readonly source: string;
      readonly vendored: string;
      /** Subchart aliases whose block is the subchart's values, merged with the parent's overrides. */
      readonly subcharts?: Readonly<Record<string, { readonly source: string; readonly vendored: string }>>;
    };

export interface ChartVersion {
  readonly chart: string;
  readonly version: string;
  readonly check: ChartValuesCheck;
}

function valuesOf(chart: string, version: string): { source: string; vendored: string } {
  return { source: `helm/${chart}/chart-${version}/values.yaml`, vendored: `helm/${chart}/${version}/values.json` };
}
function schemaOf(chart: string, version: string): ChartValuesCheck {
  return {
    by: "schema",
    source: `helm/${chart}/chart-${version}/values.schema.json`,
    vendored: `helm/${chart}/${version}/values.schema.json`,
  };
}

const kongSubchart = valuesOf("kong", "3.2.0");

export const CHART_VERSIONS: readonly ChartVersion[] = [
  ...["3.5.0", "1.17.1"].map((version) => ({
    chart: "aws-load-balancer-controller",
    version,
    check: { by: "defaults", ...valuesOf("aws-load-balancer-controller", version) } as const,
  })),
  // values.yaml (1.18.12:1172, 1.19.6:1339, 1.20.0:1386): "# hostNamespaceOnly: false" under socketLB,
  // "Disable socket lb for non-root ns. This is used to enable Istio routing rules".
  ...["1.18.12", "1.19.6", "1.20.0"].map((version) => ({
    chart: "cilium",
    version,
    check: { ...schemaOf("cilium", version), commentedKeys: [["socketLB", "hostNamespaceOnly"]] },
  })),
  { chart: "istio-base", version: ISTIO_VERSION, check: { by: "defaults", ...valuesOf("istio-base", ISTIO_VERSION) } },
  { chart: "istiod", version: ISTIO_VERSION, check: { by: "defaults", ...valuesOf("istiod", ISTIO_VERSION) } },
  { chart: "istio-gateway", version: ISTIO_VERSION, check: schemaOf("istio-gateway", ISTIO_VERSION) },
  {
    chart: "kong-ingress",
    version: "0.24.0",
    check: { by: "defaults", ...valuesOf("kong-ingress", "0.24.0"), subcharts: { controller: kongSubchart, gateway: kongSubchart } },
  },
];

export interface VendoredFile {
  readonly source: string;
  readonly vendored: string;
  readonly kind: "crd" | "core" | "helm-schema" | "helm-values";
}

/** Every vendored file with its source, each once (the kong subchart serves two aliases). */
export function vendoredFiles(): VendoredFile[] {
  const files = new Map<string, VendoredFile>();
  for (const d of CORE_DOCUMENTS) files.set(d.vendored, { source: d.source, vendored: d.vendored, kind: "core" });
  for (const c of CRD_SCHEMAS) files.set(c.vendored, { source: c.source, vendored: c.vendored, kind: "crd" });
  for (const { check } of CHART_VERSIONS) {
    if (check.by === "schema") {
      files.set(check.vendored, { source: check.source, vendored: check.vendored, kind: "helm-schema" });
      continue;
    }
    files.set(check.vendored, { source: check.source, vendored: check.vendored, kind: "helm-values" });
    for (const sub of Object.values(check.subcharts ?? {})) files.set(sub.vendored, { ...sub, kind: "helm-values" });
  }
  return [...files.values()].sort((a, b) => compareText(a.vendored, b.vendored));
}
