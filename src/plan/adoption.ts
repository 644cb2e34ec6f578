// The first run into a folder of hand-written manifests (no ownership record yet) adopts them:
// every hand-written object the render now makes, identified by API group, kind, namespace and
// name, is taken over. A file of nothing else is removed; a file that also holds other objects
// (a Deployment, a backend Service) is rewritten with only those, byte for byte as written. What
// the render does not make stays, unowned, and the plan says so. Without this the folder would
// hold each object twice, and every path be served twice. The items of a `kind: List` (a
// `kubectl get -o yaml` dump kept in Git) are objects too: those the render makes are taken out
// of it. Pure.
import { CORE_SCHEMA, dump, load } from "js-yaml";
import { isRecord } from "../is-record.ts";
import { OWNERSHIP_FILE, parseOwnership } from "./ownership.ts";

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
  const made = new Set([...rendered.values()].flat().flatMap((doc) => identity(doc)?.keys ?? []));
  const removed: string[] = [];
  const rewritten = new Map<string, string>();
  const takenOver: { object: string; file: string }[] = [];
  const left: string[] = [];
  for (const [file, content] of [...before].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!/\.ya?ml$/.test(file) || rendered.has(file)) continue;
    const rests = documentsOf(content)?.map((c) => restOf(c, made));
    const taken = rests?.flatMap((r) => r.taken) ?? [];
    if (rests === undefined || taken.length === 0) {
      left.push(file);
      continue;
    }
    takenOver.push(...taken.map((t) => ({ object: t.label, file })));
    if (rests.every((r) => !r.holds)) removed.push(file);
    else rewritten.set(file, rests.map((r) => r.text).join(""));
  }
  return takenOver.length === 0 ? undefined : { removed, rewritten, takenOver, left };
}

/** A file the folder holds but the run does not own, at a path the render writes, with the objects in it the render does not make. */
export interface Overwritten {
  readonly file: string;
  readonly lost: readonly string[];
}

/**
 * The files the render writes over that it does not own (a `root.yaml` of one's own, on a first
 * run or beside owned files), each with what in it the render does not make: the render's file
 * replaces them, so the plan must say so. Folder-relative, sorted.
 */
export function overwrittenOf(before: ReadonlyMap<string, string>, rendered: ReadonlyMap<string, readonly unknown[]>): Overwritten[] {
  const owned = new Set(parseOwnership(before.get(OWNERSHIP_FILE)).files);
  const made = new Set([...rendered.values()].flat().flatMap((doc) => identity(doc)?.keys ?? []));
  return [...rendered.keys()]
    .filter((file) => !owned.has(file) && before.has(file))
    .sort()
    .flatMap((file) => {
      const lost = lostObjects(before.get(file) ?? "", made);
      return lost.length === 0 ? [] : [{ file, lost }];
    });
}

/**
 * The objects of a hand-written file that the render does not make, as `Kind namespace/name`.
 * Other documents (Helm values the render's file replaces) are data, which the file's diff shows.
 */
function lostObjects(content: string, made: ReadonlySet<string>): string[] {
  const chunks = documentsOf(content);
  if (chunks === undefined) return ["its content, which does not parse as YAML"];
  return chunks
    .flatMap((c) => (c.identity !== undefined ? [c.identity] : (listItems(c.value) ?? []).flatMap((item) => identity(item) ?? [])))
    .flatMap((id) => (madeOne(made, id) ? [] : [id.label]));
}

interface Identity {
  /** The objects it may be: a namespaced object written without a namespace is also the one in `default`. */
  readonly keys: readonly string[];
  readonly label: string;
}

const madeOne = (made: ReadonlySet<string>, id: Identity | undefined) => id?.keys.some((k) => made.has(k)) === true;

interface Chunk {
  /** The document's text with the separator line before it. */
  readonly text: string;
  readonly value: unknown;
  readonly identity: Identity | undefined;
}

interface Rest {
  /** The objects the render makes, taken out. */
  readonly taken: readonly Identity[];
  /** What stays of the document's text. */
  readonly text: string;
  /** Whether what stays holds anything but comments. */
  readonly holds: boolean;
}

/** A document once the objects the render makes are taken from it: all of it, the other items of a List, or nothing. */
function restOf(chunk: Chunk, made: ReadonlySet<string>): Rest {
  const { identity: id, value, text } = chunk;
  if (id !== undefined) return madeOne(made, id) ? { taken: [id], text: "", holds: false } : { taken: [], text, holds: true };
  const items = listItems(value);
  const held = value !== null && value !== undefined;
  if (items === undefined) return { taken: [], text, holds: held };
  const taken = items.flatMap((item) => {
    const found = identity(item);
    return found !== undefined && madeOne(made, found) ? [found] : [];
  });
  if (taken.length === 0) return { taken, text, holds: held };
  const kept = items.filter((item) => !madeOne(made, identity(item)));
  if (kept.length === 0) return { taken, text: "", holds: false };
  // An item cannot be cut out of the List's text alone: the List is written anew with the items
  // that stay (the comments inside it go with the rewrite).
  const separator = /^---[^\n]*\n/.exec(text)?.[0] ?? "";
  return {
    taken,
    text: `${separator}${dump({ ...(value as Record<string, unknown>), items: kept }, { noRefs: true, lineWidth: -1 })}`,
    holds: true,
  };
}

/** The items of a `List` (kubectl's `kind: List`, the API server's `<Kind>List`), else undefined. */
function listItems(value: unknown): unknown[] | undefined {
  if (!isRecord(value) || !Array.isArray(value["items"])) return undefined;
  return typeof value["kind"] === "string" && value["kind"].endsWith("List") ? (value["items"] as unknown[]) : undefined;
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

function identity(doc: unknown): Identity | undefined {
  if (!isRecord(doc)) return undefined;
  const { apiVersion, kind, metadata } = doc;
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !isRecord(metadata) || typeof metadata["name"] !== "string")
    return undefined;
  const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
  const namespace = typeof metadata["namespace"] === "string" ? metadata["namespace"] : "";
  const key = (ns: string) => JSON.stringify([group, kind, ns, metadata["name"]]);
  // Without a namespace an object is cluster-scoped or, as the topology reads it and import writes
  // it, in `default`: the render's copy names that namespace.
  return {
    keys: namespace === "" ? [key(""), key("default")] : [key(namespace)],
    label: `${kind} ${namespace === "" ? "" : `${namespace}/`}${metadata["name"]}`,
  };
}
