// The files section: each changed file's diff in a collapsible block, riskiest first, as many as
// the budget leaves room for; the files left out are named in a note, as many as fit.
import { compareText } from "../../compare-text.ts";
import { SEVERITY_RANK } from "../../problems.ts";
import { htmlText, mdCode } from "../markdown-text.ts";
import type { FileDiff, FolderReport } from "../plan.ts";
import { plural } from "./words.ts";

/** The record of owned files tells a reviewer nothing about exposure: it goes last. */
const OWNERSHIP_RECORD = /(^|\/)\.ingress-gitops\.json$/;

/** Files a finding is about first (errors, then warnings, then info), then the rest by name. */
export function filesByRisk(f: FolderReport): FileDiff[] {
  // Each path's gravest finding, found in one pass: looked up per comparison, the sort was quadratic.
  const gravest = new Map<string, number>();
  for (const x of f.findings) gravest.set(x.path, Math.min(gravest.get(x.path) ?? 3, SEVERITY_RANK[x.severity]));
  const rank = (file: FileDiff) => (OWNERSHIP_RECORD.test(file.path) ? 4 : (gravest.get(file.path) ?? 3));
  return f.files
    .map((file) => ({ file, rank: rank(file) }))
    .sort((a, b) => a.rank - b.rank || compareText(a.file.path, b.file.path))
    .map(({ file }) => file);
}

/** The diffs of `files` within `budget`; `omitted` counts those left out for the cut notice. */
export function filesSection(
  files: readonly FileDiff[],
  budget: number,
  measure: (t: string) => number,
): { text: string; omitted: number } {
  if (files.length === 0) return { text: "### Files\n\nNo file changes.\n", omitted: 0 };
  const heading = "### Files\n";
  const blocks: string[] = [];
  let used = measure(heading);
  for (const file of files) {
    const block = fileBlock(file);
    // The block and the line break that joins it.
    const size = measure(block) + 1;
    // Riskiest first, so stop at the first that does not fit rather than skip to smaller ones.
    if (used + size + NOTE_RESERVE > budget) break;
    blocks.push(block);
    used += size;
  }
  const omitted = files.slice(blocks.length);
  if (omitted.length === 0) return { text: [heading, ...blocks].join("\n"), omitted: 0 };
  return { text: [heading, ...blocks, omittedFilesNote(omitted, measure)].join("\n"), omitted: omitted.length };
}

/** Room kept for the note that names files left out. */
const NOTE_RESERVE = 800;

/** Names as many omitted files as the note's room allows; the count covers the rest. */
function omittedFilesNote(omitted: readonly FileDiff[], measure: (t: string) => number): string {
  const room = NOTE_RESERVE - 200;
  const names: string[] = [];
  let size = 0;
  for (const f of omitted) {
    const name = mdCode(f.path);
    if (size + measure(name) + 2 > room) break;
    names.push(name);
    size += measure(name) + 2;
  }
  const rest = omitted.length - names.length;
  const list = names.length > 0 ? `: ${names.join(", ")}${rest > 0 ? ` and ${rest} more` : ""}` : "";
  return `> The diffs of ${plural(omitted.length, "more file")} are not shown here${list}.\n`;
}

function fileBlock(file: FileDiff): string {
  // Read once: a patch is made each time it is read (diff/plan.ts).
  const patch = file.patch;
  const longest = Math.max(2, ...[...patch.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  const icon = { added: "➕", changed: "✏️", removed: "➖" }[file.status];
  return [
    `<details><summary>${icon} <code>${htmlText(file.path)}</code> (${file.status}, +${file.additions} −${file.deletions})</summary>`,
    "",
    `${fence}diff`,
    patch.trimEnd(),
    fence,
    "",
    "</details>",
    "",
  ].join("\n");
}
