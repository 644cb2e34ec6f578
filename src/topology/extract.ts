// Kubernetes YAML → exposure Paths, read from what the cluster would be given (never from a spec),
// so a hand-written GitOps folder reads as well as a rendered one. Pure.
//
// Traffic enters through an entry (an ALB Ingress rule, a LoadBalancer Service, a Gateway's
// Service, a TargetGroupBinding) that sends it to a Service. If that Service is a proxy (an Istio
// gateway, Kong's proxy, a Cilium Gateway) the routes behind the proxy continue the Path;
// otherwise the Service is the backend. Each controller's reader finds its own entries and
// proxies; this core joins them. What cannot be connected is a finding, never a guess.
import { compareText } from "../compare-text.ts";
import { hostsIntersect } from "../controllers/hostnames.ts";
import { albcReader } from "./albc.ts";
import { installedApplications } from "./applications.ts";
import { ciliumReader } from "./cilium.ts";
import { readDocuments } from "./documents.ts";
import { gatewayApiReader } from "./gateway-api.ts";
import { istioReader } from "./istio.ts";
import { kongReader } from "./kong.ts";
import { serviceKey, type Entry, type Proxy, type RouteHop, type TopologyReader } from "./reader.ts";
import type { Finding, ManifestFile, Path, TopologyReading } from "./types.ts";

/** Their order settles what two readers both define: the first to name a load balancer, the last to claim a proxy Service. */
const READERS: readonly TopologyReader[] = [albcReader, ciliumReader, istioReader, kongReader, gatewayApiReader];

export function extractTopology(files: readonly ManifestFile[]): TopologyReading {
  const { docs, values, findings } = readDocuments(files);
  const readings = READERS.map((read) => read({ docs, values }));
  const entries = readings.flatMap((r) => r.entries);
  const proxies = new Map(readings.flatMap((r) => r.proxies).map((p) => [serviceKey(p.namespace, p.service), p]));
  const located = entries.flatMap((entry) => expand(proxies, entry));
  findings.push(...readings.flatMap((r) => r.findings), ...unreached(proxies, entries));
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

interface Located {
  readonly path: Path;
  readonly file: string;
}

function expand(proxies: ReadonlyMap<string, Proxy>, entry: Entry): Located[] {
  const proxy = proxies.get(serviceKey(entry.service.namespace, entry.service.name));
  if (proxy !== undefined) return proxy.routes().flatMap((route) => through(entry, route));
  const { lb, service, rule } = entry;
  const backend = { namespace: service.namespace, service: service.name, port: service.port };
  // A load balancer that forwards a port has no HTTP host or path: its Path is the port itself.
  const at =
    rule === undefined
      ? { host: lb.name, path: `:${service.port}`, pathType: "Exact" as const, gateway: { name: "none", type: "none" as const } }
      : { host: rule.host ?? "*", path: rule.urlPath, pathType: rule.pathType, gateway: rule.gateway };
  const path: Path = {
    host: at.host,
    path: at.path,
    pathType: at.pathType,
    loadBalancer: lb,
    gateway: at.gateway,
    backend,
    tls: entry.tls,
  };
  return [{ path, file: entry.file }];
}

function through(entry: Entry, route: RouteHop): Located[] {
  const entryHost = entry.rule?.host;
  const hosts =
    route.hosts.length === 0 ? [entryHost ?? "*"] : route.hosts.filter((h) => hostsIntersect(entryHost, h === "*" ? undefined : h));
  return hosts.map((h) => {
    // The narrower of the two names is the host that actually gets through.
    const host = entryHost !== undefined && (h === "*" || (h.startsWith("*.") && !entryHost.startsWith("*."))) ? entryHost : h;
    return {
      path: {
        host,
        path: route.urlPath,
        pathType: route.pathType,
        loadBalancer: entry.lb,
        gateway: route.gateway,
        backend: route.backend,
        tls: entry.tls || route.tls(host),
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
