/**
 * Contract checks against GitHub's official OpenAPI description (pruned fixture, see
 * scripts/prune-github-openapi.ts). openapi-backend is used as a validator only; routing is
 * ours (router.ts) because openapi-backend cannot match raw slashes in multi-segment params.
 */
import { readFileSync } from "node:fs";
import type { ErrorObject } from "ajv";
import addFormatsPlugin from "ajv-formats";
import { OpenAPIBackend } from "openapi-backend";
import type { Document } from "openapi-backend";
import type { OperationId } from "./operations.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const SPEC_URL = new URL("./openapi/api.github.com.pruned.json", import.meta.url);

/** Formats GitHub's spec uses that neither Ajv nor ajv-formats knows; accepted as-is. */
const LENIENT_FORMATS = ["repo.nwo", "uri-template", "timestamp", "int64", "int32", "double", "binary", "ssh-key", "ssh-key fingerprint"];

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Rewrites the OpenAPI 3.0 constructs Ajv rejects or misreads:
 * - `nullable: true` without `type` (Ajv throws) becomes `anyOf: [<schema>, {enum: [null]}]`;
 * - `x-github-breaking-changes*` merge-patch objects are dropped (they hold `null` schemas);
 * - `oneOf` becomes `anyOf`: GitHub lists overlapping open alternatives (create-blob's 422 is
 *   `validation-error` or `repository-rule-violation-error`), so a real body matches both and
 *   `oneOf` would reject every one of them.
 */
function fixSchemaQuirks(node: Json): Json {
  if (Array.isArray(node)) return node.map(fixSchemaQuirks);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith("x-github-breaking")) continue;
    out[key === "oneOf" ? "anyOf" : key] = fixSchemaQuirks(value);
  }
  if (out["nullable"] === true && out["type"] === undefined && out["$ref"] === undefined) {
    const annotations = new Set(["description", "title", "example", "examples"]);
    const entries = Object.entries(out).filter(([key]) => key !== "nullable");
    const outer = Object.fromEntries(entries.filter(([key]) => annotations.has(key)));
    const inner = Object.fromEntries(entries.filter(([key]) => !annotations.has(key)));
    return { ...outer, anyOf: [inner, { enum: [null] }] };
  }
  return out;
}

export interface ValidationProblem {
  /** JSON pointer-ish location, e.g. `requestBody/tree/0/mode` or `response/head/sha`. */
  where: string;
  message: string;
}

export interface ContractRequest {
  method: string;
  /** Canonical path with multi-segment params percent-encoded, so openapi-backend can match it. */
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[]>;
  body: Json | undefined;
}

function toProblems(errors: ErrorObject[] | null | undefined, prefix: string): ValidationProblem[] {
  return (errors ?? []).map((error) => ({
    where: `${prefix}${error.instancePath}`.replace(/^\//, ""),
    message: describeAjvError(error),
  }));
}

/** GitHub spells JSON null as Ruby's `nil` in its validation messages. */
function describeValue(value: unknown): string {
  return value === null || value === undefined ? "nil" : JSON.stringify(value);
}

function describeAjvError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return `"${String(params["missingProperty"])}" wasn't supplied.`;
    case "type": {
      const type = String(params["type"]);
      return `${describeValue(error.data)} is not a${/^[aeiou]/.test(type) ? "n" : ""} ${type}.`;
    }
    case "enum":
      return `${describeValue(error.data)} is not a member of ${JSON.stringify(params["allowedValues"])}.`;
    default:
      return `${describeValue(error.data)} ${error.message ?? error.keyword}.`;
  }
}

export class Contract {
  readonly version: string;
  private readonly spec: JsonObject;
  private readonly api: OpenAPIBackend;

  private constructor(spec: JsonObject, api: OpenAPIBackend) {
    this.spec = spec;
    this.api = api;
    const info = spec["info"];
    const source = isObject(info) ? info["x-pruned-from"] : undefined;
    this.version = typeof source === "string" ? source : "unknown";
  }

