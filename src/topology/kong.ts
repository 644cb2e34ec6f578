// Kong: each Kong ingress controller serves one IngressClass and publishes one proxy Service; the
// Ingresses of that class are the routes behind that proxy, and no other's. A controller is a
// release of the kong/ingress chart (an Argo CD Application) or a Deployment in the manifests.
// The Gateway API Gateways of Kong's controller are served by that proxy too, with the HTTPRoutes
// they admit.
import { KONG_GATEWAY_CLASS, KONG_GATEWAY_CONTROLLER, KONG_INGRESS_CLASS, kongGatewayOf, kongProxyService } from "../controllers/kong.ts";
import { about, isKind, list, record, str, type Doc } from "./documents.ts";
import { classController, isGateway, routeHops } from "./gateway-api.ts";
import { chartReleases, releaseReading } from "./charts.ts";
import { allRules, ingressClasses, ingressRules, isIngress, type IngressClassOf, type IngressRules } from "./ingress.ts";
import type { Entry, Hop, Proxy, ReadFinding, RouteHop, TopologyReader } from "./reader.ts";
import { serviceIndex } from "./services.ts";
import type { GatewayRef } from "./types.ts";

interface KongController {
  /** The IngressClass it serves. */
  readonly className: string;
  readonly namespace: string;
  /** Its proxy Service. */
  readonly service: string;
  /** The GatewayClass controller name it serves (`--gateway-api-controller-name`). */
  readonly gatewayController: string;
  readonly via: GatewayRef;
  readonly entries: readonly Entry[];
  readonly unreached: ReadFinding | undefined;
}

export const kongReader: TopologyReader = (manifests) => {
  const { docs } = manifests;
  const services = serviceIndex(docs);
  const classOf = ingressClasses(docs);
  const deployed = deployedControllers(docs);
  const controllers = [...chartControllers(manifests), ...deployed.controllers];
  const served = new Set(controllers.map((c) => c.className));
  const ingresses = docs.flatMap((doc) => {
    const cls = isIngress(doc) ? classOf(doc) : undefined;
    return cls === undefined || cls.controller === "alb" || !served.has(cls.className)
      ? []
      : [{ doc, cls, rules: ingressRules(doc, services) }];
  });
  // Every Kong controller reconciles every Gateway of its controller name and configures its own
  // proxy with their routes, as it does with the Ingresses of its class (Kong docs,
  // kubernetes-ingress-controller concepts/gateway-api); the gateway is the Kong install,
  // whichever kind of object routes to it.
  const gatewayHops = (c: KongController): Hop[] => kongGateways(docs, c.gatewayController).flatMap((g) => routeHops(docs, g, c.via));
  const servedControllers = new Set(controllers.map((c) => c.gatewayController));
  const proxies = controllers.map((c): Proxy => ({
    namespace: c.namespace,
    service: c.service,
    routes: () => [...kongRoutes(ingresses, c), ...gatewayHops(c)],
    unreached: c.unreached,
  }));
  return {
    entries: controllers.flatMap((c) => c.entries),
    proxies,
    findings: [
      ...deployed.findings,
      ...ingresses.flatMap((i) => i.rules.findings),
      ...unserved(docs, classOf, served),
      ...(servedControllers.has(KONG_GATEWAY_CONTROLLER) ? [] : kongGateways(docs).map(unboundGateway)),
    ],
  };
};

/**
 * The Gateways a Kong controller of this controller name serves: of a GatewayClass naming it, or,
 * for the default name, of class kong where no GatewayClass here says otherwise.
 */
export function kongGateways(docs: readonly Doc[], controllerName: string = KONG_GATEWAY_CONTROLLER): Doc[] {
  return docs.filter((gateway) => {
    if (!isGateway(gateway)) return false;
    const className = str(gateway.spec["gatewayClassName"]) ?? "";
    const controller = classController(docs, className);
    return controller === undefined
      ? className === KONG_GATEWAY_CLASS && controllerName === KONG_GATEWAY_CONTROLLER
      : controller.controllerName === controllerName;
  });
}

function unboundGateway(gateway: Doc): ReadFinding {
  return {
    severity: "warning",
    message: `unresolved: Gateway ${gateway.namespace}/${gateway.name} is for Kong's controller, and no Kong controller in these files serves it, so which proxy it configures is unknown; its routes are not read as paths`,
    ...about(gateway, ["spec", "gatewayClassName"]),
  };
}

interface KongIngress {
  readonly doc: Doc;
  readonly cls: IngressClassOf;
  readonly rules: IngressRules;
}

