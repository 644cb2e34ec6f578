// validateManifest: one rendered Kubernetes document against its upstream schema, strictly.
import { celFindings } from "./cel-rules.ts";
import { dedupe, describeValue, findingsFromAjv, type Violation } from "./messages.ts";
import { resolveKind } from "./resolve-kind.ts";
import { coreEntry, crdEntry } from "./schema-entries.ts";
import { schemaErrors, type SchemaEntry } from "./schema-store.ts";
import type { OutputProblem, ValidationContext } from "./types.ts";
import { isRecord } from "../is-record.ts";

/** "Service kube-system/foo", "Namespace foo", or as much of that as the document has. */
export function documentLabel(doc: unknown): string {
  if (!isRecord(doc)) return "document";
  const kind = typeof doc.kind === "string" ? doc.kind : "document";
  const meta = isRecord(doc.metadata) ? doc.metadata : {};
  const name = typeof meta.name === "string" ? meta.name : "(unnamed)";
  return typeof meta.namespace === "string" ? `${kind} ${meta.namespace}/${name}` : `${kind} ${name}`;
}

// The schemas leave metadata.name optional (the API server can generate one), but a GitOps
// file must name its object.
function metadataFindings(doc: Record<string, unknown>): Violation[] {
  if (doc.metadata === undefined) return [{ path: "/metadata", message: 'missing required field "metadata"' }];
  // A metadata that is not an object is reported by the schema.
  if (!isRecord(doc.metadata)) return [];
  if (doc.metadata.name === undefined) return [{ path: "/metadata/name", message: 'missing required field "name"' }];
  if (doc.metadata.name === "") return [{ path: "/metadata/name", message: "must not be empty" }];
  return [];
}

function entryFor(apiVersion: string, kind: string, ctx: ValidationContext): SchemaEntry | string {
  const resolved = resolveKind(apiVersion, kind, ctx);
  if ("error" in resolved) return resolved.error;
  return resolved.schema !== undefined ? coreEntry(resolved.schema) : crdEntry(resolved.crd);
}

/**
 * Problems of one rendered document, checked like `kubeconform -strict` against the upstream
 * schema of its apiVersion and kind: unknown fields, wrong types and enums, missing required
 * fields, plus metadata.name and a few Gateway API CEL rules. An empty list means valid.
 */
export function validateManifest(doc: unknown, ctx: ValidationContext = {}): OutputProblem[] {
  // Nearly every document is valid: its label is made only for a problem to name it.
  const labelled = (violations: readonly Violation[]): OutputProblem[] => {
    if (violations.length === 0) return [];
    const document = documentLabel(doc);
    return violations.map((v) => ({ document, ...v }));
  };
  if (!isRecord(doc)) return labelled([{ path: "", message: `must be a Kubernetes object (a mapping), got ${describeValue(doc)}` }]);
  const { apiVersion, kind } = doc;
  const header: Violation[] = [];
  if (typeof apiVersion !== "string" || apiVersion === "")
    header.push({ path: "/apiVersion", message: 'missing required field "apiVersion"' });
  if (typeof kind !== "string" || kind === "") header.push({ path: "/kind", message: 'missing required field "kind"' });
  if (typeof apiVersion !== "string" || typeof kind !== "string" || header.length > 0) return labelled(header);

  const entry = entryFor(apiVersion, kind, ctx);
  if (typeof entry === "string") return labelled([{ path: "", message: entry }]);
  const schemaFindings = findingsFromAjv(schemaErrors(entry, doc));
  return labelled(dedupe([...schemaFindings, ...metadataFindings(doc), ...celFindings(apiVersion, kind, doc, ctx)]));
}
