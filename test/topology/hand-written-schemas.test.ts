// The hand-written fixtures are objects a cluster would accept: each fits its pinned upstream
// schema (schema/upstream/) wherever one is vendored, so the reader is tested on real shapes.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { loadAll } from "js-yaml";
import { isRecord } from "../../src/is-record.ts";
import { documentLabel, validateManifest } from "../../src/verify/manifest.ts";

const ROOT = "test/fixtures/hand-written";

// Kinds and versions this project vendors no schema for, since it renders none of them: apps/v1,
// ServiceAccount, GRPCRoute, TLSRoute, TCPRoute, UDPRoute, and Istio's v1beta1 (the fixtures use it, as many teams
// still do; v1 is vendored).
const UNVENDORED =
  /^no schema for (apiVersion (apps\/v1|v1 kind ServiceAccount|gateway\.networking\.k8s\.io\/\w+ kind (GRPCRoute|TLSRoute|TCPRoute|UDPRoute))|(VirtualService|Gateway) in apiVersion networking\.istio\.io\/v1beta1)/;

test("every hand-written object with a vendored schema fits it", () => {
  // Helm values files (argocd-charts/values/) are a chart's input, not Kubernetes objects.
  const files = (readdirSync(ROOT, { recursive: true }) as string[]).filter((f) => f.endsWith(".yaml") && !f.includes("/values/")).sort();
  const problems: string[] = [];
  let checked = 0;
  for (const file of files) {
    for (const doc of loadAll(readFileSync(join(ROOT, file), "utf8"))) {
      const items = isRecord(doc) && doc["kind"] === "List" && Array.isArray(doc["items"]) ? (doc["items"] as unknown[]) : [doc];
      for (const item of items) {
        if (item === null || item === undefined) continue;
        const found = validateManifest(item, { gatewayAPI: { version: "v1.4.1", channel: "experimental" } });
        if (found.length === 1 && UNVENDORED.test(found[0]?.message ?? "")) continue;
        checked++;
        problems.push(...found.map((p) => `${file}: ${documentLabel(item)} ${p.path}: ${p.message}`));
      }
    }
  }
  assert.deepEqual(problems, []);
  assert.ok(checked >= 40, `${checked} objects checked`);
});
