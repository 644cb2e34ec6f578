// What the spec says about the cluster and its controllers, from the charts' Argo CD
// Applications and their values where the manifests have them: chart versions, the AWS Load
// Balancer Controller's clusterName, region, VPC and IAM role, and the GitOps repository. Pure.
import { chartMinor, knownChartMinors, type GatewayApiController } from "../controllers/gateway-api.ts";
import { chartReleases, type ChartRelease } from "../topology/charts.ts";
import { isKind, list, record, str, type Doc, type ValuesFile } from "../topology/documents.ts";
import type { Notes } from "./notes.ts";
import type { SpecObject } from "./load-balancers.ts";

/** Which chart each controller is installed from (the charts ingress-gitops renders). */
const CHARTS: Record<GatewayApiController, (chart: string | undefined, repoURL: string) => boolean> = {
  awsLoadBalancerController: (chart) => chart === "aws-load-balancer-controller",
  cilium: (chart) => chart === "cilium",
  istio: (chart, repo) => (chart === "istiod" || chart === "gateway") && repo.includes("istio"),
  kong: (chart, repo) => chart === "ingress" && repo.includes("konghq"),
};

export interface ClusterFacts {
  readonly controllers: SpecObject;
  readonly clusterName?: string;
  readonly region?: string;
  readonly vpcId?: string;
  readonly repoURL?: string;
}

export function clusterFacts(docs: readonly Doc[], values: readonly ValuesFile[], notes: Notes): ClusterFacts {
  const controllers: SpecObject = {};
  let albc: ChartRelease | undefined;
  for (const [controller, isChart] of Object.entries(CHARTS) as [GatewayApiController, (typeof CHARTS)[GatewayApiController]][]) {
    const releases = chartReleases({ docs, values }, isChart);
    const release = releases[0];
    if (release === undefined) continue;
    if (controller === "awsLoadBalancerController") albc = release;
    notes.unexpressed(
      { doc: release.doc },
      `Application ${release.release}`,
      `installs ${controller}; the render installs it through an Application of its own, so remove this one in the same pull request, or Argo CD runs the chart twice`,
    );
    const version = chartVersion(release);
    if (version === undefined) continue;
    if (!knownChartMinors(controller).includes(chartMinor(version))) {
      notes.chose(
        { doc: release.doc },
        `Application ${release.release}`,
        `${controller} chart ${version}: ingress-gitops is tested with ${knownChartMinors(controller).join(", ")}, so the spec leaves its tested default; upgrade deliberately`,
      );
      controllers[controller] = {};
      continue;
    }
    controllers[controller] = { chartVersion: version };
  }
  const albcValues = albc?.values ?? {};
  const roleArn = str(record(record(albcValues["serviceAccount"])["annotations"])["eks.amazonaws.com/role-arn"]);
  if (roleArn !== undefined)
    controllers["awsLoadBalancerController"] = { ...record(controllers["awsLoadBalancerController"]), serviceAccount: { roleArn } };
  const read = new Set(["clusterName", "region", "vpcId", "serviceAccount"]);
  const rest = Object.keys(albcValues).filter((k) => !read.has(k));
  if (albc !== undefined && rest.length > 0)
    notes.unexpressed(
      { doc: albc.doc },
      `Application ${albc.release}`,
      `values ${rest.join(", ")} not imported: set them in controllers.awsLoadBalancerController.values if they are still wanted`,
    );
  const clusterName = str(albcValues["clusterName"]);
  const region = str(albcValues["region"]);
  const vpcId = str(albcValues["vpcId"]);
  const repoURL = valuesRepository(docs);
  return {
    controllers,
    ...(clusterName === undefined ? {} : { clusterName }),
    ...(region === undefined ? {} : { region }),
    ...(vpcId === undefined ? {} : { vpcId }),
    ...(repoURL === undefined ? {} : { repoURL }),
  };
}

/** The chart version its own Application pins (not another's in the same file). */
function chartVersion(release: ChartRelease): string | undefined {
  const { doc } = release;
  if (!isKind(doc, "argoproj.io", "Application")) return undefined;
  const sources = [...list(doc.spec["sources"]), ...(doc.spec["source"] === undefined ? [] : [doc.spec["source"]])].map(record);
  return sources.map((s) => str(s["targetRevision"])).find((v) => v !== undefined && /^\d/.test(v));
}

/** The Git repository the Applications take their values from (`ref: values`), which is where the spec's files go. */
function valuesRepository(docs: readonly Doc[]): string | undefined {
  return docs
    .filter((d) => isKind(d, "argoproj.io", "Application"))
    .flatMap((d) => list(d.spec["sources"]).map(record))
    .filter((s) => s["ref"] !== undefined)
    .map((s) => str(s["repoURL"]))
    .find((u) => u !== undefined);
}

/** The region of the first ARN in the manifests (`arn:aws:<service>:<region>:…`). */
export function regionFromArns(text: string): string | undefined {
  return /arn:aws[a-z-]*:(?:acm|elasticloadbalancing|wafv2):([a-z]{2}(?:-[a-z]+)+-\d):/.exec(text)?.[1];
}
