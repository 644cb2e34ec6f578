// The upstream schemas as validators. Each one is checked first by code ajv generated from it at
// build time (scripts/output-validators.ts writes schema/validators/), loaded on first use: compiling
// the upstream schemas in every process was a fifth of a large plan. Only a document that fails is
// validated again by a validator compiled now, with every error and the data ajv's messages need;
// that one has the last word, so the generated code can only ever cost a second look.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type AnySchema, type ErrorObject, type Options, type ValidateFunction } from "ajv";
import ajvFormats from "ajv-formats";
import { fullFormats } from "ajv-formats/dist/formats.js";
import * as equalModule from "ajv/dist/runtime/equal.js";
import * as ucs2lengthModule from "ajv/dist/runtime/ucs2length.js";
import { assetPath } from "../assets.ts";
import { OBJECT_META, OBJECT_META_DOCUMENT, type CoreDocument } from "./catalog.ts";
import { addListTypeKeyword, listTypeDuplicate } from "./list-type-keyword.ts";
import { prepareOpenApiDocument, prepareSchema, type PrepareOptions } from "./prepare-schema.ts";

// ajv-formats is CommonJS: the default import is module.exports, whose `default` is the plugin.
const addFormats = ajvFormats.default;

// Vendored files get absolute ids so that cross-file `$ref`s (CRD metadata -> core ObjectMeta) resolve.
const ID_BASE = "https://ingress-gitops.invalid/schema/upstream/";

/**
 * What the run-time and the build-time validators share. strict:false because upstream schemas
 * carry x-kubernetes-* keywords and omit `type` beside `properties`. No code optimizer and no
 * inlined refs: they halve compile time for a small cost per validation.
 */
export const SCHEMA_AJV_OPTIONS = { strict: false, code: { optimize: false }, inlineRefs: false } as const satisfies Options;

/** One upstream schema: a definition of a core OpenAPI document, or a whole vendored file (a CRD version, a chart's values schema). */
export type SchemaEntry =
  | { readonly kind: "core"; readonly document: CoreDocument; readonly definition: string }
  | { readonly kind: "file"; readonly vendored: string; readonly options: PrepareOptions };

export function readVendored(vendored: string): unknown {
  return JSON.parse(readFileSync(assetPath("schema", "upstream", ...vendored.split("/")), "utf8"));
}

export const objectMetaRef = `${ID_BASE}${OBJECT_META_DOCUMENT.vendored}#/components/schemas/${OBJECT_META}`;

/** Each file is always prepared with the same options (CRD or Helm), so its path names it. */
function entryKey(entry: SchemaEntry): string {
  return entry.kind === "core" ? `${entry.document.vendored}#${entry.definition}` : entry.vendored;
}

/** Where the build-time validator of an entry lives, relative to schema/validators. */
export function generatedModule(entry: SchemaEntry): string {
  return `${entryKey(entry)
    .replace(/\.json(?=#|$)/, "")
    .replace("#", "/")}.cjs`;
}

/**
 * Adds what `entry` needs to `ajv` (its core document once, `added` remembering which) and
 * returns the schema to compile for it.
 */
export function schemaFor(ajv: Ajv, added: Set<string>, entry: SchemaEntry): AnySchema {
  const addDocument = (doc: CoreDocument): string => {
    const id = ID_BASE + doc.vendored;
    if (!added.has(id)) {
      ajv.addSchema(prepareOpenApiDocument(readVendored(doc.vendored)) as AnySchema, id);
      added.add(id);
    }
    return id;
  };
  if (entry.kind === "core") return { $ref: `${addDocument(entry.document)}#/components/schemas/${entry.definition}` };
  if (entry.options.objectMetaRef !== undefined) addDocument(OBJECT_META_DOCUMENT);
  const schema = prepareSchema(readVendored(entry.vendored), entry.options) as Record<string, unknown>;
  return { ...schema, $id: ID_BASE + entry.vendored };
}

