// The imported spec as a file a person reviews: the schema modeline, what was read, every
// choice and every leftover as comments at the top, then the spec in the shape of the examples.
import { dump } from "js-yaml";
import { oneLine } from "../one-line.ts";
import type { SpecObject } from "./load-balancers.ts";
import { noteLine, type Note } from "./notes.ts";

export function emitSpec(
  spec: SpecObject,
  notes: readonly Note[],
  options: { readonly schema: string; readonly inputs: readonly string[] },
): string {
  const comment = (text: string) => `# ${oneLine(text)}`;
  const section = (title: string, kind: Note["kind"]) => {
    const lines = notes.filter((n) => n.kind === kind).map((n) => comment(`  - ${noteLine(n)}`));
    return lines.length === 0 ? [] : [comment(title), ...lines];
  };
  const header = [
    `# yaml-language-server: $schema=${options.schema}`,
    comment(`Written by ingress-gitops import from ${options.inputs.join(", ")}. Review it, then plan it against the GitOps checkout.`),
    ...section("Chosen where the manifests did not say, or could not be kept as they are:", "chose"),
    ...section("Not expressed by this spec (left as they are; ingress-gitops does not render them):", "unexpressed"),
  ];
  const body = dump(spec, { lineWidth: -1, noRefs: true, flowLevel: -1, quotingType: '"' });
  return `${header.join("\n")}\n${body}`;
}
