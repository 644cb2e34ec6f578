// Routes attach to gateways that can carry them, and no host+path is claimed twice.
import type { Problem } from "../../problems.ts";
import { hostsIntersect } from "../../controllers/hostnames.ts";
import type { Gateway } from "../types.ts";
import { rendersGatewayApi } from "../spec-facts.ts";
import { lineOf, report, type Check } from "./context.ts";

export const pluginsNeedKong: Check = (ctx) =>
  ctx.spec.routes.flatMap((route, i) => {
    const gateway = ctx.spec.gateways.find((g) => g.name === route.gateway);
    if (route.plugins === undefined || gateway === undefined) return [];
    if (gateway.type !== "kong") {
      return [
        report(ctx, ["routes", i, "plugins"], `only kong gateways run Kong plugins; gateway '${gateway.name}' is ${gateway.type}`, {
          part: "key",
        }),
      ];
    }
    const seen = new Set<string>();
    return route.plugins.flatMap((plugin, j) => {
      if (!seen.has(plugin.name)) {
        seen.add(plugin.name);
        return [];
      }
      return [report(ctx, ["routes", i, "plugins", j, "name"], `plugin '${plugin.name}' is already applied to this route`)];
    });
  });

/**
 * A VirtualService (istio) names any Service of the mesh by FQDN, and a Gateway API route (cilium,
 * aws, istio or kong with routeFormat gatewayAPI) reaches another namespace through a
 * ReferenceGrant there (Kong's controller checks it too: kubernetes-ingress-controller
 * internal/dataplane/translator/subtranslator/backendref.go, IsRefAllowedByGrant); an Ingress
 * (alb, kong) names only Services of its own namespace (networking.k8s.io/v1
 * IngressServiceBackend has no namespace).
 */
function reachesOtherNamespaces(gateway: Gateway): boolean {
  return gateway.type === "istio" || rendersGatewayApi(gateway);
}

export const backendNamespaceReachable: Check = (ctx) =>
  ctx.spec.routes.flatMap((route, i) => {
    const gateway = ctx.spec.gateways.find((g) => g.name === route.gateway);
    if (gateway === undefined || reachesOtherNamespaces(gateway)) return [];
    return route.rules.flatMap((rule, j) =>
      rule.backend.namespace === undefined || rule.backend.namespace === route.namespace
        ? []
        : [
            report(
              ctx,
              ["routes", i, "rules", j, "backend", "namespace"],
              `an Ingress reaches only Services in its own namespace, and gateway '${gateway.name}' is ${gateway.type}${gateway.type === "kong" ? " with Ingress routes" : ""}: put the route in namespace '${rule.backend.namespace}', ${gateway.type === "kong" ? "or set the gateway's routeFormat: gatewayAPI (an HTTPRoute reaches it through a ReferenceGrant)" : "or serve it from an istio, cilium or aws gateway"}`,
              { part: "key" },
            ),
          ],
    );
  });

/**
 * ALB gateways share their load balancer through its IngressGroup, so their routes compete for
 * one ALB's rules; every other gateway serves its own routes.
 */
function servingUnit(gateway: Gateway): string {
  return gateway.type === "alb" ? `alb:${gateway.loadBalancer}` : `gateway:${gateway.name}`;
}

export const uniqueHostPaths: Check = (ctx) => {
  const claimed = new Map<string, { route: number; rule: number }>();
  const problems: Problem[] = [];
  ctx.spec.routes.forEach((route, i) => {
    const gateway = ctx.spec.gateways.find((g) => g.name === route.gateway);
    // Routes of other protocols claim listener ports and gRPC methods instead (checks/route-protocols.ts).
    if (gateway === undefined || route.protocol !== "HTTP") return;
    const unit = servingUnit(gateway);
    route.rules.forEach((rule, j) => {
      for (const host of route.hosts ?? ["*"]) {
        const key = `${unit} ${host} ${rule.path}`;
        const earlier = claimed.get(key);
        if (earlier === undefined) {
          claimed.set(key, { route: i, rule: j });
          continue;
        }
        const owner = ctx.spec.routes[earlier.route];
        const who = earlier.route === i ? "this route" : `route '${owner?.namespace ?? ""}/${owner?.name ?? ""}'`;
        const via = gateway.type === "alb" ? `ALB '${gateway.loadBalancer}'` : `gateway '${gateway.name}'`;
        const hostText = host === "*" ? "any host" : host;
        problems.push(
          report(
            ctx,
            ["routes", i, "rules", j, "path"],
            `${hostText} ${rule.path} is already served by ${who} on ${via} (${lineOf(ctx, ["routes", earlier.route, "rules", earlier.rule, "path"])})`,
          ),
        );
      }
    });
  });
  return problems;
};

export const uniqueHosts: Check = (ctx) =>
  ctx.spec.routes.flatMap((route, i) =>
    (route.hosts ?? []).flatMap((host, j, hosts) =>
      hosts.indexOf(host) === j ? [] : [report(ctx, ["routes", i, "hosts", j], `host '${host}' is listed twice`)],
    ),
  );

export const hostsMatchListeners: Check = (ctx) =>
  ctx.spec.routes.flatMap((route, i) => {
    const gateway = ctx.spec.gateways.find((g) => g.name === route.gateway);
    if (gateway === undefined || gateway.listeners === undefined || (gateway.type !== "cilium" && gateway.type !== "istio")) return [];
    const gatewayListeners = gateway.listeners;
    return (route.hosts ?? []).flatMap((host, j) => {
      if (gatewayListeners.some((l) => hostsIntersect(host, l.hostname))) return [];
      const names = gatewayListeners.map((l) => `${l.name} ${l.hostname ?? "(any host)"}`).join(", ");
      return [
        report(
          ctx,
          ["routes", i, "hosts", j],
          `'${host}' matches no listener of gateway '${gateway.name}' (${names}), so the route would never attach`,
        ),
      ];
    });
  });
