// The free-form Helm `values` of each controller, against the values.schema.json (or values.yaml
// keys) of the chart version it installs: a misspelt key is said with its position here, instead
// of only when the rendered values are validated (which could then blame nothing but a bug).
import { validateHelmValues } from "../../verify/helm-values.ts";
import { isRecord } from "../../is-record.ts";
import { pointerToPath } from "../schema.ts";
import type { Controllers } from "../types.ts";
import type { PathSegment } from "../../load/yaml-source.ts";
import { report, type Check } from "./context.ts";

/** The chart each controller's `values` go to (Istio's are istiod's, see the schema). */
const VALUES_CHART: Readonly<Record<Exclude<keyof Controllers, "gatewayAPI">, string>> = {
  awsLoadBalancerController: "aws-load-balancer-controller",
  cilium: "cilium",
  istio: "istiod",
  kong: "kong-ingress",
};

export const helmValuesFitTheChart: Check = (ctx) =>
  Object.entries(VALUES_CHART).flatMap(([controller, chart]) => {
    const settings = ctx.spec.controllers[controller as keyof typeof VALUES_CHART];
    if (settings === undefined || Object.keys(settings.values).length === 0) return [];
    // A version without a vendored schema is knownChartVersions' to refuse.
    const findings = validateHelmValues(chart, settings.chartVersion, settings.values).filter((f) => f.path !== "");
    return findings.flatMap((f) => {
      const segments = pointerToPath(f.path);
      // Only what the user wrote is theirs to fix (a missing required key, say, may be rendered).
      if (!written(settings.values, segments)) return [];
      return [
        report(ctx, ["controllers", controller, "values", ...segments], `${f.message} (chart ${chart} ${settings.chartVersion})`, {
          part: "key",
        }),
      ];
    });
  });

function written(values: unknown, path: readonly PathSegment[]): boolean {
  let here = values;
  for (const segment of path) {
    if (Array.isArray(here) && typeof segment === "number" && segment < here.length) here = here[segment];
    else if (isRecord(here) && Object.hasOwn(here, String(segment))) here = here[String(segment)];
    else return false;
  }
  return true;
}
