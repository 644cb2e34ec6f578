// The JSON Schema is the contract's single source: it validates, fills static defaults and
// feeds editors and the README. This module turns its verdicts into human messages.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import ajvErrors from "ajv-errors";
import specSchema from "../../schema/ingress-spec.schema.json" with { type: "json" };
import * as generated from "./generated/spec-validator.js";
import { problem, type Problem } from "../problems.ts";
import { copyData } from "./copy-data.ts";
import { didYouMean } from "./suggest.ts";
import type { Controllers, IngressSpec } from "./types.ts";
import type { PathSegment, SourceDocument } from "../load/yaml-source.ts";

export { specSchema };

let compiled: ValidateFunction | undefined;

/**
 * The validator that explains a failure. Valid specs never need it: the one generated at build
 * time (scripts/spec-validator.mjs) decides validity and fills defaults with the same semantics
 * (unicode: false there and here), so this costly compile happens only when there is a problem
 * to report.
 */
function compile(): ValidateFunction {
  if (compiled) return compiled;
  // allErrors: every problem at once; verbose: errors carry their schema, for "known fields" hints.
  const ajv = new Ajv({
    allErrors: true,
    useDefaults: true,
    strict: true,
    allowUnionTypes: true,
    verbose: true,
    unicode: false,
    logger: false,
    code: { optimize: false },
  });
  ajvErrors.default(ajv);
  compiled = ajv.compile(specSchema);
  return compiled;
}

/**
 * `data` is the refused spec with the defaults the schema could fill, so that the semantic
 * checks can still look at it (they run guarded, see validate.ts): one run reports everything.
 */
export type SchemaResult = { ok: true; spec: IngressSpec } | { ok: false; problems: Problem[]; data: unknown };

export function checkSchema(source: SourceDocument): SchemaResult {
  const data: unknown = copyData(source.data);
  if (generated.validateSpec(data)) return { ok: true, spec: data as IngressSpec };
  const validate = compile();
  const defaulted: unknown = copyData(source.data);
  if (validate(defaulted)) throw new Error("the generated spec validator and the schema disagree; run npm run build");
  return { ok: false, problems: (validate.errors ?? []).flatMap((error) => describe(error, source)), data: defaulted };
}

const GENERATED_DEFAULTS: Readonly<Record<keyof Controllers, (data: unknown) => boolean>> = {
  gatewayAPI: generated.gatewayAPIDefaults,
  awsLoadBalancerController: generated.awsLoadBalancerControllerDefaults,
  cilium: generated.ciliumDefaults,
  istio: generated.istioDefaults,
  kong: generated.kongDefaults,
};

/** The settings a controller gets when the spec does not list it but something needs it. */
export function controllerDefaults<K extends keyof Controllers>(name: K): NonNullable<Controllers[K]> {
  const settings = {};
  if (!GENERATED_DEFAULTS[name](settings)) throw new Error(`schema defaults for controllers.${name} do not validate`);
  return settings as NonNullable<Controllers[K]>;
}

function describe(error: ErrorObject, source: SourceDocument): Problem[] {
  const path = pointerToPath(error.instancePath);
  const at = (segments: readonly PathSegment[], part: "key" | "value" = "value") => source.locate(segments, part);
  const here = displayPath(path);
  switch (error.keyword) {
    case "if":
      return []; // The failing `then` reports the real reason.
    case "required": {
      const missing = String(error.params["missingProperty"]);
      return [problem(source.file, at(path, "key"), `${prefix(here)}missing required field '${missing}'`)];
    }
    case "additionalProperties": {
      const field = String(error.params["additionalProperty"]);
      const known = Object.keys((error.parentSchema?.["properties"] ?? {}) as Record<string, unknown>);
      const where = displayPath([...path, field]);
      return [problem(source.file, at([...path, field], "key"), `${where}: unknown field${didYouMean(field, known)}${knownList(known)}`)];
    }
    case "enum": {
      const allowed = (error.params["allowedValues"] as unknown[]).map(String);
      const value = String(valueAt(source.data, path));
      return [problem(source.file, at(path), `${here}: '${value}' is not one of ${allowed.join(", ")}${didYouMean(value, allowed)}`)];
    }
    case "const":
      return [problem(source.file, at(path), `${here}: must be '${String(error.params["allowedValue"])}'`)];
    case "type":
      return [
        problem(
          source.file,
          at(path),
          `${here}: ${typeMessage(String(error.params["type"]), valueAt(source.data, path), source.written(path))}`,
        ),
      ];
    default:
      return [problem(source.file, at(path), `${prefix(here)}${plainMessage(error)}`)];
  }
}

function prefix(here: string): string {
  return here === "" ? "" : `${here}: `;
}

function knownList(known: string[]): string {
  return known.length > 0 && known.length <= 12 ? ` (known: ${known.join(", ")})` : "";
}

function typeMessage(expected: string, actual: unknown, written: string | undefined): string {
  const got =
    actual === null ? "nothing (null)" : Array.isArray(actual) ? "a list" : `a ${typeof actual === "object" ? "mapping" : typeof actual}`;
  const wanted = expected.split(",").map((t) => ({ object: "a mapping", array: "a list", integer: "a whole number" })[t] ?? `a ${t}`);
  const hint =
    expected === "string" && (typeof actual === "number" || typeof actual === "boolean")
      ? ` (quote it: "${written ?? String(actual)}")`
      : "";
  return `expected ${wanted.join(" or ")}, got ${got}${hint}`;
}

function plainMessage(error: ErrorObject): string {
  const limit = error.params["limit"] as number | undefined;
  switch (error.keyword) {
    case "errorMessage":
      return error.message ?? "is not valid";
    case "minItems":
      return `must list at least ${limit} item${limit === 1 ? "" : "s"}`;
    case "maxItems":
      return `must list at most ${limit} items`;
    case "minLength":
      return limit === 1 ? "must not be empty" : `must be at least ${limit} characters long`;
    case "maxLength":
      return `must be at most ${limit} characters long`;
    case "minimum":
      return `must be at least ${limit}`;
    case "maximum":
      return `must be at most ${limit}`;
    case "minProperties":
      return `must have at least ${limit} entr${limit === 1 ? "y" : "ies"}`;
    case "pattern":
      return `must match ${String(error.params["pattern"])}`;
    default:
      return error.message ?? "is not valid";
  }
}

/** A JSON pointer (RFC 6901) as a field path; list indexes become numbers. */
export function pointerToPath(pointer: string): PathSegment[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((raw) => raw.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((segment) => (/^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : segment));
}

/** `routes[2].backend.port`, the way the contract and the README name fields. */
export function displayPath(path: readonly PathSegment[]): string {
  return path
    .map((segment, i) =>
      typeof segment === "number"
        ? `[${segment}]`
        : /^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)
          ? `${i === 0 ? "" : "."}${segment}`
          : `[${JSON.stringify(segment)}]`,
    )
    .join("");
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let value = data;
  for (const segment of path) value = (value as Record<PathSegment, unknown> | undefined)?.[segment];
  return value;
}
