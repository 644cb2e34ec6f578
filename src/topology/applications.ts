// Argo CD Applications (and the Applications an ApplicationSet's list generator makes) → what
// each installs that the cluster depends on, read from its source (chart or repository), never
// from a spec, so a hand-written folder reads as well as a rendered one. Pure.
import { isKind, list, record, str, type Doc } from "./documents.ts";
import type { InstalledApplication } from "./types.ts";

/** With it, deleting the Application deletes what it installed (argo-cd docs/user-guide/app_deletion.md). */
const RESOURCES_FINALIZER = "resources-finalizer.argocd.argoproj.io";

interface Source {
  readonly repoURL: string;
  readonly chart: string | undefined;
  /** `source.path`: the folder of the repository it applies. */
  readonly folder: string | undefined;
  /** helm.skipCrds: the chart's crds/ folder is not applied. */
  readonly skipCrds: boolean;
}

interface Installs {
  readonly what: string;
  readonly clusterWide: boolean;
}

/**
 * What the cluster loses with each known source. The CRD placements: ALBC's chart and both of
 * Kong's subcharts ship theirs in crds/ (which Argo CD applies unless skipCrds; ingress-gitops
 * applies Kong's once, from the kong chart's crds/ folder), Istio's base chart renders its CRDs
 * from templates; Cilium's operator creates its own CRDs, but Cilium is the CNI.
 */
function installs(source: Source): Installs | undefined {
  const { repoURL, chart, folder } = source;
  const crds = (what: string) => ({ what, clusterWide: true });
  if (repoURL.includes("kubernetes-sigs/gateway-api"))
    return crds("the Gateway API CRDs, and with them every Gateway and route in the cluster");
  if (repoURL.includes("kubernetes-sigs/aws-load-balancer-controller") && folder === "config/crd/gateway")
    return crds(
      "ALBC's Gateway API CRDs (LoadBalancerConfiguration, TargetGroupConfiguration, ListenerRuleConfiguration), and with them every ALB and NLB that a Gateway configures",
    );
  if (repoURL.includes("Kong/charts") && folder?.endsWith("/crds") === true)
    return crds("Kong's CRDs, and with them every KongPlugin and other Kong resource in the cluster");
  if (chart === "aws-load-balancer-controller")
    return crds(
      "the AWS Load Balancer Controller with its CRDs (TargetGroupBinding, IngressClassParams), which every ALB and NLB it manages depends on",
    );
  if (chart === "cilium") return crds("Cilium, the cluster's CNI: every pod's network");
  if (chart === "base" && repoURL.includes("istio")) return crds("Istio's CRDs, and with them every Istio resource in the cluster");
  if (chart === "istiod" && repoURL.includes("istio"))
    return { what: "istiod, the Istio control plane every sidecar and gateway takes its configuration from", clusterWide: false };
  if (chart === "ingress" && repoURL.includes("konghq"))
    return source.skipCrds
      ? { what: "the Kong controller and proxy", clusterWide: false }
      : crds("the Kong controller and proxy with Kong's CRDs");
  return undefined;
}

export function installedApplications(docs: readonly Doc[]): InstalledApplication[] {
  return [...docs.flatMap(fromApplication), ...docs.flatMap(fromApplicationSet)];
}

function fromApplication(doc: Doc): InstalledApplication[] {
  if (!isKind(doc, "argoproj.io", "Application")) return [];
  const sources = [...list(doc.spec["sources"]), ...(doc.spec["source"] === undefined ? [] : [doc.spec["source"]])].map(record);
  const found = sources.map((s) => installs(sourceOf(s))).find((w) => w !== undefined);
  return found === undefined
    ? []
    : [
        {
          name: doc.name,
          file: doc.file,
          installs: found.what,
          clusterWide: found.clusterWide,
          cascades: doc.finalizers.includes(RESOURCES_FINALIZER),
        },
      ];
}

/**
 * Elements in the shape ingress-gitops writes: chart, repoURL, name, and `finalizer` where the
 * template patch adds the resources finalizer. A patch can only add it: Argo CD first gives it to
 * every Application whose template has no finalizer, unless the ApplicationSet preserves resources
 * on deletion (argo-cd applicationset/utils/utils.go, RenderTemplateParams), then applies the patch.
 */
function fromApplicationSet(doc: Doc): InstalledApplication[] {
  if (!isKind(doc, "argoproj.io", "ApplicationSet")) return [];
  const template = record(record(doc.spec["template"])["metadata"]);
  const nameTemplate = str(template["name"]) ?? "{{.name}}";
  const finalizers = list(template["finalizers"]);
  const preserves = record(doc.spec["syncPolicy"])["preserveResourcesOnDeletion"] === true;
  const templateCascades = finalizers.includes(RESOURCES_FINALIZER) || (finalizers.length === 0 && !preserves);
  return list(doc.spec["generators"])
    .flatMap((g) => list(record(record(g)["list"])["elements"]))
    .map(record)
    .flatMap((e) => {
      const found = installs({ ...sourceOf(e), skipCrds: e["skipCrds"] === true });
      const name = nameTemplate.replace(/\{\{\s*\.name\s*\}\}/g, str(e["name"]) ?? "");
      const cascades = templateCascades || e["finalizer"] === true;
      return found === undefined ? [] : [{ name, file: doc.file, installs: found.what, clusterWide: found.clusterWide, cascades }];
    });
}

function sourceOf(s: Record<string, unknown>): Source {
  return {
    repoURL: str(s["repoURL"]) ?? "",
    chart: str(s["chart"]),
    folder: str(s["path"]),
    skipCrds: record(s["helm"])["skipCrds"] === true,
  };
}
