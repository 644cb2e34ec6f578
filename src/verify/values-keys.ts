// Checks Helm values key by key against a chart's values.yaml defaults, for charts that ship
// no values.schema.json. Helm itself ignores unknown keys, so a typo silently does nothing;
// here every key must exist in the defaults unless it sits in a free-form map.
import { isFreeFormValuesKey } from "./free-form-values.ts";
import { pointerChild } from "./json-pointer.ts";
import { describeValue, unknownFieldMessage, type Violation } from "./messages.ts";
import { isRecord } from "../is-record.ts";

/**
 * Findings for `values` against `defaults`:
 * - under a default map with keys, every key must be one of them;
 * - a default `{}` or null, or a free-form key (see free-form-values.ts), accepts anything;
 * - a map where the default is a list or scalar, or a list or scalar where it is a map, is a type mistake.
 * Lists are not looked into: their items have no defaults to compare with. null is always
 * allowed, as Helm uses it to delete a default.
 */
export function checkValuesKeys(values: unknown, defaults: unknown, path = ""): Violation[] {
  if (values === null || defaults === null || defaults === undefined) return [];
  if (isRecord(defaults)) {
    if (!isRecord(values)) return [{ path, message: `must be a map, got ${describeValue(values)}` }];
    const known = Object.keys(defaults);
    if (known.length === 0) return [];
    return Object.entries(values).flatMap(([key, value]) => {
      const at = pointerChild(path, key);
      if (!(key in defaults)) return [{ path: at, message: unknownFieldMessage(key, known) }];
      return isFreeFormValuesKey(key) ? [] : checkValuesKeys(value, defaults[key], at);
    });
  }
  if (isRecord(values)) return [{ path, message: `must be ${Array.isArray(defaults) ? "a list" : `a ${typeof defaults}`}, got a map` }];
  if (Array.isArray(defaults) && !Array.isArray(values)) return [{ path, message: `must be a list, got ${describeValue(values)}` }];
  return [];
}
