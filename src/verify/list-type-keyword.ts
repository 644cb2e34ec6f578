// The API server rejects duplicates in lists marked `x-kubernetes-list-type: set` (equal
// items) or `map` (items with equal `x-kubernetes-list-map-keys` values), e.g. two Gateway
// listeners with the same name. Plain JSON Schema does not know these markers.
import type { Ajv, AnySchemaObject, FuncKeywordDefinition } from "ajv";
import { isDeepStrictEqual } from "node:util";
import { isRecord } from "../is-record.ts";

function duplicateIndex(
  items: readonly unknown[],
  same: (a: unknown, b: unknown) => boolean,
): { first: number; second: number } | undefined {
  for (let second = 1; second < items.length; second++) {
    for (let first = 0; first < second; first++) {
      if (same(items[first], items[second])) return { first, second };
    }
  }
  return undefined;
}

function keyValues(item: unknown, keys: readonly string[]): unknown[] {
  const record = isRecord(item) ? item : {};
  return keys.map((k) => record[k]);
}

/** What a `compile` keyword returns: a check of the data that may set `errors`. */
type DataCheck = ReturnType<NonNullable<FuncKeywordDefinition["compile"]>>;

export function addListTypeKeyword(ajv: Ajv): void {
  ajv.addKeyword({ keyword: "x-kubernetes-list-map-keys", schemaType: "array" });
  ajv.addKeyword({
    keyword: "x-kubernetes-list-type",
    type: "array",
    schemaType: "string",
    errors: true,
    compile(listType: string, parentSchema: AnySchemaObject) {
      const mapKeys = Array.isArray(parentSchema["x-kubernetes-list-map-keys"])
        ? (parentSchema["x-kubernetes-list-map-keys"] as string[])
        : [];
      const same =
        listType === "set"
          ? isDeepStrictEqual
          : listType === "map" && mapKeys.length > 0
            ? (a: unknown, b: unknown) => isDeepStrictEqual(keyValues(a, mapKeys), keyValues(b, mapKeys))
            : undefined;
      const validate: DataCheck = (data: unknown[], dataCxt) => {
        if (same === undefined) return true;
        const dup = duplicateIndex(data, same);
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
