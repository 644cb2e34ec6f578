// Which schema each kind of output is validated against, as SchemaEntry values: the run looks one
// up per document, the build compiles every one (scripts/output-validators.ts).
import { CHART_VERSIONS, CORE_SCHEMAS, CRD_SCHEMAS, type CoreSchema, type CrdSchema } from "./catalog.ts";
import { isFreeFormValuesKey } from "./free-form-values.ts";
import { objectMetaRef, type SchemaEntry } from "./schema-store.ts";

export function coreEntry(schema: CoreSchema): SchemaEntry {
  return { kind: "core", document: schema.document, definition: schema.definition };
}

/** A CRD version's schema, whose metadata is the core ObjectMeta. */
export function crdEntry(crd: CrdSchema): SchemaEntry {
  return { kind: "file", vendored: crd.vendored, options: { objectMetaRef } };
}

/** A chart's values.schema.json, whose free-form maps accept keys it does not list. */
export function valuesSchemaEntry(vendored: string): SchemaEntry {
  return { kind: "file", vendored, options: { isFreeFormProperty: isFreeFormValuesKey } };
}

export function allSchemaEntries(): SchemaEntry[] {
  return [
    ...CORE_SCHEMAS.map(coreEntry),
    ...CRD_SCHEMAS.map(crdEntry),
    ...CHART_VERSIONS.flatMap(({ check }) => (check.by === "schema" ? [valuesSchemaEntry(check.vendored)] : [])),
  ];
}
