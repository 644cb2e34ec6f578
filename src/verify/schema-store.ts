// Loads vendored schemas on first use and compiles each one once. ajv compilation is the
// expensive step (tens of milliseconds for an HTTPRoute); validating with a compiled function
// is cheap, so a run that checks thousands of documents of one kind compiles a single time.
import { readFileSync } from "node:fs";
import { Ajv, type AnySchema, type ValidateFunction } from "ajv";
import ajvFormats from "ajv-formats";
import { assetPath } from "../assets.ts";
import { OBJECT_META, OBJECT_META_DOCUMENT, type CoreDocument } from "./catalog.ts";
import { addListTypeKeyword } from "./list-type-keyword.ts";
import { prepareOpenApiDocument, prepareSchema, type PrepareOptions } from "./prepare-schema.ts";

// ajv-formats is CommonJS: the default import is module.exports, whose `default` is the plugin.
const addFormats = ajvFormats.default;

// Vendored files get absolute ids so that cross-file `$ref`s (CRD metadata -> core ObjectMeta) resolve.
const ID_BASE = "https://ingress-gitops.invalid/schema/upstream/";

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();
const addedDocuments = new Set<string>();

function instance(): Ajv {
  if (ajv !== undefined) return ajv;
  // strict:false because upstream schemas carry x-kubernetes-* keywords and omit `type`
  // beside `properties`; allErrors so one run reports every problem of a document; verbose
  // so messages can name the allowed fields of an object with an unknown one.
  // Compiling the upstream schemas is most of a one-shot run's cost; Ajv's code optimizer and
  // inlined refs halve compile time for a small cost per validation.
  ajv = new Ajv({ strict: false, allErrors: true, verbose: true, code: { optimize: false }, inlineRefs: false });
  addFormats(ajv);
  addListTypeKeyword(ajv);
  return ajv;
}

export function readVendored(vendored: string): unknown {
  return JSON.parse(readFileSync(assetPath("schema", "upstream", ...vendored.split("/")), "utf8"));
}

export const objectMetaRef = `${ID_BASE}${OBJECT_META_DOCUMENT.vendored}#/components/schemas/${OBJECT_META}`;

function ensureCoreDocument(doc: CoreDocument): string {
  const id = ID_BASE + doc.vendored;
  if (!addedDocuments.has(id)) {
    instance().addSchema(prepareOpenApiDocument(readVendored(doc.vendored)) as AnySchema, id);
    addedDocuments.add(id);
  }
  return id;
}

/** Validator for a built-in kind: one definition of a core OpenAPI document. */
export function coreValidator(doc: CoreDocument, definition: string): ValidateFunction {
  const key = `${doc.vendored}#${definition}`;
  let validate = compiled.get(key);
  if (validate === undefined) {
    const id = ensureCoreDocument(doc);
    validate = instance().compile({ $ref: `${id}#/components/schemas/${definition}` });
    compiled.set(key, validate);
  }
  return validate;
}

/**
 * Validator for a whole vendored JSON Schema file (a CRD version or a Helm values schema).
 * Cached by file: each file is always prepared with the same options (CRD or Helm).
 */
export function fileValidator(vendored: string, options: PrepareOptions = {}): ValidateFunction {
  let validate = compiled.get(vendored);
  if (validate === undefined) {
    if (options.objectMetaRef !== undefined) ensureCoreDocument(OBJECT_META_DOCUMENT);
    const schema = prepareSchema(readVendored(vendored), options) as Record<string, unknown>;
    validate = instance().compile({ ...schema, $id: ID_BASE + vendored });
    compiled.set(vendored, validate);
  }
  return validate;
}
