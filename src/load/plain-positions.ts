// Where the values of a plain spec (the fast path's: no alias, anchor, tag, directive, explicit key
// or document marker) were written, from js-yaml's node events instead of the `yaml` package's
// exact parse, which is twenty times slower: a 5,000-route plan spent 0.9 s of its 3 s there,
// to place one note per spec. The index checks itself against the data that same load returns;
// whatever it cannot account for, it declines (undefined), and the caller takes the exact parse.
// It answers as the exact parse does (held to it by a property test).
import { load, type EventType, type State } from "js-yaml";
import type { Position } from "../problems.ts";
import { isRecord } from "../is-record.ts";
import { REFERENCE_CORE_SCHEMA } from "./core-schema.ts";
import type { PathSegment } from "./yaml-source.ts";

/** Constructs whose events this index does not model: the exact parse places them. */
const UNMODELLED = /(?:^|[\s,[{])[&!?]|^(?:---|\.\.\.)(?:\s|$)/m;

interface Frame {
  /** Offset where js-yaml started reading the node, before the space and comments ahead of it. */
  readonly open: number;
  result: unknown;
  /** Allocated with the first child: most nodes are scalars. */
  children?: Frame[];
  /** Nested below the recorder's depth: its children were read but not recorded. */
  truncated?: true;
}

/** One node as far as a walk needs it: its place, its value, and its children still unread. */
interface Level {
  /** Offset of the node's first character. */
  readonly start: number;
  readonly value: unknown;
  readonly entries?: ReadonlyMap<string, { readonly key: Frame; readonly value: Frame }>;
  readonly items?: readonly Frame[];
}

class Unaccounted extends Error {}

/** A position, or undefined where only the exact parse can say. */
export type Locate = (path: readonly PathSegment[], part?: "key" | "value") => Position | undefined;

/** What a js-yaml load calls back with, and the index built from it afterwards. */
export interface PositionRecorder {
  readonly listener: (this: State, event: EventType, state: State) => void;
  /** `locate` for the text that was loaded, or undefined where only the exact parse can say. */
  locator(text: string): Locate | undefined;
}

/**
 * Records the node events of one js-yaml load, `maxDepth` levels of nesting deep: the spec's own
 * load records its top (the few positions a valid spec's notes need, with no second parse),
 * while `plainPositions` records everything. A walk below the recorded levels declines.
 */
export function positionRecorder(maxDepth = Infinity): PositionRecorder {
  const top: Frame = { open: 0, result: undefined };
  const stack: Frame[] = [top];
  // Nodes open below maxDepth: read, not recorded.
  let below = 0;
  return {
    listener(event, state) {
      if (event === "open") {
        if (below > 0 || stack.length > maxDepth) {
          if (below++ === 0) (stack[stack.length - 1] as Frame).truncated = true;
        } else stack.push({ open: state.position, result: undefined });
        return;
      }
      if (below > 0) {
        below--;
        return;
      }
      const frame = stack.pop();
      if (frame === undefined) return;
      frame.result = state.result;
      const parent = stack[stack.length - 1];
      if (parent !== undefined) (parent.children ??= []).push(frame);
    },
    locator: (text) => (UNMODELLED.test(text) ? undefined : locatorOf(text, top)),
  };
}

/**
 * `locate` for a plain text, or undefined where only the exact parse can say. Only the nodes a
 * walk passes are indexed (and checked): a spec asks for a position or two, not for all of them.
 */
export function plainPositions(text: string): Locate | undefined {
  if (UNMODELLED.test(text)) return undefined;
  const recorder = positionRecorder();
  load(text, { schema: REFERENCE_CORE_SCHEMA, listener: recorder.listener });
  return recorder.locator(text);
}

function locatorOf(text: string, top: Frame): Locate | undefined {
  const [root, ...others] = top.children ?? [];
  if (root === undefined || others.length > 0) return undefined;
  const levels = new WeakMap<Frame, Level>();
  const levelOf = (frame: Frame): Level => {
    let found = levels.get(frame);
    if (found === undefined) {
      found = level(text, frame);
      levels.set(frame, found);
    }
    return found;
  };
  let lines: number[] | undefined;
  return (path, part = "value") => {
    // As the exact parse: walk as far as the document goes, then prefer the key of the entry
    // reached when asked, when the walk stopped short, or when the value is empty.
    try {
      let node = levelOf(root);
      let key: Level | undefined;
      let complete = true;
      for (const segment of path) {
        const entry = node.entries?.get(String(segment));
        const item = typeof segment === "number" ? node.items?.[segment] : undefined;
        if (entry !== undefined) [key, node] = [levelOf(entry.key), levelOf(entry.value)];
        else if (item !== undefined) [key, node] = [undefined, levelOf(item)];
        else {
          complete = false;
          break;
        }
      }
      const preferKey = part === "key" || !complete || node.value === null;
      lines ??= lineStarts(text);
      return positionIn(lines, (preferKey ? key?.start : undefined) ?? node.start);
    } catch (error) {
      if (error instanceof Unaccounted) return undefined;
      throw error;
    }
  };
}

/** A node that only wraps another (a sequence entry, a block value) is that other node. */
function unwrap(frame: Frame): Frame {
  let inner = frame;
  while (inner.children?.length === 1 && inner.children[0] !== undefined && Object.is(inner.children[0].result, inner.result))
    inner = inner.children[0];
  return inner;
}

/** The node's place and children, checked against its value: throws Unaccounted where they disagree. */
function level(text: string, outer: Frame): Level {
  const frame = unwrap(outer);
  // Whether a node below the recorded depth wraps another, or where that one starts, is not known.
  if (frame.truncated === true) throw new Unaccounted();
  const start = skipSpace(text, frame.open);
  const value = frame.result;
  if (Array.isArray(value)) {
    const items = (frame.children ?? []).map(unwrap);
    if (items.length !== value.length || items.some((item, i) => !Object.is(item.result, value[i]))) throw new Unaccounted();
    return { start, value, items };
  }
  if (isRecord(value)) {
    const children = (frame.children ?? []).map(unwrap);
    const entries = new Map<string, { key: Frame; value: Frame }>();
    for (let i = 0; i + 1 < children.length; i += 2) {
      const [k, v] = [children[i], children[i + 1]];
      const name = k === undefined ? undefined : scalarKey(k.result);
      if (k === undefined || v === undefined || name === undefined) throw new Unaccounted();
      if (entries.has(name) || !Object.hasOwn(value, name) || !Object.is(value[name], v.result)) throw new Unaccounted();
      entries.set(name, { key: k, value: v });
    }
    if (children.length % 2 !== 0 || entries.size !== Object.keys(value).length) throw new Unaccounted();
    return { start, value, entries };
  }
  return { start, value };
}

/** A scalar key as the mapping names it; a collection as a key is not modelled. */
function scalarKey(key: unknown): string | undefined {
  return typeof key === "string" || typeof key === "number" || typeof key === "boolean" || key === null ? String(key) : undefined;
}

/** The first offset from `offset` that is neither white space nor a comment. */
export function skipSpace(text: string, offset: number): number {
  let i = offset;
  for (;;) {
    while (i < text.length && " \t\r\n".includes(text.charAt(i))) i++;
    if (text.charAt(i) !== "#") return i;
    while (i < text.length && text.charAt(i) !== "\n") i++;
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

function positionIn(starts: readonly number[], offset: number): Position {
  let [low, high] = [0, starts.length - 1];
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, col: offset - (starts[low] ?? 0) + 1 };
}
