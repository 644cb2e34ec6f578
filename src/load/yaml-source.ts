// Text → plain data that remembers where every value came from, refusing hostile YAML
// (deep nesting, alias bombs, alias cycles, duplicate keys, too many keys or nodes) before it
// costs anything. Every step is linear in the text: nothing compares a key with all the others.
import {
  CST,
  Composer,
  Lexer,
  LineCounter,
  Parser,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Document,
  type Node,
  type Pair,
  type CST as CSTTypes,
} from "yaml";

type Token = CSTTypes.Token;
import { loadAll } from "js-yaml";
import { REFERENCE_CORE_SCHEMA } from "./core-schema.ts";
import { problem, type Position, type Problem } from "../problems.ts";
import { positionOfChar } from "./source.ts";
import { aliasCount, MAX_ALIASES } from "../yaml-aliases.ts";
import { isRecord } from "../is-record.ts";
import { plainPositions, positionRecorder, type Locate } from "./plain-positions.ts";

export const MAX_NESTING = 64;
/** Keys in one mapping; Helm values of the largest charts have a few hundred. */
export const MAX_KEYS_PER_MAPPING = 10_000;
/**
 * Nodes (collections, keys and values) in one spec: the work every later stage does is bounded
 * by it. A spec of 10,000 routes, the most one run may render, has about 260,000.
 */
export const MAX_NODES = 300_000;

export type PathSegment = string | number;

export interface SourceDocument {
  readonly file: string;
  readonly data: unknown;
  /** Where the value at `path` (or its key) was written; the nearest written ancestor if it was not. */
  locate(path: readonly PathSegment[], part?: "key" | "value"): Position;
  /** Whether the author wrote `path` (as opposed to a default filling it in). */
  has(path: readonly PathSegment[]): boolean;
  /** The value at `path` exactly as written (`1.20`, not the number 1.2), if it was written. */
  written(path: readonly PathSegment[]): string | undefined;
}

export type Parsed = { ok: true; document: SourceDocument } | { ok: false; problems: Problem[] };

/** So does a directive: `%YAML 1.1` switches the strict path's schema, which js-yaml would ignore. */
const DIRECTIVE = /^%/m;

/**
 * Specs are read fast when they are plain (no alias or directive, one document, within the nesting limit):
 * js-yaml loads the data; positions come from js-yaml's node events when a problem needs one
 * (plain-positions.ts), and the exact parse runs only where those cannot place a value or a
 * message needs a value's text as written. Anything else takes the strict path, whose messages and guards are the reference.
 */
export function parseSpecText(file: string, text: string): Parsed {
  // An alias anywhere in the text sends it down the strict path, which bounds their expansion.
  const fast = aliasCount(text) > 0 || DIRECTIVE.test(text) ? undefined : loadPlain(text);
  if (fast !== undefined) {
    let exact: SourceDocument | undefined;
    const positions = (): SourceDocument | undefined => {
      if (exact === undefined) {
        const strict = parseStrict(file, text);
        if (strict.ok) exact = strict.document;
      }
      return exact;
    };
    // The load's own record of the top of the document first; below it, a second load records
    // everything. null: that index declined the text; what it declines goes to the exact parse.
    let plain: Locate | null | undefined;
    return {
      ok: true,
      document: {
        file,
        data: fast.data,
        locate: (path, part) => {
          const top = fast.top?.(path, part);
          if (top !== undefined) return top;
          plain ??= plainPositions(text) ?? null;
          return (plain === null ? undefined : plain(path, part)) ?? positions()?.locate(path, part) ?? { line: 1, col: 1 };
        },
        // The data is as written (defaults fill a copy), so it answers without the exact parse.
        has: (path) => hasPath(fast.data, path),
        written: (path) => positions()?.written(path),
      },
    };
  }
  return parseStrict(file, text);
}

function hasPath(data: unknown, path: readonly PathSegment[]): boolean {
  let node = data;
  for (const segment of path) {
    const found = Array.isArray(node)
      ? typeof segment === "number" && Number.isInteger(segment) && segment >= 0 && segment < node.length
      : isRecord(node) && Object.hasOwn(node, segment);
    if (!found) return false;
    node = (node as Record<PathSegment, unknown>)[segment];
  }
  return true;
}

