// Turns ajv's error objects into one readable problem per mistake, at the JSON pointer of the
// offending field (for an unknown or missing field: the field itself, not its parent).
import type { ErrorObject } from "ajv";
import { closestName } from "../closest-name.ts";
import { pointerChild } from "./json-pointer.ts";
import { isRecord } from "../is-record.ts";

/** A way a rendered document breaks its upstream schema, at the JSON pointer `path`: a bug in the output, not a plan's Finding. */
export interface Violation {
  path: string;
  message: string;
}

/** A short rendering of a value for messages: its JSON, cut at 60 characters. */
export function describeValue(value: unknown): string {
  // JSON.stringify returns undefined for undefined, which its type does not say.
  const json = (JSON.stringify(value) as string | undefined) ?? String(value);
  const shown = json.length > 60 ? `${json.slice(0, 57)}...` : json;
  const type = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  return type === "object" || type === "array" || type === "null" ? `${type} ${type === "null" ? "" : shown}`.trim() : `${type} ${shown}`;
}

export function unknownFieldMessage(name: string, known: readonly string[]): string {
  const guess = closestName(name, known);
  return `unknown field "${name}"${guess === undefined ? "" : ` (did you mean "${guess}"?)`}`;
}

function schemaProperties(parentSchema: unknown): string[] {
  const properties = (parentSchema as { properties?: unknown } | undefined)?.properties;
  return isRecord(properties) ? Object.keys(properties) : [];
}

function simpleTypes(branches: unknown): string[] | undefined {
  if (!Array.isArray(branches)) return undefined;
  const types = branches.map((b: unknown) => {
    const entries = isRecord(b) ? Object.entries(b) : [];
    const [only] = entries;
    return entries.length === 1 && only?.[0] === "type" && typeof only[1] === "string" ? only[1] : undefined;
  });
  return types.every((t) => t !== undefined) ? types : undefined;
}

function single(e: ErrorObject): Violation {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "additionalProperties": {
      const name = String(p.additionalProperty);
      return { path: pointerChild(e.instancePath, name), message: unknownFieldMessage(name, schemaProperties(e.parentSchema)) };
    }
    case "required": {
      const name = String(p.missingProperty);
      return { path: pointerChild(e.instancePath, name), message: `missing required field "${name}"` };
    }
    case "type":
      return { path: e.instancePath, message: `must be ${String(p.type).replace(",", " or ")}, got ${describeValue(e.data)}` };
    case "enum":
      return {
        path: e.instancePath,
        message: `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}; got ${describeValue(e.data)}`,
      };
    case "pattern":
      return { path: e.instancePath, message: `must match the pattern ${String(p.pattern)}; got ${describeValue(e.data)}` };
    case "format":
      return { path: e.instancePath, message: `must be a valid ${String(p.format)}; got ${describeValue(e.data)}` };
    case "x-kubernetes-list-type":
      return { path: e.instancePath, message: e.message ?? "duplicate entry" };
    default:
      return { path: e.instancePath, message: `${e.message ?? e.keyword}; got ${describeValue(e.data)}` };
  }
}

/**
 * One finding per mistake. When an anyOf/oneOf fails, ajv reports every branch's errors and
 * then the combinator's own; those are folded into one finding on the combinator.
 */
export function findingsFromAjv(errors: readonly ErrorObject[] | null | undefined): Violation[] {
  const all = errors ?? [];
  const combinators = all.filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf");
  const branchesOf = new Map<ErrorObject, ErrorObject[]>(
    combinators.map((c) => [
      c,
      all.filter((e) => e !== c && e.schemaPath.startsWith(`${c.schemaPath}/`) && e.instancePath.startsWith(c.instancePath)),
    ]),
  );
  const folded = new Set([...branchesOf.values()].flat());
  const findings: Violation[] = [];
  for (const e of all) {
    if (folded.has(e)) continue;
    const branches = branchesOf.get(e);
    if (branches === undefined) {
      findings.push(single(e));
      continue;
    }
    const types = simpleTypes(e.schema);
    if (types !== undefined) {
      findings.push({ path: e.instancePath, message: `must be ${types.join(" or ")}, got ${describeValue(e.data)}` });
    } else if ((e.params as { passingSchemas?: unknown }).passingSchemas != null) {
      findings.push({ path: e.instancePath, message: "matches more than one of the alternatives the schema allows; set only one of them" });
    } else {
      const reasons = [
        ...new Set(
          branches.map((b) => {
            const f = single(b);
            return `${f.path === e.instancePath ? "" : `${f.path.slice(e.instancePath.length)}: `}${f.message}`;
          }),
        ),
      ];
      findings.push({
        path: e.instancePath,
        message: `does not match any allowed alternative (${reasons.join("; or ") || "see the schema"})`,
      });
    }
  }
  return dedupe(findings);
}

export function dedupe(findings: readonly Violation[]): Violation[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.path}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