/** CommonJS packages' default export, however the loader (node or the bundler) hands it over. */
function defaultExport(module: { default?: unknown }): unknown {
  const inner = module.default as { default?: unknown } | undefined;
  return typeof inner === "function" ? inner : inner?.default;
}

/** What generated code asks its caller for (ajv's standalone code would require() these). */
const GENERATED_RUNTIME = {
  formats: fullFormats,
  listTypeDuplicate,
  equal: defaultExport(equalModule),
  ucs2length: defaultExport(ucs2lengthModule),
};

const loadModule = createRequire(import.meta.url);
const generated = new Map<string, (data: unknown) => boolean>();

type Check = (data: unknown) => boolean;
type Factory = (runtime: typeof GENERATED_RUNTIME) => Check;

/**
 * A schema of top-level properties generated as a validator per group of them
 * (scripts/output-validators.ts): each key's group, the keys the schema requires, and whether a
 * key outside its properties is invalid.
 */
interface SplitModule {
  readonly split: { readonly keys: readonly (readonly [string, number])[]; readonly required: readonly string[]; readonly closed: boolean };
}

function generatedCheck(entry: SchemaEntry): Check {
  const key = entryKey(entry);
  let check = generated.get(key);
  if (check === undefined) {
    const path = assetPath("schema", "validators", ...generatedModule(entry).split("/"));
    const module = loadModule(path) as Factory | SplitModule;
    check = typeof module === "function" ? module(GENERATED_RUNTIME) : splitCheck(path, module.split);
    generated.set(key, check);
  }
  return check;
}

/**
 * The whole schema's answer from its groups': an object with the required keys, no key outside
 * the properties when they are closed, and every group of its keys accepting it. A group is loaded
 * (and its code compiled) only for a document with one of its keys. The keys are a Map, so that
 * `__proto__` or `constructor` is a key like any other.
 */
function splitCheck(path: string, split: SplitModule["split"]): Check {
  const groupOf = new Map(split.keys);
  const groups: Check[] = [];
  const group = (i: number): Check => (groups[i] ??= (loadModule(path.replace(/\.cjs$/, `.${i}.cjs`)) as Factory)(GENERATED_RUNTIME));
  return (data) => {
    if (typeof data !== "object" || data === null || Array.isArray(data)) return false;
    const record = data as Record<string, unknown>;
    if (split.required.some((k) => record[k] === undefined)) return false;
    const needed = new Set<number>();
    for (const k of Object.keys(record)) {
      const i = groupOf.get(k);
      if (i !== undefined) needed.add(i);
      else if (split.closed) return false;
    }
    return [...needed].every((i) => group(i)(data));
  };
}

let ajv: Ajv | undefined;
const added = new Set<string>();
const compiled = new Map<string, ValidateFunction>();

/** allErrors so one run reports every problem of a document; verbose so messages can name the allowed fields of an object with an unknown one. */
function explaining(entry: SchemaEntry): ValidateFunction {
  const key = entryKey(entry);
  let validate = compiled.get(key);
  if (validate === undefined) {
    if (ajv === undefined) {
      ajv = new Ajv({ ...SCHEMA_AJV_OPTIONS, allErrors: true, verbose: true });
      addFormats(ajv);
      addListTypeKeyword(ajv);
    }
    validate = ajv.compile(schemaFor(ajv, added, entry));
    compiled.set(key, validate);
  }
  return validate;
}

/** Every error of `data` against the entry's schema; none when it is valid. */
export function schemaErrors(entry: SchemaEntry, data: unknown): readonly ErrorObject[] {
  if (generatedCheck(entry)(data)) return [];
  const validate = explaining(entry);
  return validate(data) ? [] : (validate.errors ?? []);
}

/** The run-time validator alone, which the tests hold the generated code to. */
export function runTimeValid(entry: SchemaEntry, data: unknown): boolean {
  return explaining(entry)(data);
}

/** The generated check alone, for the same tests. */
export function generatedValid(entry: SchemaEntry, data: unknown): boolean {
  return generatedCheck(entry)(data);
}
