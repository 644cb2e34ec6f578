// Kubernetes YAML → exposures, read from what the cluster would be given (never from a spec),
// so a hand-written GitOps folder reads as well as a rendered one. Pure.
//
// Traffic enters through an entry (an ALB Ingress rule, a LoadBalancer Service, a Gateway's
// Service, a TargetGroupBinding) that sends it to a Service. If that Service is a proxy (an Istio
// gateway, Kong's proxy, a Cilium Gateway) the routes behind the proxy continue the exposure;
// otherwise the Service is the backend. Each controller's reader finds its own entries and
// proxies; this core joins them. What cannot be connected is a finding, never a guess.
import { compareText } from "../compare-text.ts";
import { hostsIntersect } from "../controllers/hostnames.ts";
import { albcReader } from "./albc.ts";
import { awsReader } from "./aws.ts";
import { installedApplications } from "./applications.ts";
import { ciliumReader } from "./cilium.ts";
import { readDocuments } from "./documents.ts";
import { gatewayApiReader } from "./gateway-api.ts";
import { istioReader } from "./istio.ts";
import { kongReader } from "./kong.ts";
import { placeFindings } from "./positions.ts";
import { serviceKey, type Entry, type Hop, type Proxy, type ReadFinding, type TopologyReader } from "./reader.ts";
import { hostAndPath, type Exposure, type Finding, type ManifestFile, type TopologyReading } from "./types.ts";

/** Their order settles what two readers both define: the first to name a load balancer, the last to claim a proxy Service. */
const READERS: readonly TopologyReader[] = [albcReader, awsReader, ciliumReader, istioReader, kongReader, gatewayApiReader];

export function extractTopology(files: readonly ManifestFile[]): TopologyReading {
  const { docs, values, findings } = readDocuments(files);
  const readings = READERS.map((read) => read({ docs, values }));
  const entries = readings.flatMap((r) => r.entries);
  const proxies = new Map(readings.flatMap((r) => r.proxies).map((p) => [serviceKey(p.namespace, p.service), p]));
  // A proxy's routes are read once, however many entries reach it (a Gateway's listeners, an ALB's rules).
  const routes = new Map<Proxy, readonly Hop[]>();
  const routesOf = (proxy: Proxy) => {
    const known = routes.get(proxy);
    if (known !== undefined) return known;
    const read = proxy.routes();
    routes.set(proxy, read);
    return read;
  };
  const located = entries.flatMap((entry) => expand(proxies, routesOf, entry));
  findings.push(...readings.flatMap((r) => r.findings), ...unreached(proxies, entries));
  const origins = new Map(located.map((l) => [l.exposure, l.file]));
  const proxied = new Map(located.flatMap((l) => (l.proxy === undefined ? [] : [[l.exposure, l.proxy] as const])));
  const loadBalancers = new Map([...entries].reverse().map((e) => [e.lb.name, { lb: e.lb, file: e.file, making: e.making }]));
  return {
    exposures: sortExposures(located.map((l) => l.exposure)),
    findings: placeFindings(sortFindings(findings), files),
    origins,
    proxies: proxied,
    loadBalancers,
    applications: installedApplications(docs),
  };
}

interface Located {
  readonly exposure: Exposure;
  readonly file: string;
  /** The proxy Service it passes, if any. */
  readonly proxy?: string;
}

function expand(proxies: ReadonlyMap<string, Proxy>, routesOf: (proxy: Proxy) => readonly Hop[], entry: Entry): Located[] {
  const key = serviceKey(entry.service.namespace, entry.service.name);
  const proxy = proxies.get(key);
  if (proxy !== undefined) return routesOf(proxy).flatMap((route) => through(entry, route).map((l) => ({ ...l, proxy: key })));
  const { lb: loadBalancer, service, rule, tls } = entry;
  const backend = { namespace: service.namespace, service: service.name, port: service.port };
  const exposure: Exposure =
    rule === undefined
      ? { kind: "port", port: service.port, loadBalancer, gateway: { name: "none", type: "none" }, backend, tls, routeKind: "Service" }
      : {
          kind: "route",
          host: rule.host ?? "*",
          urlPath: rule.urlPath,
          pathType: rule.pathType,
          loadBalancer,
          gateway: rule.gateway,
          backend,
          tls,
          routeKind: rule.routeKind,
        };
  return [{ exposure, file: entry.file }];
}

function through(entry: Entry, route: Hop): Located[] {
  if (route.kind === "port") {
    // A TCP or UDP listener takes what a load balancer forwards to its port; an ALB's HTTP rule never reaches it.
    if (route.port !== entry.service.port || entry.rule !== undefined) return [];
    const { port, backend, gateway, routeKind, file } = route;
    return [{ exposure: { kind: "port", port, loadBalancer: entry.lb, gateway, backend, tls: entry.tls, routeKind }, file }];
  }
  if (route.ports !== undefined && !route.ports.includes(entry.service.port)) return [];
  const entryHost = entry.rule?.host;
  const hosts =
    route.hosts.length === 0 ? [entryHost ?? "*"] : route.hosts.filter((h) => hostsIntersect(entryHost, h === "*" ? undefined : h));
  return hosts.map((h) => {
    // The narrower of the two names is the host that actually gets through.
    const host = entryHost !== undefined && (h === "*" || (h.startsWith("*.") && !entryHost.startsWith("*."))) ? entryHost : h;
    return {
      exposure: {
        kind: "route",
        host,
        urlPath: route.urlPath,
        pathType: route.pathType,
        loadBalancer: entry.lb,
        gateway: route.gateway,
        backend: route.backend,
        tls: entry.tls || route.tls(host),
        routeKind: route.routeKind,
      },
      file: route.file,
    };
  });
}

/** A proxy no entry reaches serves nothing, which its reader may want said. */
function unreached(proxies: ReadonlyMap<string, Proxy>, entries: readonly Entry[]): Finding[] {
  const reached = new Set(entries.map((e) => serviceKey(e.service.namespace, e.service.name)));
  return [...proxies].flatMap(([key, proxy]) => (reached.has(key) || proxy.unreached === undefined ? [] : [proxy.unreached]));
}

function sortExposures(exposures: Exposure[]): Exposure[] {
  return exposures
    .map((e) => ({ e, ...hostAndPath(e) }))
    .sort(
      (a, b) =>
        compareText(a.host, b.host) ||
        compareText(a.path, b.path) ||
        compareText(a.e.loadBalancer.name, b.e.loadBalancer.name) ||
        compareText(a.e.gateway.name, b.e.gateway.name),
    )
    .map(({ e }) => e);
}

function sortFindings(findings: ReadFinding[]): ReadFinding[] {
  return findings.sort((a, b) => compareText(a.path, b.path) || compareText(a.message, b.message));
}
