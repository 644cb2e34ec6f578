// The gateway Services that only Argo CD Applications (or an ApplicationSet's list generator) and
// values files describe: a chart release's proxy, and the NLB its Service makes when left at the
// charts' default type LoadBalancer.
import { isKind, list, record, str, type Doc } from "./documents.ts";
import { nlbRef } from "./albc.ts";
import { serviceMaking } from "./services.ts";
import { serviceKey, type Entry, type Manifests, type Proxy, type Hop } from "./reader.ts";

export interface ChartRelease {
  readonly release: string;
  readonly namespace: string;
  /** The Application or ApplicationSet that installs it. */
  readonly doc: Doc;
  /** Its values files merged in order, then the Application's valuesObject. */
  readonly values: Record<string, unknown>;
}

interface ChartSource {
  readonly chart: string | undefined;
  readonly repoURL: string;
  readonly releaseName: string;
  readonly namespace: string;
  readonly valueFiles: readonly unknown[];
  readonly valuesObject: Record<string, unknown>;
  readonly doc: Doc;
}

/** The releases of the charts `isChart` picks, with the values the manifests give them. */
export function chartReleases(
  { docs, values: valuesFiles }: Manifests,
  isChart: (chart: string | undefined, repoURL: string) => boolean,
): ChartRelease[] {
  return [...docs.flatMap(applicationCharts), ...docs.flatMap(applicationSetCharts)]
    .filter((source) => isChart(source.chart, source.repoURL))
    .map((source) => {
      const fromFiles = source.valueFiles.flatMap((f) => {
        const wanted = (str(f) ?? "").replace(/^\$values\//, "");
        return valuesFiles.filter((v) => wanted === v.file || wanted.endsWith(`/${v.file}`)).map((v) => v.values);
      });
      const values = Object.assign({}, ...fromFiles, source.valuesObject) as Record<string, unknown>;
      return { release: source.releaseName, namespace: source.namespace, doc: source.doc, values };
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
      doc,
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
      doc,
    }));
}

/** The Service a release puts in front of its proxy: its name, and its values (`type`, `annotations`). */
export interface ChartService {
  readonly name: string;
  readonly values: Record<string, unknown>;
}

/** A release's proxy, and the internal (by the controller's default) NLB its Service makes while of type LoadBalancer. */
export function releaseReading(
  chart: ChartRelease,
  kind: "istio" | "kong",
  service: ChartService,
  routes: () => readonly Hop[],
): { readonly entries: Entry[]; readonly proxy: Proxy } {
  const key = serviceKey(chart.namespace, service.name);
  const proxy: Proxy = {
    namespace: chart.namespace,
    service: service.name,
    routes,
    unreached: {
      severity: "info",
      message: `the ${kind} gateway ${chart.release} (Service ${key}) is reached by no load balancer`,
      path: chart.doc.file,
    },
  };
  const type = str(service.values["type"]) ?? "LoadBalancer";
  if (type !== "LoadBalancer") return { entries: [], proxy };
  const entry: Entry = {
    lb: nlbRef(key, record(service.values["annotations"])),
    making: serviceMaking("aws-load-balancer-controller", record(service.values["annotations"]), service.values["loadBalancerClass"]),
    tls: false,
    file: chart.doc.file,
    service: { namespace: chart.namespace, name: service.name, port: 80 },
    rule: undefined,
  };
  return { entries: [entry], proxy };
}
