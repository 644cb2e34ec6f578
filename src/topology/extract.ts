// Kubernetes YAML → exposure Paths, read from what the cluster would be given (never from a spec),
// so a hand-written GitOps folder reads as well as a rendered one. Pure.
//
// Traffic enters through an entry (an ALB Ingress rule, a LoadBalancer Service, a Gateway's
// Service, a TargetGroupBinding) that sends it to a Service. If that Service is a proxy (an Istio
// gateway, Kong's proxy, a Cilium Gateway) the routes behind the proxy continue the Path;
// otherwise the Service is the backend. What cannot be connected is a finding, never a guess.
import { ciliumGatewayService, kongProxyService } from "../controllers/names.ts";
import { groupBy } from "../group-by.ts";
import { HINTS } from "../hints.ts";
import { hostsIntersect } from "../validate/hostnames.ts";
import { installedApplications } from "./applications.ts";
import { isKind, list, readDocuments, record, str, stringEntries, type Doc, type ValuesFile } from "./documents.ts";
import type { Backend, Finding, GatewayRef, LoadBalancerRef, ManifestFile, Path, TopologyReading } from "./types.ts";
import { compareText } from "../compare-text.ts";

const ALB = "alb.ingress.kubernetes.io/";
const NLB = "service.beta.kubernetes.io/";

type Scheme = LoadBalancerRef["scheme"];
type PathType = Path["pathType"];

interface ServiceRef {
  readonly namespace: string;
  readonly name: string;
  readonly port: number;
}

/** Where traffic enters: a load balancer and the Service it sends to. */
interface Entry {
  readonly lb: LoadBalancerRef;
  readonly tls: boolean;
  readonly file: string;
  readonly service: ServiceRef;
  /** An ALB rule narrows what reaches the Service. */
  readonly host?: string;
  readonly match?: { readonly path: string; readonly pathType: PathType };
  /** The gateway to report when the Service is the backend itself. */
  readonly direct: GatewayRef;
}

type Proxy =
  | { readonly kind: "istio"; readonly release: string; readonly namespace: string; readonly file: string }
  | { readonly kind: "kong"; readonly release: string; readonly namespace: string; readonly file: string }
  | { readonly kind: "cilium"; readonly gateway: Doc };

interface Index {
  readonly docs: readonly Doc[];
  readonly values: readonly ValuesFile[];
  readonly proxies: ReadonlyMap<string, Proxy>;
}

const serviceKey = (namespace: string, name: string) => `${namespace}/${name}`;

export function extractTopology(files: readonly ManifestFile[]): TopologyReading {
  const { docs, values, findings } = readDocuments(files);
  const charts = chartReleases(docs, values);
  const index: Index = { docs, values, proxies: proxyIndex(docs, charts) };
  const entries = [
    ...albEntries(docs),
    ...loadBalancerServiceEntries(docs),
    ...gatewayEntries(docs),
    ...bindingEntries(docs),
    ...chartServiceEntries(charts),
  ];
  const located = entries.flatMap((entry) => expand(index, entry));
  findings.push(...unresolved(index, entries));
  const origins = new Map(located.map((l) => [l.path, l.file]));
  const loadBalancers = new Map([...entries].reverse().map((e) => [e.lb.name, { lb: e.lb, file: e.file }]));
  return {
    paths: sortPaths(located.map((l) => l.path)),
    findings: sortFindings(findings),
    origins,
    loadBalancers,
    applications: installedApplications(docs),
  };
}

// --- charts: the gateway Services that only Argo CD Applications and values files describe ------

interface ChartRelease {
  readonly kind: "istio" | "kong";
  readonly release: string;
  readonly namespace: string;
  readonly file: string;
  readonly values: Record<string, unknown>;
}

interface ChartSource {
  readonly chart: string | undefined;
  readonly repoURL: string;
  readonly releaseName: string;
  readonly namespace: string;
  readonly valueFiles: readonly unknown[];
  readonly valuesObject: Record<string, unknown>;
  readonly file: string;
}

