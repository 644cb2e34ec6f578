/**
 * Prunes GitHub's official OpenAPI description (@octokit/openapi, 12 MB) to the operations the
 * test emulator implements plus their `$ref` closure, and writes the committed fixture
 * test/support/github-emulator/openapi/api.github.com.pruned.json.
 *
 * The output is a faithful subset (no schema rewrites): the OpenAPI 3.0 quirk fixes live in the
 * emulator's contract.ts so they stay visible next to the validator that needs them.
 * Output is deterministic: keys keep upstream order, components are emitted in upstream order.
 *
 * Usage: npx tsx scripts/prune-github-openapi.ts          (writes the fixture)
 */
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { OPERATIONS } from "../test/support/github-emulator/operations.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export const PRUNED_SPEC_PATH = fileURLToPath(
  new URL("../test/support/github-emulator/openapi/api.github.com.pruned.json", import.meta.url),
);

const REF_PREFIX = "#/components/";

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function collectRefs(node: Json, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, into);
  } else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") into.add(value);
      else collectRefs(value, into);
    }
  }
}

function resolveComponent(spec: JsonObject, ref: string): Json {
  if (!ref.startsWith(REF_PREFIX)) throw new Error(`Unsupported $ref ${ref}`);
  const [kind, name, ...rest] = ref.slice(REF_PREFIX.length).split("/");
  const components = spec["components"];
  const group = isObject(components) && kind !== undefined ? components[kind] : undefined;
  const target = isObject(group) && name !== undefined ? group[name] : undefined;
  if (target === undefined || rest.length > 0) throw new Error(`Unresolvable $ref ${ref}`);
  return target;
}

/** Returns the subset of `spec` holding only the emulator's operations and what they reference. */
export function pruneGitHubOpenApi(spec: JsonObject, sourceLabel: string): JsonObject {
  const sourcePaths = spec["paths"];
  if (!isObject(sourcePaths)) throw new Error("spec has no paths");
  const paths: JsonObject = {};
  for (const op of OPERATIONS) {
    const pathItem = sourcePaths[op.path];
    const operation = isObject(pathItem) ? pathItem[op.method.toLowerCase()] : undefined;
    if (!isObject(pathItem) || !isObject(operation) || operation["operationId"] !== op.operationId) {
      throw new Error(`${op.method} ${op.path} (${op.operationId}) not found in the OpenAPI description`);
    }
    const prunedItem = paths[op.path];
    paths[op.path] = { ...(isObject(prunedItem) ? prunedItem : {}), [op.method.toLowerCase()]: operation };
  }

  // Transitive closure of component references, starting from the kept operations.
  const pending = new Set<string>();
  collectRefs(paths, pending);
  const kept = new Set<string>();
  for (const ref of pending) {
    if (kept.has(ref)) continue;
    kept.add(ref);
    const found = new Set<string>();
    collectRefs(resolveComponent(spec, ref), found);
    for (const next of found) if (!kept.has(next)) pending.add(next);
  }

  const components: Record<string, JsonObject> = {};
  const sourceComponents = spec["components"];
  if (!isObject(sourceComponents)) throw new Error("spec has no components");
  for (const [kind, group] of Object.entries(sourceComponents)) {
    if (!isObject(group)) continue;
    for (const [name, value] of Object.entries(group)) {
      if (!kept.has(`${REF_PREFIX}${kind}/${name}`)) continue;
      (components[kind] ??= {})[name] = value;
    }
  }

  const info = spec["info"];
  return {
    openapi: spec["openapi"] ?? null,
    info: {
      ...(isObject(info) ? info : {}),
      "x-pruned-from": sourceLabel,
      "x-pruned-operations": OPERATIONS.map((op) => op.operationId),
    },
    servers: spec["servers"] ?? [],
    externalDocs: spec["externalDocs"] ?? null,
    paths,
    components,
  };
}

/** Pruned spec text exactly as committed, built from the installed @octokit/openapi. */
export async function buildPrunedSpecText(): Promise<string> {
  const require = createRequire(import.meta.url);
  const sourcePath = require.resolve("@octokit/openapi/generated/api.github.com.json");
  const pkg = JSON.parse(await readFile(require.resolve("@octokit/openapi/package.json"), "utf8")) as { version: string };
  const spec = JSON.parse(await readFile(sourcePath, "utf8")) as JsonObject;
  const pruned = pruneGitHubOpenApi(spec, `@octokit/openapi@${pkg.version} generated/api.github.com.json`);
  return `${JSON.stringify(pruned, null, 2)}\n`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await writeFile(PRUNED_SPEC_PATH, await buildPrunedSpecText());
  console.log(`wrote ${PRUNED_SPEC_PATH}`);
}
