// A deep copy of parsed YAML (plain objects, arrays and scalars), for the schema to fill defaults
// into: structuredClone serialises its input first and was half of the schema check's time. Any
// other object, and a mapping with a `__proto__` key of its own, is left to structuredClone.
export function copyData(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return structuredClone(value);
    const copy: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = copyData(value[i]);
    return copy;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if ((proto !== Object.prototype && proto !== null) || Object.hasOwn(value, "__proto__")) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = copyData(item);
  return copy;
}
