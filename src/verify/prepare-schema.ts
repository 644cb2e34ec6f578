// Turns a vendored upstream schema (Kubernetes OpenAPI v3, CRD structural schema, or Helm
// values JSON Schema) into a plain JSON Schema that ajv validates the way
// `kubeconform -strict` does: unknown fields are errors, and the Kubernetes extensions that
// change what a value may be are expressed in standard keywords.
import { isRecord } from "../is-record.ts";

type Schema = { [keyword: string]: unknown };

export interface PrepareOptions {
  /**
   * Marks the schema as a CRD version's root, where the API server implies `apiVersion`,
   * `kind` and `metadata` (often unlisted, or `metadata: {type: object}`): metadata becomes
   * this `$ref` to ObjectMeta. Embedded resources use it too.
   */
  readonly objectMetaRef?: string;
  /** Property names whose object value is free-form even when the schema lists properties for it. */
  readonly isFreeFormProperty?: (name: string) => boolean;
}

/**
 * A new schema in which every object schema that lists `properties` but says nothing about
 * other properties forbids them. That is done only at structural positions (the root,
 * properties, items, additionalProperties, definitions): a subschema under anyOf/oneOf/allOf/not
 * only adds constraints to a value whose shape is declared elsewhere, so closing it would
 * wrongly reject fields its siblings declare.
 */
export function prepareSchema(schema: unknown, options: PrepareOptions = {}): unknown {
  const prepared = prepare(schema, true, options);
  if (options.objectMetaRef !== undefined && isRecord(prepared)) {
    const properties = isRecord(prepared.properties) ? prepared.properties : {};
    prepared.properties = { ...properties, ...typeMeta(properties, options.objectMetaRef) };
  }
  return prepared;
}

/** prepareSchema for every definition of an OpenAPI document (`components.schemas`). */
export function prepareOpenApiDocument(doc: unknown): unknown {
  const schemas = isRecord(doc) && isRecord(doc.components) && isRecord(doc.components.schemas) ? doc.components.schemas : {};
  return { components: { schemas: Object.fromEntries(Object.entries(schemas).map(([name, s]) => [name, prepare(s, true, {})])) } };
}

function prepare(schema: unknown, structural: boolean, options: PrepareOptions): unknown {
  if (!isRecord(schema)) return schema;
  const out: Schema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    out[keyword] = prepareKeyword(keyword, value, structural, options);
  }
  applyNullable(out);
  applyIntOrString(out);
  if (out["x-kubernetes-embedded-resource"] === true && options.objectMetaRef !== undefined)
    applyEmbeddedResource(out, options.objectMetaRef);
  if (
    structural &&
    out.properties !== undefined &&
    out.additionalProperties === undefined &&
    out["x-kubernetes-preserve-unknown-fields"] !== true
  ) {
    out.additionalProperties = false;
  }
  return out;
}

function prepareKeyword(keyword: string, value: unknown, structural: boolean, options: PrepareOptions): unknown {
  switch (keyword) {
    case "properties":
      if (!isRecord(value)) return value;
      return Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [
          name,
          // A free-form property keeps its listed properties as checks but accepts others.
          prepare(sub, structural && options.isFreeFormProperty?.(name) !== true, options),
        ]),
      );
    case "$defs":
    case "definitions":
    case "patternProperties":
      return isRecord(value)
        ? Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, prepare(sub, structural, options)]))
        : value;
    case "items":
    case "additionalProperties":
      return Array.isArray(value) ? value.map((s) => prepare(s, structural, options)) : prepare(value, structural, options);
    case "anyOf":
    case "oneOf":
    case "allOf":
      return Array.isArray(value) ? value.map((s) => prepare(s, false, options)) : value;
    case "not":
      return prepare(value, false, options);
    default:
      return value;
  }
}

/** OpenAPI 3.0 `nullable: true` as JSON Schema: null joins the allowed types (and enum). */
function applyNullable(schema: Schema): void {
  if (schema.nullable === undefined) return;
  const nullable = schema.nullable === true;
  delete schema.nullable;
  if (!nullable) return;
  if (typeof schema.type === "string") schema.type = [schema.type, "null"];
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...(schema.enum as unknown[]), null];
}

/**
 * `x-kubernetes-int-or-string` (and the core spec's `format: int-or-string`) admits an integer
 * or a string. controller-gen already emits the matching anyOf; older schemas only set the
 * flag, possibly with `type: string`, which would reject the integer form.
 */
function applyIntOrString(schema: Schema): void {
  const flagged = schema["x-kubernetes-int-or-string"] === true || schema.format === "int-or-string";
  if (!flagged) return;
  if (schema.format === "int-or-string") delete schema.format;
  delete schema.type;
  if (schema.anyOf === undefined && schema.oneOf === undefined) schema.anyOf = [{ type: "integer" }, { type: "string" }];
}

/** The fields every Kubernetes object has, keeping any stricter apiVersion/kind schema given. */
function typeMeta(properties: Schema, objectMetaRef: string): Schema {
  return {
    apiVersion: properties.apiVersion ?? { type: "string" },
    kind: properties.kind ?? { type: "string" },
    metadata: { $ref: objectMetaRef },
  };
}

/** An embedded resource is a whole object: it needs apiVersion and kind, and its metadata is ObjectMeta. */
function applyEmbeddedResource(schema: Schema, objectMetaRef: string): void {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  schema.properties = { ...properties, ...typeMeta(properties, objectMetaRef) };
  const required = Array.isArray(schema.required) ? (schema.required as unknown[]) : [];
  schema.required = [...new Set([...required, "apiVersion", "kind"])];
}
