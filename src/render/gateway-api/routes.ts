// What every Gateway API gateway renders the same way, whichever controller serves it: the
// listeners' allowedRoutes, a route object per route (HTTPRoute, GRPCRoute, or TCPRoute, TLSRoute
// or UDPRoute), and the ReferenceGrants its routes' backends in other namespaces need.
import { compareText } from "../../compare-text.ts";
import { L4_ROUTE_KIND, type L4RouteKind, type RouteKind, type RouteVersion } from "../../controllers/gateway-api.ts";
import { groupBy } from "../../group-by.ts";
import { encodeLabels, HINTS } from "../../hints.ts";
import type {
  AllowedRoutesModel,
  Backend,
  GatewayApiRouteModel,
  GatewayListener,
  GrpcRouteModel,
  L4RouteModel,
  RouteModel,
} from "../../model/types.ts";
import { gatewayApp, type Manifest } from "../provider.ts";
import type { TemplateName, TemplateSet } from "../templates.ts";

/** A Gateway API gateway as its routes see it. */
export interface RoutedGateway<Route extends GatewayApiRouteModel = GatewayApiRouteModel> {
  readonly name: string;
  readonly namespace: string;
  readonly source: string;
  readonly routes: readonly Route[];
}

/** An HTTPRoute rule filter (gateway-api apis/v1/httproute_types.go HTTPRouteFilter), as the template writes it. */
export type HttpRouteFilter = { readonly type: "ExtensionRef"; readonly extensionRef: { group: string; kind: string; name: string } };

/** The version of each L4 route kind that the gateway's controller reads (controllers/albc.ts, controllers/cilium.ts). */
export type L4Versions = (kind: L4RouteKind) => RouteVersion;

/**
 * Gateway API's allowedRoutes.namespaces: a list becomes a selector on the label the API server
 * puts on every namespace, `kubernetes.io/metadata.name` (Kubernetes 1.22+, NamespaceDefaultLabelName).
 */
export function allowedNamespaces(allowed: AllowedRoutesModel): Record<string, unknown> {
  switch (allowed.from) {
    case "All":
      return { from: "All" };
    case "Selector":
      return { from: "Selector", selector: { matchLabels: allowed.matchLabels } };
    case "List":
      return {
        from: "Selector",
        selector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: allowed.namespaces }] },
      };
  }
}

/** The Gateway's listeners as the gateway template takes them. */
export function gatewayListeners(listeners: readonly GatewayListener[], allowed: AllowedRoutesModel) {
  const namespaces = allowedNamespaces(allowed);
  return listeners.map((l) => ({
    name: l.name,
    protocol: l.protocol,
    port: l.port,
    hostname: l.hostname ?? null,
    tlsSecret: l.tls?.secretName ?? null,
    // A TLS listener here passes TLS through, choosing the route by SNI; Gateway API requires its mode.
    passthrough: l.protocol === "TLS",
    allowedNamespaces: namespaces,
  }));
}

/** How a controller takes a gateway's routes beyond HTTPRoute. */
export interface RouteOptions {
  readonly l4Versions: L4Versions;
  /** The listeners a GRPCRoute attaches to by sectionName; absent: every listener that admits it. */
  readonly grpcListeners?: readonly string[];
  /** Which namespaces the gateway admits, so that each route says what its Namespace must carry. */
  readonly allowedRoutes?: AllowedRoutesModel;
}

/**
 * A Gateway that admits namespaces by label admits a route only if its Namespace carries those
 * labels; ingress-gitops renders no Namespace (validation tells what to label), so each route says
 * which labels the spec counts on, for the topology of these files to read it as admitted.
 */
export function routeAnnotations(allowed: AllowedRoutesModel | undefined): Record<string, string> | null {
  if (allowed?.from !== "Selector") return null;
  return { [HINTS.namespaceLabels]: encodeLabels(allowed.matchLabels) };
}

/** Every route object of the gateway, each of its protocol's kind. */
export function gatewayRoutes(templates: TemplateSet, gateway: RoutedGateway, options: RouteOptions): Manifest[] {
  const annotations = routeAnnotations(options.allowedRoutes);
  return [
    ...httpRoutes(templates, gateway, annotations),
    ...grpcRoutes(templates, gateway, options.grpcListeners, annotations),
    ...l4Routes(templates, gateway, options.l4Versions, annotations),
  ];
}

function backendRef(backend: Backend) {
  return { service: backend.service, serviceNamespace: backend.namespace ?? null, port: backend.port };
}

function parent(gateway: RoutedGateway) {
  return { gatewayName: gateway.name, gatewayNamespace: gateway.namespace };
}

