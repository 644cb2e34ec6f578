// Regenerates schema/upstream/ from the shared upstream schema collection (../shared/schemas, or
// $INGRESS_GITOPS_SHARED/schemas).
// Run: npx tsx scripts/vendor-upstream-schemas.ts
//
// The vendored files are pruned copies: only the kinds, versions and definitions that
// src/verify/catalog.ts lists, with documentation-only keywords removed and repeated
// subschemas hoisted into $defs. Output is deterministic (sorted keys, compact JSON), so a
// test can check that the committed files are exactly what this script produces.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parse, parseAllDocuments } from "yaml";
import { vendoredFiles, type CoreDocument, CORE_DOCUMENTS, CRD_SCHEMAS, type VendoredFile } from "../src/verify/catalog.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));
/**
 * The project's shared folder (upstream schemas, the input contract): beside the checkout, or where
 * INGRESS_GITOPS_SHARED says (a worktree has no ../shared). A clean clone has neither, so the tests
 * check the vendored copies against the sha256s recorded with them, and against the source when present.
 */
export const SHARED_ROOT = process.env["INGRESS_GITOPS_SHARED"] ?? join(REPO_ROOT, "..", "shared");
export const DEFAULT_SOURCE_ROOT = join(SHARED_ROOT, "schemas");
export const VENDOR_DIR = join(REPO_ROOT, "schema", "upstream");

/** Upstream origin of each source folder, copied from shared/schemas/README.md. */
const ORIGINS: readonly { prefix: string; upstream: string; ref: string; commit: string }[] = [
  ...(
    [
      ["v1.0.0", "a0684982eddeb0360e215e0de322c3210ac49bb9"],
      ["v1.2.1", "a8fe5c8732a37ef471d86afaf570ff8ad0ef0221"],
      ["v1.4.1", "477d172e6ac5eccb82b65781ddb8f924afec4170"],
      ["v1.6.1", "8bb74df00e56ec8f944d48c25e6c1c9c2f6848e3"],
    ] as const
  ).map(([tag, commit]) => ({
    prefix: `crds/gateway-api/${tag}/`,
    upstream: "kubernetes-sigs/gateway-api config/crd/",
    ref: `tag ${tag}`,
    commit,
  })),
  ...(
    [
      ["v3.5.1", "109ca7ca71139e514114499d294a492e7910a965"],
      ["v2.14.21", "206a6eeca509bbf7f239301f3d3fa498c23251a4"],
    ] as const
  ).map(([tag, commit]) => ({ prefix: `crds/argo-cd/${tag}/`, upstream: "argoproj/argo-cd manifests/crds/", ref: `tag ${tag}`, commit })),
  ...(
    [
      ["v3.5.0", "3.5.0", "11eb202c97e4ae2ee45e0658c4cde9a4b59f33d4"],
      ["v2.17.1", "1.17.1", "3b9bdb1e3fb2ccd7190f32c665062ff2b5792543"],
    ] as const
  ).flatMap(([tag, chart, commit]) => [
    {
      prefix: `crds/aws-load-balancer-controller/${tag}/`,
      upstream: "kubernetes-sigs/aws-load-balancer-controller config/crd/bases/",
      ref: `tag ${tag}`,
      commit,
    },
    {
      prefix: `helm/aws-load-balancer-controller/chart-${chart}/`,
      upstream: "kubernetes-sigs/aws-load-balancer-controller helm/aws-load-balancer-controller/",
      ref: `tag ${tag}`,
      commit,
    },
  ]),
  {
    prefix: "crds/istio/1.30.3/",
    upstream: "istio/istio manifests/charts/base/files/crd-all.gen.yaml",
    ref: "tag 1.30.3",
    commit: "56df41f63e513f834c9a3af33d8aed82d1d961f2",
  },
  ...(
    [
      ["istio-gateway", "gateway"],
      ["istiod", "istio-control/istio-discovery"],
      ["istio-base", "base"],
    ] as const
  ).map(([chart, dir]) => ({
    prefix: `helm/${chart}/chart-1.30.3/`,
    upstream: `istio/istio manifests/charts/${dir}/`,
    ref: "tag 1.30.3",
    commit: "56df41f63e513f834c9a3af33d8aed82d1d961f2",
  })),
  {
    prefix: "crds/kong/chart-kong-3.4.1/",
    upstream: "Kong/charts charts/kong/crds/custom-resource-definitions.yaml",
    ref: "tag kong-3.4.1",
    commit: "694d8dc4772eb1b47bb8ae674738b6b18d2fbbee",
  },
  {
    prefix: "helm/kong/chart-3.2.0/",
    upstream: "Kong/charts charts/kong/",
    ref: "tag kong-3.2.0",
    commit: "0449cd96172009a037182a4fdbf818b6900cf338",
  },
  {
    prefix: "helm/kong-ingress/chart-0.24.0/",
    upstream: "Kong/charts charts/ingress/",
    ref: "tag ingress-0.24.0",
    commit: "1be63fbf765e9e85606a382e039f0ee93c0b05d5",
  },
  ...(
    [
      ["1.20.0", "d5f3d1cc0ed8e94d6920996024fefe5a3857dc15"],
      ["1.19.6", "3934d0b79ba94eabe279d415eed9dea27a931cf2"],
      ["1.18.12", "ee5ca22d35cb6dc4a20fc019a387bc2d70206ccc"],
    ] as const
  ).map(([version, commit]) => ({
    prefix: `helm/cilium/chart-${version}/`,
    upstream: `cilium/charts cilium-${version}.tgz`,
    ref: `chart ${version}`,
    commit,
  })),
  {
    prefix: "core/kubernetes/1.35/",
    upstream:
      "kubernetes/kubernetes api/openapi-spec/v3/ (branch release-1.35), via kubernetes-sigs/kubectl-validate pkg/openapiclient/builtins/1.35/",
    ref: "release-1.35",
    commit: "a97ccfaca20b164819afdae780392496f6ed6bbd (kubectl-validate)",
  },
];

