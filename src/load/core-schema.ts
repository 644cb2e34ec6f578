// The fast path reads specs with js-yaml; the strict path with the `yaml` package, whose YAML 1.2
// core schema is the reference. js-yaml's own CORE_SCHEMA resolves more (`0b101`, `-0x1f` and
// `+0x1` as integers) and less (`+.5` stays a string), so the same file meant two things. This is
// js-yaml with the reference's null, bool, int and float rules (yaml dist/schema/core/*.js).
import { FAILSAFE_SCHEMA, Type } from "js-yaml";

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INTEGER = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const SPECIAL_FLOAT = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

const nothing = new Type("tag:yaml.org,2002:null", {
  kind: "scalar",
  resolve: (data: unknown) => data === null || (typeof data === "string" && NULL.test(data)),
  construct: () => null,
  predicate: (value: unknown) => value === null,
});

const bool = new Type("tag:yaml.org,2002:bool", {
  kind: "scalar",
  resolve: (data: unknown) => typeof data === "string" && BOOL.test(data),
  construct: (data: string) => data[0] === "t" || data[0] === "T",
  predicate: (value: unknown) => typeof value === "boolean",
});

const integer = new Type("tag:yaml.org,2002:int", {
  kind: "scalar",
  resolve: (data: unknown) => typeof data === "string" && INTEGER.test(data),
  construct: (data: string) =>
    data.startsWith("0o") ? parseInt(data.slice(2), 8) : data.startsWith("0x") ? parseInt(data.slice(2), 16) : parseInt(data, 10),
  predicate: (value: unknown) => Number.isInteger(value),
});

const float = new Type("tag:yaml.org,2002:float", {
  kind: "scalar",
  resolve: (data: unknown) => typeof data === "string" && (SPECIAL_FLOAT.test(data) || FLOAT.test(data)),
  construct: (data: string) =>
    data.endsWith("nan") || data.endsWith("NaN") || data.endsWith("NAN")
      ? NaN
      : data.includes("inf") || data.includes("Inf") || data.includes("INF")
        ? data.startsWith("-")
          ? -Infinity
          : Infinity
        : parseFloat(data),
  predicate: (value: unknown) => typeof value === "number",
});

export const REFERENCE_CORE_SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [nothing, bool, integer, float] });