function chartReleases(docs: readonly Doc[], valuesFiles: readonly ValuesFile[]): ChartRelease[] {
  return [...docs.flatMap(applicationCharts), ...docs.flatMap(applicationSetCharts)].flatMap((source): ChartRelease[] => {
    const kind =
      source.chart === "gateway" && source.repoURL.includes("istio")
        ? "istio"
        : source.chart === "ingress" && source.repoURL.includes("konghq")
          ? "kong"
          : undefined;
    if (kind === undefined) return [];
    const fromFiles = source.valueFiles.flatMap((f) => {
      const wanted = (str(f) ?? "").replace(/^\$values\//, "");
      return valuesFiles.filter((v) => wanted === v.file || wanted.endsWith(`/${v.file}`)).map((v) => v.values);
    });
    const values = Object.assign({}, ...fromFiles, source.valuesObject) as Record<string, unknown>;
    return [{ kind, release: source.releaseName, namespace: source.namespace, file: source.file, values }];
  });
}

function applicationCharts(doc: Doc): ChartSource[] {
  if (!isKind(doc, "argoproj.io", "Application")) return [];
  const namespace = str(record(doc.spec["destination"])["namespace"]) ?? "default";
  const sources = [...list(doc.spec["sources"]), ...(doc.spec["source"] === undefined ? [] : [doc.spec["source"]])].map(record);
  return sources.map((source) => {
    const helm = record(source["helm"]);
    return {
      chart: str(source["chart"]),
      repoURL: str(source["repoURL"]) ?? "",
      releaseName: str(helm["releaseName"]) ?? doc.name,
      namespace,
      valueFiles: list(helm["valueFiles"]),
      valuesObject: record(helm["valuesObject"]),
      file: doc.file,
    };
  });
}

/** The elements of a list generator in the shape ingress-gitops writes (chart, repoURL, releaseName, namespace, valueFile). */
function applicationSetCharts(doc: Doc): ChartSource[] {
  if (!isKind(doc, "argoproj.io", "ApplicationSet")) return [];
  return list(doc.spec["generators"])
    .flatMap((g) => list(record(record(g)["list"])["elements"]))
    .map(record)
    .map((e) => ({
      chart: str(e["chart"]),
      repoURL: str(e["repoURL"]) ?? "",
      releaseName: str(e["releaseName"]) ?? str(e["name"]) ?? doc.name,
      namespace: str(e["namespace"]) ?? "default",
      valueFiles: e["valueFile"] === undefined ? [] : [e["valueFile"]],
      valuesObject: {},
      file: doc.file,
    }));
}

/** The Service a chart release puts in front of its proxy, and its type (the charts default to LoadBalancer). */
function chartService(chart: ChartRelease): { name: string; type: string; annotations: Record<string, unknown> } {
  const service = chart.kind === "istio" ? record(chart.values["service"]) : record(record(record(chart.values["gateway"])["proxy"]));
  return {
    name: chart.kind === "istio" ? chart.release : kongProxyService(chart.release),
    type: str(service["type"]) ?? "LoadBalancer",
    annotations: record(service["annotations"]),
  };
}

function proxyIndex(docs: readonly Doc[], charts: readonly ChartRelease[]): Map<string, Proxy> {
  const proxies = new Map<string, Proxy>();
  for (const chart of charts)
    proxies.set(serviceKey(chart.namespace, chartService(chart).name), {
      kind: chart.kind,
      release: chart.release,
      namespace: chart.namespace,
      file: chart.file,
    });
  for (const gateway of docs.filter((d) => isKind(d, "gateway.networking.k8s.io", "Gateway"))) {
    proxies.set(serviceKey(gateway.namespace, ciliumGatewayService(gateway.name)), { kind: "cilium", gateway });
  }
  return proxies;
}

// --- entries --------------------------------------------------------------------------------------

function scheme(value: string | undefined): Scheme {
  // Both ALBC defaults are internal.
  return value === "internet-facing" ? "internet-facing" : "internal";
}

/** The class an Ingress asks for, by field or by the annotation that preceded it. */
function ingressClass(ingress: Doc): string | undefined {
  return str(ingress.spec["ingressClassName"]) ?? ingress.annotations["kubernetes.io/ingress.class"];
}

function albEntries(docs: readonly Doc[]): Entry[] {
  return docs.flatMap((doc) => {
    if (!isKind(doc, "networking.k8s.io", "Ingress")) return [];
    if (ingressClass(doc) !== "alb") return [];
    const a = doc.annotations;
    // Every Ingress of an IngressGroup is one ALB, whatever else names it.
    const group = a[`${ALB}group.name`];
    const lb: LoadBalancerRef = {
      name: group ?? a[HINTS.loadBalancer] ?? `${doc.namespace}/${doc.name}`,
      type: "alb",
      scheme: scheme(a[`${ALB}scheme`]),
      external: false,
    };
    const tls = (a[`${ALB}listen-ports`] ?? "").includes("HTTPS") || a[`${ALB}certificate-arn`] !== undefined;
    const direct: GatewayRef = { name: a[HINTS.gateway] ?? lb.name, type: "alb" };
    return ingressRules(doc).map((rule) => ({
      lb,
      tls,
      file: doc.file,
      service: rule.service,
      direct,
      ...(rule.host === undefined ? {} : { host: rule.host }),
      match: rule.match,
    }));
  });
}

interface IngressRule {
  readonly host?: string;
  readonly match: { readonly path: string; readonly pathType: PathType };
  readonly service: ServiceRef;
}

function ingressRules(doc: Doc): IngressRule[] {
  return list(doc.spec["rules"])
    .map(record)
    .flatMap((rule) => {
      const host = str(rule["host"]);
      return list(record(rule["http"])["paths"])
        .map(record)
        .flatMap((p) => {
          const service = record(record(p["backend"])["service"]);
          const name = str(service["name"]);
          if (name === undefined) return [];
          return [
            {
              ...(host === undefined ? {} : { host }),
              match: { path: str(p["path"]) ?? "/", pathType: str(p["pathType"]) === "Exact" ? "Exact" : "Prefix" },
              service: { namespace: doc.namespace, name, port: portNumber(record(service["port"])["number"]) },
            },
          ];
        });
    });
}

function portNumber(value: unknown): number {
  return typeof value === "number" ? value : 0;
}

/** A Service of type LoadBalancer that ALBC turns into an NLB exposes itself, port by port. */
function loadBalancerServiceEntries(docs: readonly Doc[]): Entry[] {
  return docs.flatMap((doc) => {
    if (!isKind(doc, "", "Service") || doc.apiVersion !== "v1" || doc.spec["type"] !== "LoadBalancer") return [];
    const a = doc.annotations;
    const lb: LoadBalancerRef = {
      name: a[HINTS.loadBalancer] ?? `${doc.namespace}/${doc.name}`,
      type: "nlb",
      scheme: scheme(a[`${NLB}aws-load-balancer-scheme`]),
      external: false,
    };
    const tlsPorts = nlbTlsPorts(a);
    return list(doc.spec["ports"])
      .map(record)
      .map((p) => {
        const port = portNumber(p["port"]);
        return {
          lb,
          tls: tlsPorts(port),
          file: doc.file,
          service: { namespace: doc.namespace, name: doc.name, port },
          direct: { name: "none", type: "none" },
        };
      });
  });
}

function nlbTlsPorts(annotations: Readonly<Record<string, string>>): (port: number) => boolean {
  if (annotations[`${NLB}aws-load-balancer-ssl-cert`] === undefined) return () => false;
  const ports = annotations[`${NLB}aws-load-balancer-ssl-ports`];
  return (port) =>
    ports === undefined ||
    ports === "*" ||
    ports
      .split(",")
      .map((p) => p.trim())
      .includes(String(port));
}

/** A Gateway's Service becomes an NLB unless a TargetGroupBinding binds it to one made elsewhere. */
function gatewayEntries(docs: readonly Doc[]): Entry[] {
  const bound = new Set(
    docs
      .filter((d) => isKind(d, "elbv2.k8s.aws", "TargetGroupBinding"))
      .map((d) => serviceKey(d.namespace, str(record(d.spec["serviceRef"])["name"]) ?? "")),
  );
  return docs.flatMap((doc) => {
    if (!isKind(doc, "gateway.networking.k8s.io", "Gateway") || str(doc.spec["gatewayClassName"]) !== "cilium") return [];
    const service = ciliumGatewayService(doc.name);
    if (bound.has(serviceKey(doc.namespace, service))) return [];
    const a = stringEntries(record(doc.spec["infrastructure"])["annotations"]);
    const lb: LoadBalancerRef = {
      name: a[HINTS.loadBalancer] ?? `${doc.namespace}/${doc.name}`,
      type: "nlb",
      scheme: scheme(a[`${NLB}aws-load-balancer-scheme`]),
      external: false,
    };
    const tlsPorts = nlbTlsPorts(a);
    return list(doc.spec["listeners"])
      .map(record)
      .map((l) => {
        const port = portNumber(l["port"]);
        return {
          lb,
          tls: tlsPorts(port),
          file: doc.file,
          service: { namespace: doc.namespace, name: service, port },
          direct: { name: doc.name, type: "cilium" },
        };
      });
  });
}

function bindingEntries(docs: readonly Doc[]): Entry[] {
  return docs.flatMap((doc) => {
    if (!isKind(doc, "elbv2.k8s.aws", "TargetGroupBinding")) return [];
    const a = doc.annotations;
    const ref = record(doc.spec["serviceRef"]);
    const arn = str(doc.spec["targetGroupARN"]) ?? "";
    const type = a[HINTS.loadBalancerType] === "alb" ? "alb" : "nlb";
    const lb: LoadBalancerRef = {
      name: a[HINTS.loadBalancer] ?? arn.split("/")[1] ?? doc.name,
      type,
      scheme: scheme(a[HINTS.scheme]),
      external: true,
    };
    const service = { namespace: doc.namespace, name: str(ref["name"]) ?? "", port: portNumber(ref["port"]) };
    return [{ lb, tls: a[HINTS.tls] === "true", file: doc.file, service, direct: { name: "none", type: "none" } }];
  });
}

/** A chart left at its default Service type LoadBalancer makes an NLB of its own (internal, by ALBC's default). */
function chartServiceEntries(charts: readonly ChartRelease[]): Entry[] {
  return charts.flatMap((chart) => {
    const service = chartService(chart);
    if (service.type !== "LoadBalancer") return [];
    const scheme_ = scheme(str(service.annotations[`${NLB}aws-load-balancer-scheme`]));
    const lb: LoadBalancerRef = { name: `${chart.namespace}/${service.name}`, type: "nlb", scheme: scheme_, external: false };
    return [
      {
        lb,
        tls: false,
        file: chart.file,
        service: { namespace: chart.namespace, name: service.name, port: 80 },
        direct: { name: gatewayName(chart), type: chart.kind },
      },
    ];
  });
}

// --- from an entry to Paths -------------------------------------------------------------------------

interface Located {
  readonly path: Path;
  readonly file: string;
}

function expand(index: Index, entry: Entry): Located[] {
  const proxy = index.proxies.get(serviceKey(entry.service.namespace, entry.service.name));
  if (proxy === undefined) {
    const backend: Backend = { namespace: entry.service.namespace, service: entry.service.name, port: entry.service.port };
    const isL4 = entry.match === undefined && entry.direct.type === "none";
    // A load balancer that forwards a port has no HTTP host or path: its Path is the port itself.
    const at = isL4
      ? { host: entry.lb.name, path: `:${entry.service.port}`, pathType: "Exact" as const }
      : { host: entry.host ?? "*", path: entry.match?.path ?? "/", pathType: entry.match?.pathType ?? "Prefix" };
    return [{ path: { ...at, loadBalancer: entry.lb, gateway: entry.direct, backend, tls: entry.tls }, file: entry.file }];
  }
  switch (proxy.kind) {
    case "istio":
      return istioRoutes(index, proxy).flatMap((r) => through(entry, r, { name: r.gateway, type: "istio" }));
    case "kong":
      return kongRoutes(index).flatMap((r) => through(entry, r, { name: gatewayName(proxy), type: "kong" }));
    case "cilium":
      return ciliumRoutes(index, proxy.gateway).flatMap((r) => through(entry, r, { name: proxy.gateway.name, type: "cilium" }));
  }
}

/** A Kong release is named `kong-<gateway>` by ingress-gitops (model/build.ts): the reader knows the gateway's name. */
function gatewayName(proxy: { readonly kind: "istio" | "kong"; readonly release: string }): string {
  return proxy.kind === "kong" ? proxy.release.replace(/^kong-(?=.)/, "") : proxy.release;
}

interface RouteHop {
  readonly hosts: readonly string[];
  readonly path: string;
  readonly pathType: PathType;
  readonly backend: Backend;
  /** The proxy terminates TLS for this host. */
  readonly tls: (host: string) => boolean;
  readonly gateway: string;
  readonly file: string;
}

function through(entry: Entry, route: RouteHop, gateway: GatewayRef): Located[] {
  const hosts =
    route.hosts.length === 0 ? [entry.host ?? "*"] : route.hosts.filter((h) => hostsIntersect(entry.host, h === "*" ? undefined : h));
  return hosts.map((h) => {
    // The narrower of the two names is the host that actually gets through.
    const host = entry.host !== undefined && (h === "*" || (h.startsWith("*.") && !entry.host.startsWith("*."))) ? entry.host : h;
    return {
      path: {
        host,
        path: route.path,
        pathType: route.pathType,
        loadBalancer: entry.lb,
        gateway,
        backend: route.backend,
        tls: entry.tls || route.tls(host),
      },
      file: route.file,
    };
  });
}

function istioRoutes(index: Index, proxy: Extract<Proxy, { kind: "istio" }>): RouteHop[] {
  const label = proxy.release.replace(/^istio-/, "");
  const gateways = index.docs.filter(
    (d) =>
      isKind(d, "networking.istio.io", "Gateway") &&
      d.namespace === proxy.namespace &&
      [label, proxy.release].includes(str(record(d.spec["selector"])["istio"]) ?? ""),
  );
  return gateways.flatMap((gateway) => {
    const servers = list(gateway.spec["servers"]).map(record);
    const tls = (host: string) =>
      servers.some(
        (s) =>
          str(record(s["port"])["protocol"]) === "HTTPS" &&
          list(s["hosts"]).some((h) => hostsIntersect(host, stripNamespace(str(h) ?? "*"))),
      );
    return index.docs
      .filter(
        (vs) =>
          isKind(vs, "networking.istio.io", "VirtualService") &&
          list(vs.spec["gateways"]).some((g) => refersTo(str(g) ?? "", vs.namespace, gateway)),
      )
      .flatMap((vs) =>
        list(vs.spec["http"])
          .map(record)
          .flatMap((http) => {
            const destination = record(record(list(http["route"])[0])["destination"]);
            const backend = meshBackend(str(destination["host"]) ?? "", vs.namespace, portNumber(record(destination["port"])["number"]));
            const matches = list(http["match"]).map((m) => record(record(m)["uri"]));
            const uris = matches.length === 0 ? [{ prefix: "/" }] : matches;
            return uris.map((uri) => ({
              hosts: list(vs.spec["hosts"]).map((h) => str(h) ?? "*"),
              path: str(uri["exact"]) ?? str(uri["prefix"]) ?? str(uri["regex"]) ?? "/",
              pathType: uri["exact"] === undefined ? "Prefix" : "Exact",
              backend,
              tls,
              gateway: gateway.name,
              file: vs.file,
            }));
          }),
      );
  });
}

function stripNamespace(host: string): string {
  return host.includes("/") ? (host.split("/")[1] ?? host) : host;
}

function refersTo(reference: string, from: string, gateway: Doc): boolean {
  const [namespace, name] = reference.includes("/") ? reference.split("/") : [from, reference];
  return namespace === gateway.namespace && name === gateway.name;
}

/** `svc.ns.svc.cluster.local`, `svc.ns` or `svc` (in the route's own namespace). */
function meshBackend(host: string, routeNamespace: string, port: number): Backend {
  const [service = host, namespace = routeNamespace] = host.split(".");
  return { namespace, service, port };
}

function kongRoutes(index: Index): RouteHop[] {
  return index.docs
    .filter((d) => isKind(d, "networking.k8s.io", "Ingress") && ingressClass(d) === "kong")
    .flatMap((doc) =>
      ingressRules(doc).map((rule) => ({
        hosts: rule.host === undefined ? [] : [rule.host],
        path: rule.match.path,
        pathType: rule.match.pathType,
        backend: { namespace: rule.service.namespace, service: rule.service.name, port: rule.service.port },
        tls: () => false,
        gateway: "kong",
        file: doc.file,
      })),
    );
}

function attachesTo(route: Doc, gateway: Doc): boolean {
  return list(route.spec["parentRefs"])
    .map(record)
    .some((p) => str(p["name"]) === gateway.name && (str(p["namespace"]) ?? route.namespace) === gateway.namespace);
}

function ciliumRoutes(index: Index, gateway: Doc): RouteHop[] {
  const listeners = list(gateway.spec["listeners"]).map(record);
  const tls = (host: string) => listeners.some((l) => str(l["protocol"]) === "HTTPS" && hostsIntersect(host, str(l["hostname"])));
  const listenerHosts = listeners.map((l) => str(l["hostname"])).filter((h): h is string => h !== undefined);
  return index.docs
    .filter((r) => isKind(r, "gateway.networking.k8s.io", "HTTPRoute") && attachesTo(r, gateway))
    .flatMap((route) => {
      const hostnames = list(route.spec["hostnames"]).map((h) => str(h) ?? "*");
      // Without hostnames a route takes those of the listeners it attaches to.
      const hosts = hostnames.length > 0 ? hostnames : listenerHosts.length === listeners.length ? listenerHosts : [];
      return list(route.spec["rules"])
        .map(record)
        .flatMap((rule) => {
          const ref = record(list(rule["backendRefs"])[0]);
          const backend = {
            namespace: str(ref["namespace"]) ?? route.namespace,
            service: str(ref["name"]) ?? "",
            port: portNumber(ref["port"]),
          };
          const matches = list(rule["matches"]).map((m) => record(record(m)["path"]));
          return (matches.length === 0 ? [{ type: "PathPrefix", value: "/" }] : matches).map((m) => ({
            hosts,
            path: str(m["value"]) ?? "/",
            pathType: str(m["type"]) === "Exact" ? "Exact" : "Prefix",
            backend,
            tls,
            gateway: gateway.name,
            file: route.file,
          }));
        });
    });
}

// --- what does not connect ------------------------------------------------------------------------

function unresolved(index: Index, entries: readonly Entry[]): Finding[] {
  const findings: Finding[] = [];
  const gateways = index.docs.filter((d) => isKind(d, "gateway.networking.k8s.io", "Gateway"));
  for (const route of index.docs.filter((d) => isKind(d, "gateway.networking.k8s.io", "HTTPRoute"))) {
    if (!gateways.some((g) => attachesTo(route, g))) {
      findings.push({
        severity: "warning",
        message: `HTTPRoute ${route.namespace}/${route.name} attaches to no Gateway in these manifests; it serves nothing`,
        path: route.file,
      });
    }
  }
  const istioGateways = index.docs.filter((d) => isKind(d, "networking.istio.io", "Gateway"));
  for (const vs of index.docs.filter((d) => isKind(d, "networking.istio.io", "VirtualService"))) {
    const refs = list(vs.spec["gateways"])
      .map((g) => str(g) ?? "")
      .filter((g) => g !== "mesh");
    for (const ref of refs.filter((r) => !istioGateways.some((g) => refersTo(r, vs.namespace, g)))) {
      findings.push({
        severity: "warning",
        message: `VirtualService ${vs.namespace}/${vs.name} names gateway '${ref}', which is not in these manifests`,
        path: vs.file,
      });
    }
  }
  findings.push(...groupConflicts(entries));
  const reached = new Set(entries.map((e) => serviceKey(e.service.namespace, e.service.name)));
  for (const [key, proxy] of index.proxies) {
    if (proxy.kind === "cilium" || reached.has(key)) continue;
    findings.push({
      severity: "info",
      message: `the ${proxy.kind} gateway ${proxy.release} (Service ${key}) is reached by no load balancer`,
      path: proxy.file,
    });
  }
  return findings;
}

/** Scheme is Exclusive in an IngressGroup: Ingresses that disagree make ALBC refuse the whole group. */
function groupConflicts(entries: readonly Entry[]): Finding[] {
  const byGroup = groupBy(
    entries.filter((x) => x.lb.type === "alb" && !x.lb.external),
    (e) => e.lb.name,
  );
  return [...byGroup].flatMap(([name, list]) => {
    const schemes = [...new Set(list.map((e) => e.lb.scheme))];
    if (schemes.length < 2) return [];
    const where = schemes
      .map((s) => `${s} in ${[...new Set(list.filter((e) => e.lb.scheme === s).map((e) => e.file))].join(", ")}`)
      .join("; ");
    return [
      {
        severity: "error" as const,
        message: `ALB '${name}': its Ingresses disagree on scheme (${where}); the AWS Load Balancer Controller refuses the whole group`,
        path: list[0]?.file ?? "",
      },
    ];
  });
}

function sortPaths(paths: Path[]): Path[] {
  return paths.sort(
    (a, b) =>
      compareText(a.host, b.host) ||
      compareText(a.path, b.path) ||
      compareText(a.loadBalancer.name, b.loadBalancer.name) ||
      compareText(a.gateway.name, b.gateway.name),
  );
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => compareText(a.path, b.path) || compareText(a.message, b.message));
}
