// Role separation on Gateway API gateways: the platform owns a Gateway and says which namespaces
// may attach routes to it (allowedRoutes); the ReferenceGrants a route needs to reach another
// namespace are rendered (backendNamespaceReachable says who may). What Gateway API would silently refuse in the cluster (a
// route whose namespace the Gateway does not admit has Accepted=False, NotAllowedByListeners)
// is refused here, at the route.
import type { Problem } from "../../problems.ts";
import { rendersGatewayApi } from "../spec-facts.ts";
import { withArticle } from "./article.ts";
import { report, type Check } from "./context.ts";

export const routesAdmitted: Check = (ctx) =>
  ctx.spec.routes.flatMap((route, i): Problem[] => {
    const gateway = ctx.spec.gateways.find((g) => g.name === route.gateway);
    if (gateway === undefined || !rendersGatewayApi(gateway) || gateway.type === "alb") return [];
    const allowed = gateway.allowedRoutes;
    if (allowed === undefined) return [];
    const g = ctx.spec.gateways.indexOf(gateway);
    if ("selector" in allowed) {
      const labels = Object.entries(allowed.selector)
        .map(([k, v]) => `${k}=${v}`)
        .join(",");
      return [
        report(
          ctx,
          ["routes", i, "namespace"],
          `gateway '${gateway.name}' admits routes only from namespaces labelled ${labels}: label namespace '${route.namespace}' so (kubectl label namespace ${route.namespace} ${labels.replaceAll(",", " ")}), or its route is not accepted`,
          { severity: "info" },
        ),
      ];
    }
    if (allowed.namespaces.includes(route.namespace)) return [];
    return [
      report(
        ctx,
        ["routes", i, "namespace"],
        `gateway '${gateway.name}' admits routes only from ${allowed.namespaces.join(", ")} (gateways[${g}].allowedRoutes.namespaces), so this route would not be accepted; add '${route.namespace}' there or move the route`,
      ),
    ];
  });

export const gatewayApiOnlyFields: Check = (ctx) =>
  ctx.spec.gateways.flatMap((gateway, i) =>
    !rendersGatewayApi(gateway) && (gateway as { allowedRoutes?: unknown }).allowedRoutes !== undefined
      ? [
          report(
            ctx,
            ["gateways", i, "allowedRoutes"],
            gateway.type === "istio" || gateway.type === "kong"
              ? `${withArticle(gateway.type)} gateway admits routes by namespace only as Gateway API: set routeFormat: gatewayAPI, or remove allowedRoutes (${gateway.type === "istio" ? "a VirtualService attaches from any namespace" : "an Ingress of class kong is served from any namespace"})`
              : `only Gateway API gateways (cilium, aws, istio or kong with routeFormat gatewayAPI) admit routes by namespace; this gateway is ${gateway.type}`,
            { part: "key" },
          ),
        ]
      : [],
  );
