// Kubernetes YAML files → typed views of the kinds that shape exposure. Anything else is ignored;
// a file that is not YAML is a finding, never a crash.
import { CORE_SCHEMA, loadAll, YAMLException } from "js-yaml";
import type { Finding, ManifestFile } from "./types.ts";
import { isRecord } from "../is-record.ts";
import { aliasCount, MAX_ALIASES } from "../yaml-aliases.ts";

export interface Doc {
  readonly file: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly annotations: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly finalizers: readonly string[];
  readonly spec: Record<string, unknown>;
  /** The whole object, for the kinds whose fields are not under spec (a KongPlugin's plugin and config). */
  readonly raw: Record<string, unknown>;
  /** Where it is in its file, for findings to point at: its document, and its item in each List it is in. */
  readonly source: { readonly document: number; readonly items: readonly number[] };
}

/** A field of an object, as keys and indexes from its root. */
export type FieldPath = readonly (string | number)[];

/** An object read from a file, or one of its fields: what a finding or an import note points at. */
export interface About {
  readonly doc: Doc;
  readonly field?: FieldPath;
}

/** What a finding about an object (or one of its fields) says of where it is: its file now, its line and column once placed. */
export function about(doc: Doc, field?: FieldPath): { readonly path: string; readonly about: About } {
  return { path: doc.file, about: field === undefined ? { doc } : { doc, field } };
}

export interface ValuesFile {
  readonly file: string;
  readonly values: Record<string, unknown>;
}

export function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

export function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function parseFile(file: ManifestFile, findings: Finding[]): unknown[] {
  if (aliasCount(file.content) > MAX_ALIASES) {
    findings.push({
      severity: "warning",
      message: `more than ${MAX_ALIASES} YAML aliases, so not read (refused as a resource-exhaustion guard)`,
      path: file.file,
    });
    return [];
  }
  try {
    return loadAll(file.content, undefined, { schema: CORE_SCHEMA });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const at = `line ${error.mark.line + 1}, column ${error.mark.column + 1}`;
    findings.push({ severity: "warning", message: `not valid YAML (${at}), so not read: ${error.reason}`, path: file.file });
    return [];
  }
}

/**
 * Reads every document; mappings without apiVersion/kind are kept as possible Helm values. A
 * list (`kubectl get -o yaml` prints `kind: List`, the API server `<Kind>List`) is read as its
 * items, each with its own apiVersion and kind.
 */
export function readDocuments(files: readonly ManifestFile[]): { docs: Doc[]; values: ValuesFile[]; findings: Finding[] } {
  const docs: Doc[] = [];
  const values: ValuesFile[] = [];
  const findings: Finding[] = [];
  for (const file of files) {
    const parsed = file.documents ?? parseFile(file, findings);
    for (const { value, source } of parsed.flatMap((document, index) => listItems(document, { document: index, items: [] }))) {
      if (!isRecord(value)) continue;
      const apiVersion = str(value["apiVersion"]);
      const kind = str(value["kind"]);
      if (apiVersion === undefined || kind === undefined) {
        values.push({ file: file.file, values: value });
        continue;
      }
      const metadata = record(value["metadata"]);
      docs.push({
        file: file.file,
        apiVersion,
        kind,
        name: str(metadata["name"]) ?? "",
        namespace: str(metadata["namespace"]) ?? "default",
        annotations: stringEntries(metadata["annotations"]),
        labels: stringEntries(metadata["labels"]),
        finalizers: list(metadata["finalizers"]).flatMap((f) => str(f) ?? []),
        spec: record(value["spec"]),
        raw: value,
        source,
      });
    }
  }
  return { docs, values, findings };
}

function listItems(value: unknown, source: Doc["source"]): { value: unknown; source: Doc["source"] }[] {
  if (!isRecord(value) || !Array.isArray(value["items"]) || !(str(value["kind"]) ?? "").endsWith("List")) return [{ value, source }];
  return (value["items"] as unknown[]).flatMap((item, i) => listItems(item, { ...source, items: [...source.items, i] }));
}

/** The string-valued entries of a mapping (annotations, labels); nothing for anything else. */
export function stringEntries(value: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(record(value)).filter((e): e is [string, string] => typeof e[1] === "string"));
}

function group(apiVersion: string): string {
  return apiVersion.includes("/") ? (apiVersion.split("/")[0] ?? "") : "";
}

export function isKind(doc: Doc, apiGroup: string, kind: string): boolean {
  // The kind first: every reader asks this of every document, and the kind is the cheap test that fails.
  return doc.kind === kind && group(doc.apiVersion) === apiGroup;
}
