// Names ingress-gitops derives from the spec's names, checked against the limit of whoever consumes
// them, so that a name too long fails here with its field rather than in Helm, the API server or a
// TargetGroupBinding that names a Service that does not exist. (Application names and file names,
// which depend on everything rendered, are checked on the render: see render/preflight.ts.)
import { ciliumGatewayService } from "../../controllers/cilium.ts";
import { istioRelease } from "../../controllers/istio.ts";
import { kongProxyService, kongRelease } from "../../controllers/kong.ts";
import { DNS_LABEL_MAX, HELM_RELEASE_MAX, kongPluginName } from "../../controllers/names.ts";
import type { Problem } from "../../problems.ts";
import type { Gateway } from "../types.ts";
import { lineOf, report, type Check, type CheckContext } from "./context.ts";

/** The release of Istio's own base chart, which a gateway's `istio-<name>` release must not take. */
const ISTIO_BASE_RELEASE = "istio-base";

export const derivedNames: Check = (ctx) => [...ctx.spec.gateways.flatMap((g, i) => gatewayNames(ctx, g, i)), ...kongPluginCollisions(ctx)];

function gatewayNames(ctx: CheckContext, gateway: Gateway, i: number): Problem[] {
  const at = ["gateways", i, "name"];
  const tooLong = (what: string, name: string, limit: number, why: string) =>
    name.length > limit
      ? [
          report(
            ctx,
            at,
            `makes ${what} '${name}' (${name.length} characters, at most ${limit}: ${why}); shorten the gateway name to at most ${gateway.name.length - (name.length - limit)} characters`,
          ),
        ]
      : [];
  const helm = (release: string) => tooLong("the Helm release", release, HELM_RELEASE_MAX, "Helm refuses longer release names");
  switch (gateway.type) {
    case "istio": {
      const release = istioRelease(gateway.name);
      if (release === ISTIO_BASE_RELEASE)
        return [
          report(
            ctx,
            at,
            `an istio gateway named '${gateway.name}' would be the Helm release and Application '${ISTIO_BASE_RELEASE}', which Istio's base chart already is; choose another name`,
          ),
        ];
      return helm(release);
    }
    case "kong": {
      const release = kongRelease(gateway.name);
      // The chart cuts the proxy's fullname at 63 characters, so the ALB would name a Service that does not exist.
      return [
        ...helm(release),
        ...tooLong(
          "the Kong proxy Service",
          kongProxyService(release),
          DNS_LABEL_MAX,
          "the chart cuts longer names, so the load balancer would name a Service that does not exist",
        ),
      ];
    }
    case "cilium": {
      const external = ctx.spec.loadBalancers.find((lb) => lb.name === gateway.loadBalancer)?.external !== undefined;
      // Cilium's operator hash-shortens longer names (pkg/shortener ShortenK8sResourceName), so a
      // TargetGroupBinding naming `cilium-gateway-<name>` would name a Service that does not exist.
      return external
        ? tooLong(
            "the Gateway's Service",
            ciliumGatewayService(gateway.name),
            DNS_LABEL_MAX,
            "Cilium hash-shortens longer names, so the TargetGroupBinding would name a Service that does not exist",
          )
        : [];
    }
    case "alb":
    case "aws":
      return [];
  }
}

/** A KongPlugin is `<route>-<plugin>` in the route's namespace: `a` + `b-c` and `a-b` + `c` collide. */
function kongPluginCollisions(ctx: CheckContext): Problem[] {
  const seen = new Map<string, readonly (string | number)[]>();
  return ctx.spec.routes.flatMap((route, i) =>
    (route.plugins ?? []).flatMap((plugin, j) => {
      const name = kongPluginName(route.name, plugin.name);
      const key = `${route.namespace}/${name}`;
      const path = ["routes", i, "plugins", j, "name"];
      const earlier = seen.get(key);
      if (earlier === undefined) {
        seen.set(key, path);
        return [];
      }
      if (earlier[1] === i) return []; // The same plugin twice on one route is pluginsNeedKong's to say.
      return [
        report(
          ctx,
          path,
          `makes the KongPlugin '${name}' in namespace '${route.namespace}', which the plugin at ${lineOf(ctx, earlier)} already makes; rename one of the routes`,
        ),
      ];
    }),
  );
}