/** An HTTPRoute per HTTP route; `filters` gives the filters every rule of a route applies. */
export function httpRoutes<Route extends GatewayApiRouteModel>(
  templates: TemplateSet,
  gateway: RoutedGateway<Route>,
  annotations: Record<string, string> | null = null,
  filters: (route: Route & RouteModel) => readonly HttpRouteFilter[] = () => [],
): Manifest[] {
  return gateway.routes
    .filter((route): route is Route & RouteModel => route.protocol === "HTTP")
    .map((route) => ({
      source: route.source,
      app: gatewayApp(gateway),
      object: templates.render("httproute", {
        name: route.name,
        namespace: route.namespace,
        annotations,
        ...parent(gateway),
        hostnames: route.hosts ?? null,
        rules: route.rules.map((rule) => ({
          pathType: rule.pathType === "Prefix" ? "PathPrefix" : "Exact",
          path: rule.path,
          filters: filters(route),
          ...backendRef(rule.backend),
        })),
      }),
    }));
}

/**
 * GRPCRoute v1 (gateway-api site/content/en/api-types/grpcroute.md): a method match is Exact
 * unless it says otherwise. Attached to `grpcListeners` when the gateway names them, else to every
 * listener that admits it.
 */
function grpcRoutes(
  templates: TemplateSet,
  gateway: RoutedGateway,
  grpcListeners: readonly string[] | undefined,
  annotations: Record<string, string> | null,
): Manifest[] {
  return gateway.routes
    .filter((route): route is GrpcRouteModel => route.protocol === "GRPC")
    .map((route) => ({
      source: route.source,
      app: gatewayApp(gateway),
      object: templates.render("grpcroute", {
        name: route.name,
        namespace: route.namespace,
        annotations,
        parentRefs: (grpcListeners ?? [null]).map((sectionName) => ({ name: gateway.name, namespace: gateway.namespace, sectionName })),
        hostnames: route.hosts ?? null,
        rules: route.rules.map((rule) => ({
          ...backendRef(rule.backend),
          method: rule.grpcMethod === undefined ? null : { type: "Exact", ...rule.grpcMethod },
        })),
      }),
    }));
}

const L4_TEMPLATE = { TCPRoute: "tcproute", TLSRoute: "tlsroute", UDPRoute: "udproute" } as const satisfies Record<
  L4RouteKind,
  TemplateName
>;

function l4Routes(
  templates: TemplateSet,
  gateway: RoutedGateway,
  l4Versions: L4Versions,
  annotations: Record<string, string> | null,
): Manifest[] {
  return gateway.routes
    .filter((route): route is L4RouteModel => route.protocol !== "HTTP" && route.protocol !== "GRPC")
    .map((route) => {
      const kind = L4_ROUTE_KIND[route.protocol];
      return {
        source: route.source,
        app: gatewayApp(gateway),
        object: templates.render(L4_TEMPLATE[kind], {
          apiVersion: `gateway.networking.k8s.io/${l4Versions(kind)}`,
          name: route.name,
          namespace: route.namespace,
          annotations,
          ...parent(gateway),
          sectionName: route.listener.name,
          ...(route.protocol === "TLS" ? { hostnames: route.hosts } : {}),
          ...backendRef(route.backend),
        }),
      };
    });
}

function routeKind(route: GatewayApiRouteModel): RouteKind {
  switch (route.protocol) {
    case "HTTP":
      return "HTTPRoute";
    case "GRPC":
      return "GRPCRoute";
    default:
      return L4_ROUTE_KIND[route.protocol];
  }
}

/** The backends a route sends to, whatever its protocol. */
export function routeBackends(route: GatewayApiRouteModel): readonly Backend[] {
  return route.protocol === "HTTP" || route.protocol === "GRPC" ? route.rules.map((r) => r.backend) : [route.backend];
}

/**
 * A route may send to a Service of another namespace only when that namespace grants it
 * (gateway-api site/content/en/api-types/referencegrant.md): one ReferenceGrant per namespace
 * the gateway's routes come from, naming exactly the Services they reach.
 */
export function referenceGrants(templates: TemplateSet, gateway: RoutedGateway): Manifest[] {
  const crossings = gateway.routes.flatMap((route) =>
    routeBackends(route).flatMap((backend) => {
      const target = backend.namespace;
      return target === undefined || target === route.namespace
        ? []
        : [{ from: route.namespace, to: target, service: backend.service, kind: routeKind(route), source: route.source }];
    }),
  );
  return [...groupBy(crossings, (c) => `${c.to} ${c.from}`).values()].flatMap((group) => {
    const first = group[0];
    if (first === undefined) return [];
    return {
      source: first.source,
      app: gatewayApp(gateway),
      object: templates.render("referencegrant", {
        name: `${gateway.name}-from-${first.from}`,
        namespace: first.to,
        from: [...new Set(group.map((c) => c.kind))].sort(compareText).map((kind) => ({ kind, namespace: first.from })),
        services: [...new Set(group.map((c) => c.service))].sort(compareText),
      }),
    };
  });
}
