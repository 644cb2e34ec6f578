// The API server rejects duplicates in lists marked `x-kubernetes-list-type: set` (equal
// items) or `map` (items with equal `x-kubernetes-list-map-keys` values), e.g. two Gateway
// listeners with the same name. Plain JSON Schema does not know these markers.
import { _, stringify, type Ajv, type AnySchemaObject, type FuncKeywordDefinition } from "ajv";
import { isDeepStrictEqual } from "node:util";
import { isRecord } from "../is-record.ts";

export interface Duplicate {
  readonly first: number;
  readonly second: number;
}

function keyValues(item: unknown, keys: readonly string[]): unknown[] {
  const record = isRecord(item) ? item : {};
  return keys.map((k) => record[k]);
}

/** The first item equal (set) or equal in its map keys (map) to an earlier one; lists of other types have none. */
export function listTypeDuplicate(items: readonly unknown[], listType: string, mapKeys: readonly string[]): Duplicate | undefined {
  const same =
    listType === "set"
      ? isDeepStrictEqual
      : listType === "map" && mapKeys.length > 0
        ? (a: unknown, b: unknown) => isDeepStrictEqual(keyValues(a, mapKeys), keyValues(b, mapKeys))
        : undefined;
  if (same === undefined) return undefined;
  for (let second = 1; second < items.length; second++) {
    for (let first = 0; first < second; first++) {
      if (same(items[first], items[second])) return { first, second };
    }
  }
  return undefined;
}

function mapKeysOf(parentSchema: AnySchemaObject): string[] {
  return Array.isArray(parentSchema["x-kubernetes-list-map-keys"]) ? (parentSchema["x-kubernetes-list-map-keys"] as string[]) : [];
}

/** What a `compile` keyword returns: a check of the data that may set `errors`. */
type DataCheck = ReturnType<NonNullable<FuncKeywordDefinition["compile"]>>;

/** The keywords for validation at run time, whose errors name the duplicate. */
export function addListTypeKeyword(ajv: Ajv): void {
  ajv.addKeyword({ keyword: "x-kubernetes-list-map-keys", schemaType: "array" });
  ajv.addKeyword({
    keyword: "x-kubernetes-list-type",
    type: "array",
    schemaType: "string",
    errors: true,
    compile(listType: string, parentSchema: AnySchemaObject) {
      const mapKeys = mapKeysOf(parentSchema);
      const validate: DataCheck = (data: unknown[], dataCxt) => {
        const dup = listTypeDuplicate(data, listType, mapKeys);
        if (dup === undefined) return true;
        const what = listType === "set" ? "equals" : `has the same ${mapKeys.join(" and ")} as`;
        validate.errors = [
          {
            keyword: "x-kubernetes-list-type",
            // ajv keeps an instancePath a keyword sets, so it must be the full path.
            instancePath: `${dataCxt?.instancePath ?? ""}/${dup.second}`,
            schemaPath: "",
            params: { listType, duplicateOf: dup.first },
            message: `duplicate entry: item ${dup.second} ${what} item ${dup.first}`,
          },
        ];
        return false;
      };
      return validate;
    },
  });
}

/**
 * The same keywords as generated code, for validators compiled at build time: a `compile`
 * keyword's function cannot be written out, so the code calls `listTypeDuplicate`, which the
 * generated module receives as `runtime.listTypeDuplicate`.
 */
export function addListTypeCode(ajv: Ajv): void {
  ajv.addKeyword({ keyword: "x-kubernetes-list-map-keys", schemaType: "array" });
  ajv.addKeyword({
    keyword: "x-kubernetes-list-type",
    type: "array",
    schemaType: "string",
    code(cxt) {
      const check = cxt.gen.scopeValue("func", { ref: listTypeDuplicate, code: _`runtime.listTypeDuplicate` });
      cxt.fail(_`${check}(${cxt.data}, ${stringify(cxt.schema)}, ${stringify(mapKeysOf(cxt.parentSchema))}) !== undefined`);
    },
  });
}
