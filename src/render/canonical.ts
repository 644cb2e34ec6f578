// One way to write YAML: keys sorted, no anchors, no folding, so that the same objects always
// give the same bytes and a diff shows only what changed.
import { stringify } from "yaml";

export function canonicalYaml(documents: readonly unknown[], header: string): string {
  const body = documents.map((d) => stringify(d, { sortMapEntries: true, lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false, indentSeq: true })).join("---\n");
  const comment = header
    .split("\n")
    .map((line) => `# ${line}`.trimEnd())
    .join("\n");
  return `${comment}\n${body}`;
}