// Every keyword met in a schema is either kept (it affects validation) or dropped (it only
// documents). An unclassified keyword stops the script, so a new upstream keyword is never
// silently lost.
const KEPT_KEYWORDS = new Set([
  "$ref",
  "type",
  "enum",
  "const",
  "format",
  "pattern",
  "nullable",
  "required",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
  "x-kubernetes-int-or-string",
  "x-kubernetes-preserve-unknown-fields",
  "x-kubernetes-embedded-resource",
  "x-kubernetes-list-type",
  "x-kubernetes-list-map-keys",
]);
const SCHEMA_MAP_KEYWORDS = new Set(["properties", "patternProperties", "$defs", "definitions"]);
const SCHEMA_LIST_KEYWORDS = new Set(["allOf", "anyOf", "oneOf"]);
const SCHEMA_KEYWORDS = new Set(["items", "additionalProperties", "not", "propertyNames", "contains"]);
const DROPPED_KEYWORDS = new Set([
  "description",
  "title",
  "default",
  "example",
  "examples",
  "$schema",
  "$comment",
  "readOnly",
  // Helm istio-gateway: a non-standard top-level annotation.
  "defaults",
  // CEL rules are not evaluated by JSON Schema validators; src/verify/cel-rules.ts
  // re-implements the few that matter for generated output.
  "x-kubernetes-validations",
  "x-kubernetes-patch-strategy",
  "x-kubernetes-patch-merge-key",
  "x-kubernetes-group-version-kind",
  "x-kubernetes-map-type",
  "x-kubernetes-unions",
  "x-kubernetes-selectable-fields",
]);

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function mapValues(value: Json, f: (schema: Json, key: string) => Json): JsonObject {
  if (!isObject(value)) throw new Error(`expected a map of schemas, got ${JSON.stringify(value)}`);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, f(v, k)]));
}

/** A copy of a schema with `f` applied to each direct subschema (not to keyword values that are data). */
function mapSubschemas(schema: JsonObject, f: (sub: Json, at: string) => Json): JsonObject {
  const out: JsonObject = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (SCHEMA_MAP_KEYWORDS.has(keyword)) out[keyword] = mapValues(value, (s, key) => f(s, `${keyword}/${key}`));
    else if (SCHEMA_LIST_KEYWORDS.has(keyword) || (SCHEMA_KEYWORDS.has(keyword) && Array.isArray(value))) {
      if (!Array.isArray(value)) throw new Error(`${keyword}: expected a list of schemas`);
      out[keyword] = value.map((s, i) => f(s, `${keyword}/${i}`));
    } else if (SCHEMA_KEYWORDS.has(keyword)) out[keyword] = f(value, keyword);
    else out[keyword] = value;
  }
  return out;
}

