// Mermaid blocks read the way a reader sees them: parsed by mermaid's own parser (mermaid's
// `parse` and flowchart database in Node, over a jsdom window for the DOMPurify it sanitizes labels
// with), not by a regular expression. mermaid-cli would also lay the graph out, but needs a
// browser for every test run; the parser alone gives what the colours and edges are.
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
Object.assign(globalThis, {
  window: dom.window,
  document: dom.window.document,
  DOMParser: dom.window.DOMParser,
  Element: dom.window.Element,
});
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

export interface SeenNode {
  readonly id: string;
  /** The label's lines, entity codes decoded as the browser shows them. */
  readonly lines: readonly string[];
  readonly classes: readonly string[];
  /** The node's style properties, from its classes' `classDef`s. */
  readonly style: Readonly<Record<string, string>>;
}

export interface SeenEdge {
  readonly from: SeenNode;
  readonly to: SeenNode;
  readonly label: string;
  /** `dotted` for `-.->`, `normal` for `-->`. */
  readonly stroke: string;
  /** The edge's style properties, from `linkStyle`. */
  readonly style: Readonly<Record<string, string>>;
}

export interface SeenGraph {
  readonly nodes: readonly SeenNode[];
  readonly edges: readonly SeenEdge[];
  readonly subgraphs: readonly string[];
  node(text: string): SeenNode;
}

interface FlowDb {
  getVertices(): Map<string, { id: string; text?: string; classes: string[] }>;
  getEdges(): { start: string; end: string; text: string; stroke: string; style?: string[] }[];
  getClasses(): Map<string, { styles: string[] }>;
  getSubGraphs(): { title: string }[];
}

// mermaid keeps `#91;` and `#quot;` as placeholders until it renders; the browser then shows the character.
function decode(text: string): string {
  const named: Record<string, string> = { quot: '"', amp: "&", lt: "<", gt: ">", nbsp: "\u00a0" };
  return text
    .replace(/ﬂ°°(\d+)¶ß/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/ﬂ°(\w+)¶ß/g, (_, name: string) => named[name] ?? `&${name};`);
}

const styleOf = (styles: readonly string[]) =>
  Object.fromEntries(styles.map((s) => s.split(":")).map(([k = "", ...v]) => [k.trim(), v.join(":").trim()]));

export async function parseMermaid(text: string): Promise<SeenGraph> {
  await mermaid.parse(text);
  // `parse` only says whether the text is valid; the flowchart's database (classes, edge styles)
  // is reachable only through getDiagramFromText, which mermaid 12 marks deprecated with no successor.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const db = (await mermaid.mermaidAPI.getDiagramFromText(text)).db as unknown as FlowDb;
  const classes = db.getClasses();
  const nodes = [...db.getVertices().values()].map((v): SeenNode => ({
    id: v.id,
    lines: decode(v.text ?? v.id).split(/<br\s*\/?>/),
    classes: v.classes,
    style: Object.assign({}, ...v.classes.map((c) => styleOf(classes.get(c)?.styles ?? []))) as Record<string, string>,
  }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = db.getEdges().map((e): SeenEdge => ({
    from: byId.get(e.start) as SeenNode,
    to: byId.get(e.end) as SeenNode,
    label: decode(e.text),
    stroke: e.stroke,
    style: styleOf(e.style ?? []),
  }));
  return {
    nodes,
    edges,
    subgraphs: db.getSubGraphs().map((s) => decode(s.title)),
    node(wanted: string) {
      const found = nodes.filter((n) => n.lines[0] === wanted);
      if (found.length !== 1) throw new Error(`${found.length} nodes labelled '${wanted}' in: ${nodes.map((n) => n.lines[0]).join(", ")}`);
      return found[0] as SeenNode;
    },
  };
}

/** Every ```mermaid block of a Markdown text. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((m) => m[1] ?? "");
}
