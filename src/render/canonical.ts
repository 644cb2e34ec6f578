// One way to write YAML: keys sorted, no anchors, no folding, so that the same objects always
// give the same bytes and a diff shows only what changed. Written for every reader on the way to
// the cluster: Argo CD, Helm and kubectl read YAML 1.1 (go-yaml), where a plain `on`, `yes`,
// `1_000` or `<<` is not a string, so a string any YAML 1.1 or 1.2 reader would misread is quoted,
// and characters YAML forbids raw are escaped.
import { Document, parse, Scalar, visit } from "yaml";

// YAML's printable set excludes these; NEL, LS and PS are line breaks to YAML 1.1 readers.
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
const NEEDS_ESCAPE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function escapeCharacter(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** Whether a YAML 1.1 reader would take this plain string as something else (a bool, a number, a date, a merge key). */
function misreadByYaml11(text: string, isKey: boolean): boolean {
  if (isKey && text === "<<") return true;
  // Every YAML 1.1 bool, null, number and timestamp is short or starts with a sign, dot or digit.
  if (text.length > 5 && !/^[-+.0-9]/.test(text)) return false;
  try {
    return parse(text, { version: "1.1" }) !== text;
  } catch {
    return true;
  }
}

function documentText(value: unknown): string {
  const doc = new Document(value, { aliasDuplicateObjects: false, sortMapEntries: true });
  visit(doc, {
    Scalar(key, node) {
      if (typeof node.value !== "string") return;
      NEEDS_ESCAPE.lastIndex = 0;
      if (NEEDS_ESCAPE.test(node.value) || misreadByYaml11(node.value, key === "key")) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  // Strings holding such characters are double-quoted above, so every occurrence left in the text
  // sits inside double quotes, where an escape is valid.
  return doc.toString({ lineWidth: 0, minContentWidth: 0, indentSeq: true }).replace(NEEDS_ESCAPE, escapeCharacter);
}

export function canonicalYaml(documents: readonly unknown[], header: string): string {
  const comment = header
    .replace(NEEDS_ESCAPE, "?")
    .split("\n")
    .map((line) => `# ${line}`.trimEnd())
    .join("\n");
  return `${comment}\n${documents.map(documentText).join("---\n")}`;
}
