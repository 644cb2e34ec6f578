// One way to write YAML: keys sorted, block style, no anchors, no folding, so the same objects
// always give the same bytes and a diff shows only what changed. Written for every reader on the
// way to the cluster: Argo CD, Helm and kubectl read YAML 1.1 (go-yaml), where a plain `on`,
// `yes`, `1_000` or `<<` is not a string, and go-yaml hands digits to Go's strconv, which also
// reads `0X1F` and `+_1` as numbers. So a string is written plain only when it is made of
// harmless characters and no YAML 1.1, 1.2 or Go reader would take it for anything else;
// otherwise it is double-quoted, with every character YAML forbids raw escaped. A key too long
// to be implicit is written as an explicit `? key`, and no line break reaches a comment.
//
// The data is JSON-like (what templates parse to and Helm values are), so a small emitter does
// the job that a general YAML library does at many times the cost on large renders.
import { parse } from "yaml";
import { compareText } from "../compare-text.ts";

// YAML's printable set excludes these; NEL, LS and PS are line breaks to YAML 1.1 readers.
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
const NEEDS_ESCAPE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]/g;

/** Characters that never start an indicator or a comment; `:` only between other characters. */
const PLAIN = /^[A-Za-z0-9_./][A-Za-z0-9_./@+=,~-]*(?::+[A-Za-z0-9_./@+=,~*-]+)*$/;

const misreadCache = new Map<string, boolean>();

// go-yaml v3 resolve.go: a plain scalar starting with a digit or sign has every `_` removed and
// goes to strconv.ParseInt/ParseUint with base 0 (prefixes 0x, 0o, 0b in either case, and a
// leading 0 for octal), then to `yamlStyleFloat`; one starting with `.` goes to ParseFloat; one
// starting with YYYY- is tried as a timestamp. Every such string is quoted, valid or not.
const GO_INTEGER = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[0-9]+)$/;
const GO_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

function goReadsAsNonString(text: string): boolean {
  if (/^[0-9]{4}-/.test(text)) return true;
  const plain = text.replace(/_/g, "");
  return GO_INTEGER.test(plain) || GO_FLOAT.test(plain);
}

/** Whether a YAML 1.1, 1.2 or Go reader would take this plain string as something else (bool, number, date, null). */
function misread(text: string): boolean {
  // Every bool, null, number and timestamp of either version is short or starts with a sign, dot or digit.
  if (text.length > 5 && !/^[-+.0-9]/.test(text)) return false;
  let answer = misreadCache.get(text);
  if (answer === undefined) {
    answer = goReadsAsNonString(text) || parse(text, { version: "1.1" }) !== text || parse(text) !== text;
    if (misreadCache.size > 50_000) misreadCache.clear();
    misreadCache.set(text, answer);
  }
  return answer;
}

/**
 * A value as JSON, which is YAML, with what JSON leaves raw but YAML forbids (DEL, C1 controls,
 * U+FFFE, U+FFFF) or YAML 1.1 reads as a line break (NEL, U+2028, U+2029) escaped.
 */
export function jsonAsYaml(value: unknown): string {
  return JSON.stringify(value).replace(NEEDS_ESCAPE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function stringText(text: string): string {
  return PLAIN.test(text) && !misread(text) ? text : jsonAsYaml(text);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A scalar, or an empty collection, written inline; undefined for a collection with content. */
function inline(value: Json): string | undefined {
  if (value === null) return "null";
  if (typeof value === "string") return stringText(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as YAML`);
    return String(value);
  }
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.length === 0 ? "[]" : undefined;
  return Object.keys(value).length === 0 ? "{}" : undefined;
}

/**
 * YAML 1.2 §7.4.2 (and go-yaml's scanner, which stops looking for a simple key 1024 characters
 * on) limits an implicit key to 1024 characters; with room to spare, a longer one is written as
 * an explicit key. Counted in UTF-8 bytes, which are never fewer than characters.
 */
const MAX_IMPLICIT_KEY = 1000;

function implicitKey(name: string): boolean {
  return name.length <= MAX_IMPLICIT_KEY / 4 || new TextEncoder().encode(name).length <= MAX_IMPLICIT_KEY;
}

/**
 * A key as written, `name:` or, too long to be implicit, `? name` then `:`. The keys of a render
 * are few and repeat on every object (`metadata`, `name`, `namespace`), so each is worked out once.
 */
const keyTexts = new Map<string, { readonly key: string | undefined; readonly indicator: string }>();

function keyText(key: string): { readonly key: string | undefined; readonly indicator: string } {
  let text = keyTexts.get(key);
  if (text === undefined) {
    const name = stringText(key);
    text = implicitKey(name) ? { key: undefined, indicator: `${name}:` } : { key: `? ${name}`, indicator: ":" };
    if (keyTexts.size > 10_000) keyTexts.clear();
    keyTexts.set(key, text);
  }
  return text;
}

function writeMap(map: { [key: string]: Json }, indent: string, lines: string[]): void {
  for (const key of Object.keys(map).sort(compareText)) {
    const value = map[key] as Json;
    const written = keyText(key);
    const text = inline(value);
    const valueIndicator = `${indent}${written.indicator}`;
    if (written.key !== undefined) lines.push(`${indent}${written.key}`);
    if (text !== undefined) {
      lines.push(`${valueIndicator} ${text}`);
      continue;
    }
    lines.push(valueIndicator);
    writeCollection(value, `${indent}  `, lines);
  }
}

function writeSequence(items: Json[], indent: string, lines: string[]): void {
  for (const item of items) {
    const text = inline(item);
    if (text !== undefined) {
      lines.push(`${indent}- ${text}`);
      continue;
    }
    // A collection in a sequence starts on the dash's line and continues two columns in.
    const nested: string[] = [];
    writeCollection(item, `${indent}  `, nested);
    nested[0] = `${indent}- ${(nested[0] ?? "").slice(indent.length + 2)}`;
    lines.push(...nested);
  }
}

function writeCollection(value: Json, indent: string, lines: string[]): void {
  if (Array.isArray(value)) writeSequence(value, indent, lines);
  else if (value !== null && typeof value === "object") writeMap(value, indent, lines);
}

function writeDocument(value: unknown, lines: string[]): void {
  const json = value as Json;
  const text = inline(json);
  if (text !== undefined) lines.push(text);
  else writeCollection(json, "", lines);
}

// Every character that ends a comment line for some reader: LF and CR everywhere, NEL, LS and PS
// in YAML 1.1 (go-yaml and PyYAML among them).
const LINE_BREAK = /[\n\r\u0085\u2028\u2029]/g;

/** Each header line becomes one comment line, whatever characters it holds. */
export function canonicalYaml(documents: readonly unknown[], header: readonly string[]): string {
  const comment = header.map((line) => `# ${line.replace(LINE_BREAK, "?").replace(NEEDS_ESCAPE, "?")}`.trimEnd()).join("\n");
  // One join, so the text is one flat string: pieces joined by `+` stay a tree of pieces until a
  // reader flattens them into a copy, late in a fleet's run when the copy is kept (its diff).
  const lines = [comment];
  for (const [i, document] of documents.entries()) {
    if (i > 0) lines.push("---");
    writeDocument(document, lines);
  }
  lines.push("");
  return lines.join("\n");
}