/** The kong/ingress chart's controller serves `controller.ingressController.ingressClass`, `kong` unless set. */
function chartControllers(manifests: Parameters<TopologyReader>[0]): KongController[] {
  return chartReleases(manifests, (chart, repoURL) => chart === "ingress" && repoURL.includes("konghq")).map((chart) => {
    const service = { name: kongProxyService(chart.release), values: record(record(chart.values["gateway"])["proxy"]) };
    const ingressController = record(record(chart.values["controller"])["ingressController"]);
    const className = str(ingressController["ingressClass"]) ?? KONG_INGRESS_CLASS;
    // The kong chart passes ingressController.env as CONTROLLER_<KEY> (charts/kong/templates/_helpers.tpl, kong.ingressController.env).
    const gatewayController = str(record(ingressController["env"])["gateway_api_controller_name"]) ?? KONG_GATEWAY_CONTROLLER;
    const { entries, proxy } = releaseReading(chart, "kong", service, () => []);
    const via: GatewayRef = { name: kongGatewayOf(chart.release), type: "kong" };
    return { className, gatewayController, namespace: chart.namespace, service: service.name, via, entries, unreached: proxy.unreached };
  });
}

// Kong's ingress controller takes every flag as `--flag` or as the environment variable
// CONTROLLER_<FLAG> (https://docs.konghq.com/kubernetes-ingress-controller/latest/reference/cli-arguments/):
// --ingress-class (default kong), --publish-service (`<namespace>/<name>` of the proxy) and
// --gateway-api-controller-name (default konghq.com/kic-gateway-controller).
const FLAGS = {
  ingressClass: "ingress-class",
  publishService: "publish-service",
  gatewayController: "gateway-api-controller-name",
} as const;
const WORKLOADS = ["Deployment", "StatefulSet", "DaemonSet"];

/** The Kong controllers the manifests run, each with the proxy it publishes; one that publishes none is a finding. */
function deployedControllers(docs: readonly Doc[]): { controllers: KongController[]; findings: ReadFinding[] } {
  const findings: ReadFinding[] = [];
  const controllers = docs
    .filter((d) => WORKLOADS.some((kind) => isKind(d, "apps", kind)))
    .flatMap((workload) =>
      list(record(record(workload.spec["template"])["spec"])["containers"])
        .map(record)
        .filter(isKongController)
        .flatMap((container): KongController[] => {
          const className = flag(container, FLAGS.ingressClass) ?? KONG_INGRESS_CLASS;
          const published = flag(container, FLAGS.publishService);
          const [namespace, service]: (string | undefined)[] =
            published?.includes("/") === true ? published.split("/") : [workload.namespace, published];
          if (service === undefined || namespace === undefined) {
            findings.push({
              severity: "warning",
              message: `unresolved: ${workload.kind} ${workload.namespace}/${workload.name} runs Kong's ingress controller for class '${className}' but publishes no proxy Service (--${FLAGS.publishService}); its Ingresses are not read as paths`,
              ...about(workload),
            });
            return [];
          }
          const gatewayController = flag(container, FLAGS.gatewayController) ?? KONG_GATEWAY_CONTROLLER;
          return [
            { className, gatewayController, namespace, service, via: { name: className, type: "kong" }, entries: [], unreached: undefined },
          ];
        }),
    );
  return { controllers, findings };
}

function isKongController(container: Record<string, unknown>): boolean {
  return (str(container["image"]) ?? "").includes("kubernetes-ingress-controller") || flag(container, FLAGS.publishService) !== undefined;
}

function flag(container: Record<string, unknown>, name: string): string | undefined {
  const prefix = `--${name}=`;
  const arg = [...list(container["args"]), ...list(container["command"])].map((a) => str(a) ?? "").find((a) => a.startsWith(prefix));
  if (arg !== undefined) return arg.slice(prefix.length);
  const env = `CONTROLLER_${name.toUpperCase().replaceAll("-", "_")}`;
  return str(
    list(container["env"])
      .map(record)
      .find((e) => e["name"] === env)?.["value"],
  );
}

function kongRoutes(ingresses: readonly KongIngress[], c: KongController): RouteHop[] {
  return ingresses
    .filter((i) => i.cls.className === c.className)
    .flatMap(({ doc, rules }) =>
      allRules(rules).map((rule) => ({
        kind: "route" as const,
        hosts: rule.host === undefined ? [] : [rule.host],
        urlPath: rule.urlPath,
        pathType: rule.pathType,
        backend: { namespace: rule.service.namespace, service: rule.service.name, port: rule.service.port },
        tls: () => false,
        gateway: c.via,
        routeKind: "Ingress" as const,
        file: doc.file,
      })),
    );
}

/** Ingresses for Kong whose class no Kong controller here serves: their proxy is not known, so they are not guessed. */
function unserved(docs: readonly Doc[], classOf: (d: Doc) => IngressClassOf | undefined, served: ReadonlySet<string>): ReadFinding[] {
  return docs.flatMap((doc) => {
    const cls = isIngress(doc) ? classOf(doc) : undefined;
    if (cls?.controller !== "kong" || served.has(cls.className)) return [];
    return [
      {
        severity: "warning" as const,
        message: `unresolved: Ingress ${doc.namespace}/${doc.name} is for Kong (class '${cls.className}'), but no Kong controller in these files serves that class, so its proxy is unknown; not read as a path`,
        ...about(doc),
      },
    ];
  });
}
