// The first run into a folder of hand-written manifests (no ownership record yet) adopts them:
// every hand-written object the render now makes, identified by API group, kind, namespace and
// name, is taken over. A file of nothing else is removed; a file that also holds other objects
// (a Deployment, a backend Service) is rewritten with only those, byte for byte as written. What
// the render does not make stays, unowned, and the plan says so. Without this the folder would
// hold each object twice, and every path be served twice. Pure.
import { CORE_SCHEMA, load } from "js-yaml";
import { isRecord } from "../is-record.ts";
import { OWNERSHIP_FILE } from "./ownership.ts";

export interface Adoption {
  /** Folder-relative hand-written files whose every object the render now makes. */
  readonly removed: readonly string[];
  /** Folder-relative hand-written files rewritten without the objects the render now makes. */
  readonly rewritten: ReadonlyMap<string, string>;
  /** The objects taken over, as `Kind namespace/name`, with their file. */
  readonly takenOver: readonly { readonly object: string; readonly file: string }[];
  /** Folder-relative hand-written YAML files left as they are: not owned, never removed. */
  readonly left: readonly string[];
}

/** `rendered`: each rendered file's documents. Nothing to adopt: undefined. */
export function adoptionOf(before: ReadonlyMap<string, string>, rendered: ReadonlyMap<string, readonly unknown[]>): Adoption | undefined {
  if (before.has(OWNERSHIP_FILE)) return undefined;
  const made = new Set([...rendered.values()].flat().flatMap((doc) => identity(doc)?.key ?? []));
  const removed: string[] = [];
  const rewritten = new Map<string, string>();
  const takenOver: { object: string; file: string }[] = [];
  const left: string[] = [];
  for (const [file, content] of [...before].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!/\.ya?ml$/.test(file) || rendered.has(file)) continue;
    const chunks = documentsOf(content);
    const taken = chunks?.filter((c) => c.identity !== undefined && made.has(c.identity.key)) ?? [];
    if (chunks === undefined || taken.length === 0) {
      left.push(file);
      continue;
    }
    takenOver.push(...taken.map((c) => ({ object: c.identity?.label ?? "", file })));
    const kept = chunks.filter((c) => !taken.includes(c));
    if (kept.every((c) => c.value === null || c.value === undefined)) removed.push(file);
    else rewritten.set(file, kept.map((c) => c.text).join(""));
  }
  return takenOver.length === 0 ? undefined : { removed, rewritten, takenOver, left };
}

interface Chunk {
  /** The document's text with the separator line before it. */
  readonly text: string;
  readonly value: unknown;
  readonly identity: { readonly key: string; readonly label: string } | undefined;
}

/** The documents of a file, each with its own text; undefined when any does not parse (the file is then left alone). */
function documentsOf(content: string): Chunk[] | undefined {
  const texts = content.split(/(?=^---[ \t]*(?:#.*)?$)/m);
  try {
    return texts.map((text) => {
      const value = load(text.replace(/^---[^\n]*/, ""), { schema: CORE_SCHEMA });
      return { text, value, identity: identity(value) };
    });
  } catch {
    return undefined;
  }
}

function identity(doc: unknown): { key: string; label: string } | undefined {
  if (!isRecord(doc)) return undefined;
  const { apiVersion, kind, metadata } = doc;
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !isRecord(metadata) || typeof metadata["name"] !== "string")
    return undefined;
  const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
  const namespace = typeof metadata["namespace"] === "string" ? metadata["namespace"] : "";
  return {
    key: JSON.stringify([group, kind, namespace, metadata["name"]]),
    label: `${kind} ${namespace === "" ? "" : `${namespace}/`}${metadata["name"]}`,
  };
}
