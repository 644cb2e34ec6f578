// Names ingress-gitops derives from the spec's names, checked against the limit of whoever consumes
// them, so that a name too long fails here with its field rather than in Helm, the API server or a
// TargetGroupBinding that names a Service that does not exist. The Applications a gateway's name
// goes into are checked here too, so that one run gives every limit that gateway name must meet;
// the other Application names and file names, which depend on everything rendered, are checked on
// the render (render/preflight.ts).
import { ciliumGatewayService } from "../../controllers/cilium.ts";
import { istioRelease } from "../../controllers/istio.ts";
import { kongProxyService, kongRelease } from "../../controllers/kong.ts";
import { applicationName, DNS_LABEL_MAX, gatewayAppName, HELM_RELEASE_MAX, kongPluginName } from "../../controllers/names.ts";
import type { Problem } from "../../problems.ts";
import type { Gateway, LoadBalancer } from "../types.ts";
import { lineOf, report, type Check, type CheckContext } from "./context.ts";

/** The release of Istio's own base chart, which a gateway's `istio-<name>` release must not take. */
const ISTIO_BASE_RELEASE = "istio-base";

export const derivedNames: Check = (ctx) => [...ctx.spec.gateways.flatMap((g, i) => gatewayNames(ctx, g, i)), ...kongPluginCollisions(ctx)];

/** A name made from a gateway's name, and the limit of whoever consumes it. */
interface Derived {
  readonly what: string;
  readonly name: string;
  readonly limit: number;
  readonly why: string;
}

/** One problem per gateway name, naming every limit it breaks, so that one fix meets them all. */
function gatewayNames(ctx: CheckContext, gateway: Gateway, i: number): Problem[] {
  const at = ["gateways", i, "name"];
  if (gateway.type === "istio" && istioRelease(gateway.name) === ISTIO_BASE_RELEASE)
    return [
      report(
        ctx,
        at,
        `an istio gateway named '${gateway.name}' would be the Helm release and Application '${ISTIO_BASE_RELEASE}', which Istio's base chart already is; choose another name`,
      ),
    ];
  const over = namesOf(ctx.spec.metadata.name, ctx.spec.loadBalancers, gateway).filter((d) => d.name.length > d.limit);
  if (over.length === 0) return [];
  const fits = gateway.name.length - Math.max(...over.map((d) => d.name.length - d.limit));
  const made = over.map((d) => `${d.what} '${d.name}' (${d.name.length} characters, at most ${d.limit}: ${d.why})`);
  // Only the spec's name is left to shorten when even a one-character gateway name is too long.
  const fix = fits > 0 ? `shorten the gateway name to at most ${fits} characters` : "shorten metadata.name";
  return [report(ctx, at, `makes ${made.join(", and ")}; ${fix}`)];
}

/** Every name ingress-gitops makes from a gateway's name. */
function namesOf(spec: string, loadBalancers: readonly LoadBalancer[], gateway: Gateway): Derived[] {
  const helm = (release: string): Derived => ({
    what: "the Helm release",
    name: release,
    limit: HELM_RELEASE_MAX,
    why: "Helm refuses longer release names",
  });
  // Label tracking (Argo CD's default before 3.0) puts the Application's name in a label value.
  const application = (app: string): Derived => ({
    what: "the Argo CD Application",
    name: applicationName(spec, app),
    limit: DNS_LABEL_MAX,
    why: "label tracking puts the name in a label value",
  });
  const routes = application(gatewayAppName(gateway.name));
  switch (gateway.type) {
    case "istio": {
      const release = istioRelease(gateway.name);
      // The gateway chart's Application is named for its release.
      return [helm(release), application(release), routes];
    }
    case "kong": {
      const release = kongRelease(gateway.name);
      // The chart cuts the proxy's fullname at 63 characters, so the ALB would name a Service that does not exist.
      const proxy: Derived = {
        what: "the Kong proxy Service",
        name: kongProxyService(release),
        limit: DNS_LABEL_MAX,
        why: "the chart cuts longer names, so the load balancer would name a Service that does not exist",
      };
      return [helm(release), proxy, application(release), routes];
    }
    case "cilium": {
      const external = loadBalancers.find((lb) => lb.name === gateway.loadBalancer)?.external !== undefined;
      // Cilium's operator hash-shortens longer names (pkg/shortener ShortenK8sResourceName), so a
      // TargetGroupBinding naming `cilium-gateway-<name>` would name a Service that does not exist.
      const service: Derived = {
        what: "the Gateway's Service",
        name: ciliumGatewayService(gateway.name),
        limit: DNS_LABEL_MAX,
        why: "Cilium hash-shortens longer names, so the TargetGroupBinding would name a Service that does not exist",
      };
      return external ? [service, routes] : [routes];
    }
    case "alb":
    case "aws":
      return [routes];
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
