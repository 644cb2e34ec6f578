// Kubernetes YAML files → typed views of the kinds that shape exposure. Anything else is ignored;
// a file that is not YAML is a finding, never a crash.
import { LineCounter, parseAllDocuments } from "yaml";
import type { Finding, ManifestFile } from "./types.ts";

export interface Doc {
  readonly file: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly annotations: Readonly<Record<string, string>>;
  readonly spec: Record<string, unknown>;
}

export interface ValuesFile {
  readonly file: string;
  readonly values: Record<string, unknown>;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
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

/** Reads every document; mappings without apiVersion/kind are kept as possible Helm values. */
export function readDocuments(files: readonly ManifestFile[]): { docs: Doc[]; values: ValuesFile[]; findings: Finding[] } {
  const docs: Doc[] = [];
  const values: ValuesFile[] = [];
  const findings: Finding[] = [];
  for (const file of files) {
    const lineCounter = new LineCounter();
    const parsed = parseAllDocuments(file.content, { prettyErrors: false, lineCounter });
    const list = Array.isArray(parsed) ? parsed : [];
    const [error] = list.flatMap((d) => d.errors);
    if (error !== undefined) {
      const at = lineCounter.linePos(error.pos[0]);
      findings.push({ severity: "warning", message: `not valid YAML (line ${at.line}, column ${at.col}), so not read: ${error.message}`, path: file.path });
      continue;
    }
    for (const document of list) {
      const value: unknown = document.toJS({ maxAliasCount: 100 });
      if (!isRecord(value)) continue;
      const apiVersion = str(value["apiVersion"]);
      const kind = str(value["kind"]);
      if (apiVersion === undefined || kind === undefined) {
        values.push({ file: file.path, values: value });
        continue;
      }
      const metadata = record(value["metadata"]);
      const annotations = Object.fromEntries(Object.entries(record(metadata["annotations"])).filter((e): e is [string, string] => typeof e[1] === "string"));
      docs.push({ file: file.path, apiVersion, kind, name: str(metadata["name"]) ?? "", namespace: str(metadata["namespace"]) ?? "default", annotations, spec: record(value["spec"]) });
    }
  }
  return { docs, values, findings };
}

export function group(apiVersion: string): string {
  return apiVersion.includes("/") ? (apiVersion.split("/")[0] ?? "") : "";
}

export function isKind(doc: Doc, apiGroup: string, kind: string): boolean {
  return group(doc.apiVersion) === apiGroup && doc.kind === kind;
}