  static async load(): Promise<Contract> {
    const raw = JSON.parse(readFileSync(SPEC_URL, "utf8")) as JsonObject;
    const fixed = fixSchemaQuirks(raw) as JsonObject;
    const api = new OpenAPIBackend({
      definition: structuredClone(fixed) as unknown as Document,
      quick: true,
      strict: true,
      // verbose: Ajv errors carry the offending value, which GitHub's messages quote.
      ajvOpts: { verbose: true, strict: false },
      validate: true,
      customizeAjv: (ajv) => {
        // ajv-formats keeps date-time/uri/email checked; `ajvOpts.formats` would replace them.
        addFormatsPlugin.default(ajv);
        for (const name of LENIENT_FORMATS) ajv.addFormat(name, true);
        return ajv;
      },
    });
    await api.init();
    return new Contract(fixed, api);
  }

  validateRequest(operationId: OperationId, request: ContractRequest): ValidationProblem[] {
    const result = this.api.validator.validateRequest(
      { method: request.method, path: request.path, query: request.query, headers: request.headers, body: request.body },
      operationId,
    );
    return toProblems(result.errors, "");
  }

  validateResponse(operationId: OperationId, status: number, body: Json | undefined): ValidationProblem[] {
    if (!this.declaredStatuses(operationId).includes(String(status))) {
      // GitHub omits many error statuses from the spec (e.g. 404 on pulls/update); those bodies
      // must still be GitHub's basic error shape. An undeclared success status is a real bug.
      if (status < 400) return [{ where: "response", message: `status ${status} is not declared for ${operationId}` }];
      return this.validateBasicError(body);
    }
    if (!this.declaresContent(operationId, status)) {
      // Error statuses declared without a schema (request-reviewers 422) still carry GitHub's
      // error body; a success without content (delete-ref 204) carries nothing.
      if (status >= 400) return this.validateBasicError(body);
      return body === undefined ? [] : [{ where: "response", message: `status ${status} of ${operationId} has no body` }];
    }
    const result = this.api.validator.validateResponse(body, operationId, status);
    return toProblems(result.errors, "response");
  }

  private validateBasicError(body: Json | undefined): ValidationProblem[] {
    if (!isObject(body) || typeof body["message"] !== "string" || typeof body["documentation_url"] !== "string") {
      return [{ where: "response", message: "error body must carry string message and documentation_url" }];
    }
    return [];
  }

  private operation(operationId: OperationId): JsonObject {
    const paths = this.spec["paths"];
    for (const item of Object.values(isObject(paths) ? paths : {})) {
      for (const op of Object.values(isObject(item) ? item : {})) {
        if (isObject(op) && op["operationId"] === operationId) return op;
      }
    }
    throw new Error(`operation ${operationId} is not in the pruned spec`);
  }

  private declaresContent(operationId: OperationId, status: number): boolean {
    const responses = this.operation(operationId)["responses"];
    const response = isObject(responses) ? responses[String(status)] : undefined;
    if (isObject(response) && typeof response["$ref"] === "string") return true;
    return isObject(response) && response["content"] !== undefined;
  }

  declaredStatuses(operationId: OperationId): string[] {
    const responses = this.operation(operationId)["responses"];
    return Object.keys(isObject(responses) ? responses : {});
  }

  documentationUrl(operationId: OperationId): string {
    const docs = this.operation(operationId)["externalDocs"];
    const url = isObject(docs) ? docs["url"] : undefined;
    return typeof url === "string" ? url : "https://docs.github.com/rest";
  }

  /** A deep copy of `components.examples[name].value`, used as a response template. */
  example(name: string): JsonObject | JsonObject[] {
    const components = this.spec["components"];
    const examples = isObject(components) ? components["examples"] : undefined;
    const example = isObject(examples) ? examples[name] : undefined;
    const value = isObject(example) ? example["value"] : undefined;
    if (!isObject(value) && !Array.isArray(value)) throw new Error(`example ${name} is not in the pruned spec`);
    return structuredClone(value) as JsonObject | JsonObject[];
  }
}

export type { Json, JsonObject };