/**
 * Levels of nesting the spec's own load records positions for: a path of two segments
 * (`controllers.cilium`, `routes[3]`) and a scalar at three, which the notes of a valid spec name.
 */
export const RECORDED_DEPTH = 4;

function loadPlain(text: string): { data: unknown; top: Locate | undefined } | undefined {
  let documents: unknown[];
  const recorder = positionRecorder(RECORDED_DEPTH);
  try {
    documents = loadAll(text, undefined, { schema: REFERENCE_CORE_SCHEMA, listener: recorder.listener });
  } catch {
    return undefined; // Duplicate keys, syntax errors, a nesting deep enough to exhaust the stack.
  }
  const [data] = documents;
  if (documents.length !== 1 || data === null || data === undefined || !withinLimits(data)) return undefined;
  return { data, top: recorder.locator(text) };
}

/**
 * Whether plain data stays within the nesting, keys and nodes limits; iterative, so depth costs
 * no stack. Data beyond them takes the strict path, which refuses it with a position.
 */
function withinLimits(data: unknown): boolean {
  // Every node of every spec passes here: two stacks of objects and depths rather than a pair
  // allocated per node, and a scalar counted where it is found rather than pushed and popped.
  let nodes = 1;
  const objects: object[] = typeof data === "object" && data !== null ? [data] : [];
  const depths: number[] = [1];
  for (let value = objects.pop(); value !== undefined; value = objects.pop()) {
    const depth = depths.pop() ?? 1;
    const isMapping = !Array.isArray(value);
    const children = Object.values(value) as unknown[];
    if (isMapping) nodes += children.length;
    if (depth > MAX_NESTING || (isMapping && children.length > MAX_KEYS_PER_MAPPING)) return false;
    for (const child of children) {
      if (++nodes > MAX_NODES) return false;
      if (typeof child === "object" && child !== null) {
        objects.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return nodes <= MAX_NODES;
}

function parseStrict(file: string, text: string): Parsed {
  // Parsing and composing cost far more per token than lexing, so a lexing pass refuses first what
  // is too deep (a bracket bomb at its 65th level) or has too many nodes, before anything is built.
  const guard = new NestingGuard(text);
  let nodes = 0;
  let offset = 0;
  for (const lexeme of new Lexer().lex(text)) {
    const tooDeep = guard.feed(lexeme);
    if (tooDeep !== undefined)
      return fail(
        problem(
          file,
          tooDeep,
          `nesting deeper than ${MAX_NESTING} levels; a spec never needs that (refused as a resource-exhaustion guard)`,
        ),
      );
    // Each of these tokens is one node (block collections have none, so this never counts more than there are).
    const type = CST.tokenType(lexeme);
    if (typeof type === "string" && NODE_TOKENS.has(type) && ++nodes > MAX_NODES)
      return fail(problem(file, positionOfChar(text, offset), TOO_MANY_NODES));
    if (!MARKERS.has(lexeme)) offset += lexeme.length;
  }
  const lineCounter = new LineCounter();
  const parser = new Parser(lineCounter.addNewLine);
  // Parser.parse() registers the first line itself; driving next() directly, so must we.
  lineCounter.addNewLine(0);
  const tokens: Token[] = [];
  for (const lexeme of new Lexer().lex(text)) for (const token of parser.next(lexeme)) tokens.push(token);
  for (const token of parser.end()) tokens.push(token);
  // The composer's own duplicate-key check compares each key with every earlier one (quadratic:
  // 40k keys took 7 s); checkNodes does it with a set per mapping.
  const documents = [...new Composer({ uniqueKeys: false, prettyErrors: false }).compose(tokens)];
  const at = (offset: number): Position => lineCounter.linePos(offset);
  const [doc, extra] = documents;
  if (doc === undefined || doc.contents === null) return fail(problem(file, { line: 1, col: 1 }, "file is empty; expected an IngressSpec"));
  if (extra !== undefined) {
    return fail(problem(file, at(extra.range[0]), "a spec file holds exactly one YAML document; split the others into files of their own"));
  }
  const syntax = doc.errors.map((e) => problem(file, at(e.pos[0]), describeYamlError(e.code, e.message, text, e.pos)));
  if (syntax.length > 0) return { ok: false, problems: syntax };

  const nodeProblems = checkNodes(doc, file, text, at);
  if (nodeProblems.length > 0) return { ok: false, problems: nodeProblems };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    return fail(
      problem(
        file,
        at(firstAliasOffset(doc)),
        `aliases expand to too much data (more than ${MAX_ALIASES}× expansion); refused as a resource-exhaustion guard`,
      ),
    );
  }
  return { ok: true, document: sourceDocument(file, text, doc, data, at) };
}

function fail(p: Problem): Parsed {
  return { ok: false, problems: [p] };
}

function describeYamlError(code: string, message: string, text: string, pos: [number, number]): string {
  if (code === "DUPLICATE_KEY") {
    const key = /^("[^"\n]*"|'[^'\n]*'|[^:#\n]+)/.exec(text.slice(pos[0]))?.[0].trim() ?? "";
    return `duplicate key '${key}'; each key may appear once in a mapping`;
  }
  return `invalid YAML: ${message.replace(/ at line \d+, column \d+[\s\S]*$/, "")}`;
}

/**
 * Counts nesting as the lexer streams (linear, stopping at the first excess), so that a
 * multi-megabyte bracket bomb is refused in microseconds instead of being parsed. Block depth is
 * counted from indentation and compact `- - -` indicators, flow depth from brackets; quoted text
 * and block scalars are tokens of their own and do not count.
 */
class NestingGuard {
  private offset = 0;
  private flowDepth = 0;
  private lineStart = true;
  private pendingIndent = 0;
  private lineItems = 0;
  private readonly indents: number[] = [];

  constructor(private readonly text: string) {}

  /** The position where nesting first exceeds the limit, if this token does it. */
  feed(token: string): Position | undefined {
    const type = CST.tokenType(token);
    if (type === "newline") {
      this.lineStart = true;
      this.pendingIndent = 0;
      this.lineItems = 0;
    } else if (this.lineStart && type === "space" && !token.includes("\n")) {
      this.pendingIndent = token.length;
    } else if (this.lineStart && type !== "comment" && !MARKERS.has(token)) {
      // The first content on a line closes every block that was indented as deep or deeper.
      this.lineStart = false;
      while (this.indents.length > 0 && (this.indents[this.indents.length - 1] ?? 0) >= this.pendingIndent) this.indents.pop();
      this.indents.push(this.pendingIndent);
    }
    if (type === "flow-seq-start" || type === "flow-map-start") this.flowDepth++;
    else if (type === "flow-seq-end" || type === "flow-map-end") this.flowDepth = Math.max(0, this.flowDepth - 1);
    else if (type === "seq-item-ind") this.lineItems++;
    if (this.flowDepth + this.indents.length + this.lineItems > MAX_NESTING) return positionOfChar(this.text, this.offset);
    if (!MARKERS.has(token)) this.offset += token.length;
    return undefined;
  }
}

// Tokens the lexer adds that are not characters of the source.
const MARKERS: ReadonlySet<string> = new Set([CST.DOCUMENT, CST.FLOW_END, CST.SCALAR]);

const TOO_MANY_NODES = `more than ${MAX_NODES} YAML nodes; a spec never needs that (refused as a resource-exhaustion guard)`;

const NODE_TOKENS: ReadonlySet<string> = new Set([
  "scalar",
  "single-quoted-scalar",
  "double-quoted-scalar",
  "alias",
  "flow-seq-start",
  "flow-map-start",
]);

/** Every node with the collections that contain it; iterative, so depth costs no stack. */
function* walkNodes(doc: Document): Generator<{ node: unknown; ancestors: readonly unknown[] }> {
  const stack: { node: unknown; ancestors: readonly unknown[] }[] = [{ node: doc.contents, ancestors: [] }];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    yield entry;
    const { node, ancestors } = entry;
    if (!isCollection(node)) continue;
    const inner = [...ancestors, node];
    for (const item of node.items as unknown[]) {
      for (const child of isPair(item) ? [item.key, item.value] : [item]) stack.push({ node: child, ancestors: inner });
    }
  }
}

/**
 * In one pass: too many nodes or keys in a mapping (the first that is one too many), circular
 * aliases (an alias inside the node it refers to), and every duplicate key.
 */
function checkNodes(doc: Document, file: string, text: string, at: (offset: number) => Position): Problem[] {
  const duplicates: Problem[] = [];
  let nodes = 0;
  for (const { node, ancestors } of walkNodes(doc)) {
    if (++nodes > MAX_NODES) return [problem(file, at(nodeOffset(node)), TOO_MANY_NODES)];
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (target !== undefined && ancestors.includes(target)) {
        return [
          problem(file, at(node.range?.[0] ?? 0), `alias *${node.source} refers to a node that contains it; circular data is not allowed`),
        ];
      }
    }
    if (!isMap(node)) continue;
    if (node.items.length > MAX_KEYS_PER_MAPPING) {
      return [
        problem(
          file,
          at(nodeOffset(node.items[MAX_KEYS_PER_MAPPING]?.key)),
          `more than ${MAX_KEYS_PER_MAPPING} keys in one mapping; a spec never needs that (refused as a resource-exhaustion guard)`,
        ),
      ];
    }
    // Scalar keys are the same when their values are (the composer's rule: 1 and "1" differ).
    const seen = new Set<unknown>();
    for (const { key } of node.items) {
      if (!isScalar(key)) continue;
      if (seen.has(key.value)) {
        const offset = key.range?.[0] ?? 0;
        duplicates.push(problem(file, at(offset), describeYamlError("DUPLICATE_KEY", "", text, [offset, offset])));
      }
      seen.add(key.value);
    }
  }
  return duplicates;
}

