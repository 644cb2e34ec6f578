// Every rendered document is parsed back, but most renders of a template differ only in the values
// `{{y …}}` wrote: the same text around them, the same branches taken. So a render first runs with
// each value replaced by a marker; the text with the markers (the shape) is parsed once, with a
// placeholder where each value was: `""` for a string, `0` for an integer, boolean or null, `[]`
// or `{}` for a list or a mapping. A placeholder is the same kind of YAML token as the JSON the
// value is written as (a double-quoted scalar, a plain scalar, a flow collection), on one line,
// so the text around it reads the same either way, and the token reads back as the value itself
// (a property test holds `y` to that). The shape is used only where its parse proves each
// placeholder a whole value of its own (a mapping value or a list item spanning exactly the
// placeholder, not a key, not inside a quoted or block scalar or a comment); every other shape,
// and every value that is not plain JSON, goes back to rendering the text and parsing it.
import { CORE_SCHEMA, load, type EventType, type State } from "js-yaml";
import { isRecord } from "../is-record.ts";
import { skipSpace } from "../load/plain-positions.ts";

/** What `y` writes in a shape, then the value's kind: handlebars refuses it in a template's text. */
export const HOLE_MARK = "\u0000";

/** A kind of value with the placeholder written for it; "x" is a value only the text can show. */
const PLACEHOLDERS = { s: '""', p: "0", a: "[]", o: "{}" } as const;
type Kind = keyof typeof PLACEHOLDERS | "x";

function kindOf(value: unknown): Kind {
  if (typeof value === "string") return "s";
  if (typeof value === "boolean" || value === null) return "p";
  // JSON writes -0 as 0, and other numbers in forms not worth proving; the text shows them.
  if (typeof value === "number") return Number.isSafeInteger(value) && !Object.is(value, -0) ? "p" : "x";
  if (Array.isArray(value)) return "a";
  return isRecord(value) ? "o" : "x";
}

/** What `y` writes for a value while a shape is recorded. */
export function holeMark(value: unknown): string {
  return `${HOLE_MARK}${kindOf(value)}`;
}

type ShapeNode =
  | { readonly hole: number }
  | { readonly scalar: unknown }
  | { readonly items: readonly ShapeNode[] }
  | { readonly entries: readonly (readonly [string, ShapeNode])[] };

/** A value that is not plain JSON: its text is what decides what it reads back as. */
const UNCLEAN = Symbol("unclean");

/** A fresh copy of plain JSON data, as parsing its JSON text gives; UNCLEAN for anything else. */
function jsonCopy(value: unknown): unknown {
  switch (kindOf(value)) {
    case "s":
    case "p":
      return value;
    case "a": {
      const list = value as readonly unknown[];
      const copy: unknown[] = [];
      for (let i = 0; i < list.length; i++) {
        if (!(i in list)) return UNCLEAN;
        const item = jsonCopy(list[i]);
        if (item === UNCLEAN) return UNCLEAN;
        copy.push(item);
      }
      return copy;
    }
    case "o": {
      const map = value as Record<string, unknown>;
      const proto: unknown = Object.getPrototypeOf(map);
      if ((proto !== Object.prototype && proto !== null) || typeof map["toJSON"] === "function") return UNCLEAN;
      const copy: Record<string, unknown> = {};
      for (const key of Object.keys(map)) {
        const item = key === "__proto__" ? UNCLEAN : jsonCopy(map[key]);
        if (item === UNCLEAN) return UNCLEAN;
        copy[key] = item;
      }
      return copy;
    }
    default:
      return UNCLEAN;
  }
}

function build(node: ShapeNode, holes: readonly unknown[]): unknown {
  if ("hole" in node) return jsonCopy(holes[node.hole]);
  if ("scalar" in node) return node.scalar;
  if ("items" in node) {
    const list: unknown[] = [];
    for (const item of node.items) {
      const value = build(item, holes);
      if (value === UNCLEAN) return UNCLEAN;
      list.push(value);
    }
    return list;
  }
  const map: Record<string, unknown> = {};
  for (const [key, item] of node.entries) {
    const value = build(item, holes);
    if (value === UNCLEAN) return UNCLEAN;
    map[key] = value;
  }
  return map;
}

/** Where a placeholder was written: from its map key (the offset) to `end`. */
interface Span {
  readonly end: number;
  readonly hole: number;
}

interface Frame {
  readonly open: number;
  close: number;
  result: unknown;
  readonly children: Frame[];
}

