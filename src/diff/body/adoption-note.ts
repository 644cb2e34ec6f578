// An adoption run says what it keeps and what becomes of the hand-written files, near the top:
// the reviewer's question is "the same paths, now generated?", and the answer is one line.
import { mdCode, mdText } from "../markdown-text.ts";
import type { FolderReport } from "../plan.ts";
import { plural, some } from "./words.ts";

export function adoptionNote(folders: readonly FolderReport[]): string[] {
  return folders.flatMap((f) => {
    const a = f.adoption;
    if (a === undefined) return [];
    const where = folders.length > 1 ? ` (${mdText(f.spec)})` : "";
    const files = (paths: readonly string[]) => some(paths.map((p) => mdCode(p)));
    return [
      `**adoption${where}: ${plural(a.kept, "path")} kept, ${a.changed} changed.** ${mdCode(`${f.folder}/`)} had no ownership record, so this run adopts its hand-written manifests: ${plural(a.takenOver.length, "object")} they define ${a.takenOver.length === 1 ? "is" : "are"} now rendered (${some(a.takenOver.map((t) => mdCode(t.object)))}).` +
        (a.removed.length > 0 ? ` Removed, since they held nothing else: ${files(a.removed)}.` : "") +
        (a.rewritten.size > 0 ? ` Rewritten without those objects, keeping the rest as written: ${files([...a.rewritten.keys()])}.` : "") +
        (a.left.length > 0
          ? ` Left as they are (ingress-gitops does not own them and never removes them; what they still expose is in the paths): ${files(a.left)}.`
          : "") +
        (a.changed > 0 ? " The paths that differ, and where each is read from:" : ""),
      ...a.differences.map(
        (d) =>
          `- ${mdCode(d.path)} ${d.change}: read from ${mdCode(d.file)}, ${d.handWritten ? "a hand-written file left as it is (what it says is not in the spec)" : "rendered from the spec"}`,
      ),
      "",
    ];
  });
}
