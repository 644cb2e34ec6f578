// Fixture pairs: every example and every extra case renders exactly its expected folder, twice
// the same, and what lands on disk still passes strict validation when read back.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { listFiles, renderCase, renderCases } from "../../scripts/update-render-goldens.ts";
import { validateHelmValues, validateManifest } from "../../src/verify/index.ts";
import type { ValuesChart } from "../../src/render/provider.ts";

const CHART_OF: Record<string, ValuesChart> = {
  "aws-load-balancer-controller": "aws-load-balancer-controller",
  cilium: "cilium",
  base: "istio-base",
  istiod: "istiod",
  gateway: "istio-gateway",
  ingress: "kong-ingress",
};

for (const c of renderCases()) {
  test(`render ${c.name}: matches ${c.expected}`, () => {
    const rendered = renderCase(c.spec);
    assert.deepEqual(
      rendered.files.map((f) => f.path),
      listFiles(c.expected),
      "run `npm run goldens` and review the diff",
    );
    for (const file of rendered.files) assert.equal(file.content, readFileSync(join(c.expected, file.path), "utf8"), file.path);
  });

  test(`render ${c.name}: a rerun is byte-identical`, () => {
    assert.deepEqual(renderCase(c.spec).files, renderCase(c.spec).files);
  });

  test(`render ${c.name}: every file read back passes strict upstream validation`, () => {
    const files = listFiles(c.expected).map((path) => ({
      path,
      value: parse(readFileSync(join(c.expected, path), "utf8")) as Record<string, unknown>,
    }));
    const crds = files.find((f) => f.path === "apps/gateway-api-crds.yaml")?.value as
      { spec: { source: { targetRevision: string; path: string } } } | undefined;
    const ctx =
      crds === undefined
        ? {}
        : {
            gatewayAPI: {
              version: crds.spec.source.targetRevision,
              channel: crds.spec.source.path.endsWith("experimental") ? ("experimental" as const) : ("standard" as const),
            },
          };
    for (const { path, value } of files.filter((f) => !f.path.startsWith("values/")))
      assert.deepEqual(validateManifest(value, ctx), [], path);
    for (const { path, value } of files.filter((f) => f.path.startsWith("apps/"))) {
      const chart = (value as { spec: { sources?: { chart?: string; targetRevision: string }[] } }).spec.sources?.[1];
      if (chart?.chart === undefined) continue;
      const valuesPath = path.replace(/^apps\//, "values/");
      const values = files.find((f) => f.path === valuesPath)?.value ?? {};
      assert.deepEqual(validateHelmValues(CHART_OF[chart.chart] ?? chart.chart, chart.targetRevision, values), [], valuesPath);
    }
  });
}
