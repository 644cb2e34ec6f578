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
  const gateways = docs.filter((d) => isGateway(d) && isKongClass(docs, d));
  // Every Kong controller reconciles every Gateway of its controller name; with one controller here
  // its proxy is theirs, with more the files do not say which proxy a Gateway's traffic reaches.
  const [only, ...others] = controllers;
  const gatewayHops = (c: KongController): Hop[] =>
    only === c && others.length === 0 ? gateways.flatMap((g) => routeHops(docs, g, { name: g.name, type: "kong" })) : [];
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
      ...(controllers.length === 1 ? [] : gateways.map((g) => unboundGateway(g, controllers.length))),
    ],
  };
};

/** Whether Kong's controller serves a Gateway: of class kong, or of a GatewayClass naming its controller. */
function isKongClass(docs: readonly Doc[], gateway: Doc): boolean {
  const className = str(gateway.spec["gatewayClassName"]) ?? "";
  const controller = classController(docs, className);
  return controller === undefined ? className === KONG_GATEWAY_CLASS : controller.controllerName === KONG_GATEWAY_CONTROLLER;
}

function unboundGateway(gateway: Doc, controllers: number): ReadFinding {
  return {
    severity: "warning",
    message: `unresolved: Gateway ${gateway.namespace}/${gateway.name} is for Kong's controller, and ${controllers === 0 ? "no Kong controller is in these files" : `${controllers} Kong controllers are, each publishing its own proxy`}, so which proxy serves it is unknown; its routes are not read as paths`,
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
    const className = str(record(record(chart.values["controller"])["ingressController"])["ingressClass"]) ?? KONG_INGRESS_CLASS;
    const { entries, proxy } = releaseReading(chart, "kong", service, () => []);
    const via: GatewayRef = { name: kongGatewayOf(chart.release), type: "kong" };
    return { className, namespace: chart.namespace, service: service.name, via, entries, unreached: proxy.unreached };
  });
}

// Kong's ingress controller takes every flag as `--flag` or as the environment variable
// CONTROLLER_<FLAG> (https://docs.konghq.com/kubernetes-ingress-controller/latest/reference/cli-arguments/):
// --ingress-class (default kong) and --publish-service (`<namespace>/<name>` of the proxy).
const FLAGS = { ingressClass: "ingress-class", publishService: "publish-service" } as const;
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
          return [{ className, namespace, service, via: { name: className, type: "kong" }, entries: [], unreached: undefined }];
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