function nodeOffset(node: unknown): number {
  return (isScalar(node) || isCollection(node) || isAlias(node) ? node.range?.[0] : undefined) ?? 0;
}

function firstAliasOffset(doc: Document): number {
  let first = Infinity;
  for (const { node } of walkNodes(doc)) if (isAlias(node)) first = Math.min(first, node.range?.[0] ?? Infinity);
  return Number.isFinite(first) ? first : 0;
}

function sourceDocument(file: string, text: string, doc: Document, data: unknown, at: (offset: number) => Position): SourceDocument {
  // Each mapping's entries by key, built on first use: a lookup per problem must not scan a
  // mapping, or thousands of problems in a wide mapping would be quadratic again.
  const indexes = new WeakMap<object, Map<string, Pair>>();
  const entry = (map: { items: Pair[] }, key: string): Pair | undefined => {
    let index = indexes.get(map);
    if (index === undefined) {
      index = new Map();
      for (const item of map.items) if (isScalar(item.key) && !index.has(String(item.key.value))) index.set(String(item.key.value), item);
      indexes.set(map, index);
    }
    return index.get(key);
  };
  // Walks as far as the written document goes; `pair` is the mapping entry holding `node`.
  function walk(path: readonly PathSegment[]): { node: Node | null; pair: Pair | undefined; complete: boolean } {
    let node: Node | null = doc.contents;
    let pair: Pair | undefined;
    for (const segment of path) {
      const current = isAlias(node) ? (node.resolve(doc) ?? null) : node;
      let next: { node: Node | null; pair: Pair | undefined } | undefined;
      if (isMap(current)) {
        const found = entry(current, String(segment));
        if (found !== undefined) next = { node: (found.value as Node | null) ?? null, pair: found };
      } else if (isSeq(current) && typeof segment === "number") {
        const item = current.items[segment] as Node | undefined;
        if (item !== undefined) next = { node: item, pair: undefined };
      }
      if (next === undefined) return { node, pair, complete: false };
      ({ node, pair } = next);
    }
    return { node, pair, complete: true };
  }

  return {
    file,
    data,
    has: (path) => walk(path).complete,
    written(path) {
      const { node, complete } = walk(path);
      return complete && node?.range ? text.slice(node.range[0], node.range[1]) : undefined;
    },
    locate(path, part = "value") {
      const { node, pair, complete } = walk(path);
      const keyOffset = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
      const valueOffset = node?.range?.[0];
      const preferKey = part === "key" || !complete || valueOffset === undefined || (isScalar(node) && node.value === null);
      const offset = (preferKey ? keyOffset : valueOffset) ?? valueOffset ?? keyOffset ?? 0;
      return at(offset);
    },
  };
}
