// What every Gateway API gateway renders the same way, whichever controller serves it: the
// listeners' allowedRoutes, an HTTPRoute per route, and the ReferenceGrants its routes' backends
// in other namespaces need.
import { compareText } from "../../compare-text.ts";
import { groupBy } from "../../group-by.ts";
import type { AllowedRoutesModel, GatewayListener, RouteModel } from "../../model/types.ts";
import { gatewayApp, type Manifest } from "../provider.ts";
import type { TemplateSet } from "../templates.ts";

/** A Gateway API gateway as its routes see it. */
export interface RoutedGateway {
  readonly name: string;
  readonly namespace: string;
  readonly source: string;
  readonly routes: readonly RouteModel[];
}

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
    allowedNamespaces: namespaces,
  }));
}

export function httpRoutes(templates: TemplateSet, gateway: RoutedGateway): Manifest[] {
  return gateway.routes.map((route) => ({
    source: route.source,
    app: gatewayApp(gateway),
    object: templates.render("httproute", {
      name: route.name,
      namespace: route.namespace,
      gatewayName: gateway.name,
      gatewayNamespace: gateway.namespace,
      hostnames: route.hosts ?? null,
      rules: route.rules.map((rule) => ({
        pathType: rule.pathType === "Prefix" ? "PathPrefix" : "Exact",
        path: rule.path,
        service: rule.backend.service,
        serviceNamespace: rule.backend.namespace ?? null,
        port: rule.backend.port,
      })),
    }),
  }));
}

/**
 * A route may send to a Service of another namespace only when that namespace grants it
 * (gateway-api site/content/en/api-types/referencegrant.md): one ReferenceGrant per namespace
 * the gateway's routes come from, naming exactly the Services they reach.
 */
export function referenceGrants(templates: TemplateSet, gateway: RoutedGateway): Manifest[] {
  const crossings = gateway.routes.flatMap((route) =>
    route.rules.flatMap((rule) => {
      const target = rule.backend.namespace;
      return target === undefined || target === route.namespace
        ? []
        : [{ from: route.namespace, to: target, service: rule.backend.service, source: route.source }];
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
        fromNamespace: first.from,
        services: [...new Set(group.map((c) => c.service))].sort(compareText),
      }),
    };
  });
}