class NotAShape extends Error {}

/** The shape's tree, or undefined when its parse does not prove every placeholder a value of its own. */
function compileShape(marked: string): ShapeNode | undefined {
  const pieces = marked.split(HOLE_MARK);
  let text = pieces[0] ?? "";
  const spans = new Map<number, Span>();
  for (let i = 1; i < pieces.length; i++) {
    const piece = pieces[i] ?? "";
    const kind = piece.charAt(0) as Kind;
    if (kind === "x") return undefined;
    const placeholder = PLACEHOLDERS[kind];
    spans.set(text.length, { end: text.length + placeholder.length, hole: i - 1 });
    text += placeholder + piece.slice(1);
  }
  const top: Frame = { open: 0, close: 0, result: undefined, children: [] };
  const stack: Frame[] = [top];
  try {
    load(text, {
      schema: CORE_SCHEMA,
      listener(this: State, event: EventType, state: State) {
        if (event === "open") {
          stack.push({ open: state.position, close: 0, result: undefined, children: [] });
          return;
        }
        const frame = stack.pop();
        if (frame === undefined) return;
        frame.close = state.position;
        frame.result = state.result;
        stack[stack.length - 1]?.children.push(frame);
      },
    });
  } catch {
    return undefined; // the text itself is parsed then, and its error is the one reported
  }
  const [root, ...others] = top.children;
  if (root === undefined || others.length > 0) return undefined;
  const found = new Set<number>();
  try {
    const tree = shapeOf(text, root, spans, found, true);
    return found.size === spans.size ? tree : undefined;
  } catch (error) {
    if (error instanceof NotAShape) return undefined;
    throw error;
  }
}

/** A node that only wraps another (a sequence entry, a block value) is that other node. */
function unwrap(frame: Frame): Frame {
  let inner = frame;
  while (inner.children.length === 1 && inner.children[0] !== undefined && Object.is(inner.children[0].result, inner.result))
    inner = inner.children[0];
  return inner;
}

function shapeOf(text: string, outer: Frame, spans: ReadonlyMap<number, Span>, found: Set<number>, isValue: boolean): ShapeNode {
  const frame = unwrap(outer);
  const span = spans.get(skipSpace(text, frame.open));
  if (span !== undefined) {
    // A node starting at a placeholder is that placeholder only if it ends with it (js-yaml may
    // have read the space after a plain scalar), as a value.
    const ends = frame.close >= span.end && skipSpace(text, span.end) >= frame.close;
    if (!isValue || !ends) throw new NotAShape();
    found.add(span.hole);
    return { hole: span.hole };
  }
  const value = frame.result;
  const children = frame.children.map(unwrap);
  if (Array.isArray(value)) {
    if (children.length !== value.length || children.some((c, i) => !Object.is(c.result, value[i]))) throw new NotAShape();
    return { items: children.map((c) => shapeOf(text, c, spans, found, true)) };
  }
  if (isRecord(value)) {
    const entries: [string, ShapeNode][] = [];
    for (let i = 0; i + 1 < children.length; i += 2) {
      const [k, v] = [children[i] as Frame, children[i + 1] as Frame];
      if (typeof k.result !== "string" || !Object.hasOwn(value, k.result) || !Object.is(value[k.result], v.result)) throw new NotAShape();
      shapeOf(text, k, spans, found, false);
      entries.push([k.result, shapeOf(text, v, spans, found, true)]);
    }
    if (children.length % 2 !== 0 || entries.length !== Object.keys(value).length || entries.some(([key]) => key === "__proto__"))
      throw new NotAShape();
    return { entries };
  }
  if (children.length > 0) throw new NotAShape();
  return { scalar: value };
}

/** Shapes seen in one run, each parsed once; a run has a few hundred. */
const MAX_SHAPES = 10_000;

export class ShapeCache {
  private readonly shapes = new Map<string, ShapeNode | null>();

  /**
   * What the text of this render reads back as, built from its shape and the values `y` was
   * given in order; undefined when only the text can tell.
   */
  object(marked: string, holes: readonly unknown[]): unknown {
    let shape = this.shapes.get(marked);
    if (shape === undefined) {
      shape = compileShape(marked) ?? null;
      if (this.shapes.size < MAX_SHAPES) this.shapes.set(marked, shape);
    }
    if (shape === null) return undefined;
    const object = build(shape, holes);
    return object === UNCLEAN ? undefined : object;
  }
}
