// Findings about an object point at it: `file:line:col` of the object (or of the field the
// finding is about), as validate points at a spec's fields. js-yaml, which reads the manifests,
// keeps no positions; only the few files a finding is about are parsed again, with the `yaml`
// package's positions, so a large dump read without findings costs nothing more. Rendered files
// (their documents given) are not: a finding about one is about the spec, and a plan's render
// is large.
import { isMap, isSeq, LineCounter, parseAllDocuments, type Document } from "yaml";
import { Memo } from "../memo.ts";
import type { About } from "./documents.ts";
import type { ReadFinding } from "./reader.ts";
import type { Finding, ManifestFile } from "./types.ts";

interface Parsed {
  readonly documents: readonly Document.Parsed[];
  readonly lines: LineCounter;
}

/** Each finding with its object's line and column after its file, where the file shows them. */
export function placeFindings(findings: readonly ReadFinding[], files: readonly ManifestFile[]): Finding[] {
  const at = positioner(files);
  return findings.map(({ about, ...finding }) => {
    const position = about === undefined ? undefined : at(about);
    return position === undefined ? finding : { ...finding, path: `${finding.path}:${position.line}:${position.col}` };
  });
}

/** The line and column of an object (or of a field in it), where its file shows them; each file is parsed once, when first asked. */
export function positioner(files: readonly ManifestFile[]): (about: About) => { readonly line: number; readonly col: number } | undefined {
  const contents = new Map(files.flatMap((f) => (f.documents === undefined ? [[f.file, f.content] as const] : [])));
  const parsed = new Memo<string, Parsed | undefined>();
  const parse = (file: string): Parsed | undefined =>
    parsed.get(file, () => {
      const content = contents.get(file);
      const lines = new LineCounter();
      const documents = content === undefined ? undefined : parseAllDocuments(content, { lineCounter: lines });
      return documents === undefined || !Array.isArray(documents) ? undefined : { documents, lines };
    });
  return (about) => {
    const file = parse(about.doc.file);
    const offset = file === undefined ? undefined : offsetOf(file, about);
    return file === undefined || offset === undefined ? undefined : file.lines.linePos(offset);
  };
}

/** Where the object starts (its first key), or the field in it; undefined when the parse does not find that object. */
function offsetOf({ documents }: Parsed, about: About): number | undefined {
  const { doc, field } = about;
  let node: unknown = documents[doc.source.document]?.contents;
  for (const item of doc.source.items) {
    const items = isMap(node) ? node.get("items", true) : undefined;
    node = isSeq(items) ? items.items[item] : undefined;
  }
  // The same object as js-yaml read, or no position at all.
  if (!isMap(node) || node.get("kind") !== doc.kind) return undefined;
  const inner: unknown = field === undefined ? undefined : node.getIn(field, true);
  const range = (inner !== null && typeof inner === "object" && "range" in inner ? inner : node).range as
    [number, number, number] | undefined;
  return range?.[0];
}