/** Removes documentation-only keywords from a schema and all its subschemas. */
export function pruneSchema(schema: Json, where = "#"): Json {
  if (typeof schema === "boolean") return schema;
  if (!isObject(schema)) throw new Error(`${where}: expected a schema, got ${JSON.stringify(schema)}`);
  for (const keyword of Object.keys(schema)) {
    const known =
      KEPT_KEYWORDS.has(keyword) || SCHEMA_MAP_KEYWORDS.has(keyword) || SCHEMA_LIST_KEYWORDS.has(keyword) || SCHEMA_KEYWORDS.has(keyword);
    if (!known && !DROPPED_KEYWORDS.has(keyword)) throw new Error(`${where}/${keyword}: unclassified schema keyword "${keyword}"`);
  }
  const kept = Object.fromEntries(Object.entries(schema).filter(([keyword]) => !DROPPED_KEYWORDS.has(keyword)));
  return mapSubschemas(kept, (sub, at) => pruneSchema(sub, `${where}/${at}`));
}

/** Compact JSON with object keys sorted, so output does not depend on source key order. */
export function stableStringify(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(value[k] ?? null)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

// Subschemas at least this long (as compact JSON) that occur more than once are hoisted.
// ApplicationSet repeats the whole Application template in every generator, so this shrinks
// it several times over; smaller repeats are not worth a $ref.
const HOIST_MIN_LENGTH = 400;

/** Replaces repeated large subschemas with `$ref`s into `$defs`, named by content hash. */
export function hoistRepeatedSubschemas(schema: JsonObject): JsonObject {
  const counts = new Map<string, number>();
  const count = (node: Json): Json => {
    if (!isObject(node)) return node;
    const text = stableStringify(node);
    if (text.length >= HOIST_MIN_LENGTH) counts.set(text, (counts.get(text) ?? 0) + 1);
    return mapSubschemas(node, count);
  };
  count(schema);
  const defs: JsonObject = {};
  // Top-down, so that the largest repeat is hoisted whole and repeats inside it are hoisted
  // from inside the definition.
  const rewrite = (node: Json, isRoot: boolean): Json => {
    if (!isObject(node)) return node;
    const text = stableStringify(node);
    if (!isRoot && (counts.get(text) ?? 0) > 1) {
      const name = createHash("sha256").update(text).digest("hex").slice(0, 12);
      if (!(name in defs)) {
        defs[name] = {};
        defs[name] = rewrite(node, true);
      }
      return { $ref: `#/$defs/${name}` };
    }
    return mapSubschemas(node, (sub) => rewrite(sub, false));
  };
  const rewritten = rewrite(schema, true) as JsonObject;
  return Object.keys(defs).length > 0 ? { ...rewritten, $defs: defs } : rewritten;
}

function crdVersionSchema(yamlText: string, kind: string, version: string, source: string): JsonObject {
  for (const doc of parseAllDocuments(yamlText)) {
    const crd: unknown = doc.toJS();
    if (!isObject(crd) || crd.kind !== "CustomResourceDefinition") continue;
    const spec = crd.spec;
    if (!isObject(spec) || !isObject(spec.names) || spec.names.kind !== kind || !Array.isArray(spec.versions)) continue;
    for (const v of spec.versions) {
      if (isObject(v) && v.name === version && isObject(v.schema) && isObject(v.schema.openAPIV3Schema)) return v.schema.openAPIV3Schema;
    }
  }
  throw new Error(`${source}: no CRD version ${version} for kind ${kind}`);
}

function collectRefs(node: Json, into: Set<string>): void {
  if (Array.isArray(node))
    node.forEach((n) => {
      collectRefs(n, into);
    });
  else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") into.add(v.replace("#/components/schemas/", ""));
      else collectRefs(v, into);
    }
  }
}

/** The OpenAPI document cut down to its root definitions and everything they `$ref`. */
function coreClosure(openapi: Json, doc: CoreDocument): JsonObject {
  const all = isObject(openapi) && isObject(openapi.components) && isObject(openapi.components.schemas) ? openapi.components.schemas : {};
  const keep = new Map<string, Json>();
  const pending = [...doc.roots];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (keep.has(name)) continue;
    const schema = all[name];
    if (schema === undefined) throw new Error(`${doc.source}: no definition ${name}`);
    const pruned = pruneSchema(schema, `#/components/schemas/${name}`);
    keep.set(name, pruned);
    const refs = new Set<string>();
    collectRefs(pruned, refs);
    pending.push(...refs);
  }
  return { components: { schemas: Object.fromEntries(keep) } };
}

