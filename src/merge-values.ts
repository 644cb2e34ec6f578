// The one Helm values merge, for the values providers render and the chart defaults verify
// compares with: Helm's coalescing (helm/helm pkg/chartutil/coalesce.go), mappings merged key by
// key and anything else replaced, `over` winning.
import { isRecord } from "./is-record.ts";

type Values = Record<string, unknown>;

export function mergeValues(base: Values, over: Values): Values {
  const out: Values = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = Object.hasOwn(out, key) ? out[key] : undefined;
    // Defined, not assigned: a key named __proto__ must stay a key, not reach the prototype.
    Object.defineProperty(out, key, {
      value: isRecord(current) && isRecord(value) ? mergeValues(current, value) : value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
