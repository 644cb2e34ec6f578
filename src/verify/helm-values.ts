// validateHelmValues: the values ingress-gitops renders for a chart, against that chart
// release's own values.schema.json, or its values.yaml keys where upstream ships no schema.
import { isRecord } from "../is-record.ts";
import { mergeValues } from "../merge-values.ts";
import { CHART_VERSIONS, type ChartValuesCheck } from "./catalog.ts";
import { describeValue, findingsFromAjv, type Violation } from "./messages.ts";
import { valuesSchemaEntry } from "./schema-entries.ts";
import { readVendored, schemaErrors } from "./schema-store.ts";
import type { OutputProblem } from "./types.ts";
import { checkValuesKeys } from "./values-keys.ts";

// Istio charts keep their defaults under this key and users set the same keys at the top level.
const ISTIO_DEFAULTS_KEY = "_internal_defaults_do_not_set";

const defaultsCache = new Map<string, unknown>();

/** The defaults a user's values are compared with, as Helm would see them. */
function effectiveDefaults(check: Extract<ChartValuesCheck, { by: "defaults" }>): unknown {
  let defaults = defaultsCache.get(check.vendored);
  if (defaults !== undefined) return defaults;
  const raw = readVendored(check.vendored) as Record<string, unknown>;
  const { [ISTIO_DEFAULTS_KEY]: internal, ...topLevel } = raw;
  defaults = isRecord(internal) ? mergeValues(topLevel, internal) : topLevel;
  // A subchart alias block holds the subchart's values with the parent's overrides on top.
  for (const [alias, sub] of Object.entries(check.subcharts ?? {})) {
    const parent = defaults as Record<string, unknown>;
    const own = parent[alias];
    const values = readVendored(sub.vendored);
    parent[alias] = isRecord(values) && isRecord(own) ? mergeValues(values, own) : (own ?? values);
  }
  defaultsCache.set(check.vendored, defaults);
  return defaults;
}

function findings(check: ChartValuesCheck, values: Record<string, unknown>): Violation[] {
  if (check.by === "defaults") return checkValuesKeys(values, effectiveDefaults(check));
  return findingsFromAjv(schemaErrors(valuesSchemaEntry(check.vendored), withoutKeys(values, check.commentedKeys ?? [])));
}

/** The values without the given key paths, which the schema cannot know about. */
function withoutKeys(values: Record<string, unknown>, paths: readonly (readonly string[])[]): Record<string, unknown> {
  if (paths.length === 0) return values;
  return Object.fromEntries(
    Object.entries(values).flatMap(([key, value]): [string, unknown][] => {
      const here = paths.filter((p) => p[0] === key);
      if (here.some((p) => p.length === 1)) return [];
      return [
        [
          key,
          here.length > 0 && isRecord(value)
            ? withoutKeys(
                value,
                here.map((p) => p.slice(1)),
              )
            : value,
        ],
      ];
    }),
  );
}

/**
 * Problems of the values given to one chart release. Charts: aws-load-balancer-controller,
 * cilium, istio-base, istiod, istio-gateway, kong-ingress. An empty list means valid.
 */
export function validateHelmValues(chart: string, chartVersion: string, values: unknown): OutputProblem[] {
  const document = `values ${chart} ${chartVersion}`;
  const releases = CHART_VERSIONS.filter((c) => c.chart === chart);
  if (releases.length === 0) {
    const charts = [...new Set(CHART_VERSIONS.map((c) => c.chart))];
    return [{ document, path: "", message: `no schema for chart "${chart}"; known charts: ${charts.join(", ")}` }];
  }
  const release = releases.find((c) => c.version === chartVersion.replace(/^v/, ""));
  if (release === undefined) {
    return [
      {
        document,
        path: "",
        message: `no schema for ${chart} chart version ${chartVersion}; known versions: ${releases.map((c) => c.version).join(", ")}`,
      },
    ];
  }
  if (typeof values !== "object" || values === null || Array.isArray(values)) {
    return [{ document, path: "", message: `values must be a map, got ${describeValue(values)}` }];
  }
  return findings(release.check, values as Record<string, unknown>).map((f) => ({ document, ...f }));
}