function vendoredContent(file: VendoredFile, sourceText: string): Json {
  switch (file.kind) {
    case "core": {
      const doc = CORE_DOCUMENTS.find((d) => d.vendored === file.vendored);
      if (doc === undefined) throw new Error(`no core document ${file.vendored}`);
      return coreClosure(JSON.parse(sourceText) as Json, doc);
    }
    case "crd": {
      const entry = CRD_SCHEMAS.find((c) => c.vendored === file.vendored);
      if (entry === undefined) throw new Error(`no CRD entry ${file.vendored}`);
      const version = entry.apiVersion.slice(entry.apiVersion.indexOf("/") + 1);
      const pruned = pruneSchema(crdVersionSchema(sourceText, entry.kind, version, file.source));
      return isObject(pruned) ? hoistRepeatedSubschemas(pruned) : pruned;
    }
    case "helm-schema":
      return pruneSchema(JSON.parse(sourceText) as Json);
    case "helm-values":
      // Helm reads values.yaml as YAML 1.2 into JSON-like data; keep it as data, comments dropped.
      return (parse(sourceText) as Json | undefined) ?? {};
  }
}

function originOf(source: string): (typeof ORIGINS)[number] {
  const origin = ORIGINS.find((o) => source.startsWith(o.prefix));
  if (origin === undefined) throw new Error(`no upstream origin recorded for ${source}`);
  return origin;
}

function provenance(rows: { file: VendoredFile; sha256: string; vendoredSha256: string }[]): string {
  const lines = [
    "# Vendored upstream schemas",
    "",
    "Generated by `npx tsx scripts/vendor-upstream-schemas.ts` from the shared upstream schema collection",
    "(`shared/schemas/`, described in its README). Do not edit these files; rerun the script.",
    "",
    "Each file is a pruned copy of its source: CRD files hold one version's `openAPIV3Schema`; core files hold the",
    "listed OpenAPI definitions and their `$ref` closure; Helm `values.json` files are the chart's `values.yaml` as",
    "JSON. Documentation-only keywords (`description`, `default`, `x-kubernetes-validations`, ...) are removed and",
    "repeated CRD subschemas are moved to `$defs`. Keys are sorted and JSON is compact.",
    "",
    "| vendored file | source under shared/schemas | upstream | ref | commit | source sha256 | vendored sha256 |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const { file, sha256, vendoredSha256 } of rows) {
    const o = originOf(file.source);
    lines.push(`| ${file.vendored} | ${file.source} | ${o.upstream} | ${o.ref} | ${o.commit} | ${sha256} | ${vendoredSha256} |`);
  }
  return `${lines.join("\n")}\n`;
}

/** Every file of schema/upstream, keyed by its path relative to that folder. */
export function renderVendoredFiles(sourceRoot: string): Map<string, string> {
  const out = new Map<string, string>();
  const rows: { file: VendoredFile; sha256: string; vendoredSha256: string }[] = [];
  for (const file of vendoredFiles()) {
    const bytes = readFileSync(join(sourceRoot, file.source));
    const content = `${stableStringify(vendoredContent(file, bytes.toString("utf8")))}\n`;
    rows.push({ file, sha256: sha256(bytes), vendoredSha256: sha256(content) });
    out.set(file.vendored, content);
  }
  out.set("PROVENANCE.md", provenance(rows));
  return out;
}

export function sha256(bytes: string | Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Paths of the files currently in a folder, relative to it, sorted. */
export function listFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as { isFile(): boolean; parentPath: string; name: string }[])
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split("\\").join("/"))
    .sort();
}

function main(): void {
  const files = renderVendoredFiles(DEFAULT_SOURCE_ROOT);
  rmSync(VENDOR_DIR, { recursive: true, force: true });
  let total = 0;
  for (const [path, content] of files) {
    mkdirSync(dirname(join(VENDOR_DIR, path)), { recursive: true });
    writeFileSync(join(VENDOR_DIR, path), content);
    total += Buffer.byteLength(content);
  }
  console.log(`wrote ${files.size} files (${total} bytes) to ${relative(process.cwd(), VENDOR_DIR) || "."}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
