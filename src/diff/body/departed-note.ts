// A spec that left the run is said at the top of the body, not dropped silently.
import { mdCode } from "../markdown-text.ts";

/** Folders the PR changed whose spec left the run (deliver/departed.ts). */
export function departedNote(folders: readonly string[]): string[] {
  if (folders.length === 0) return [];
  const list = folders.map((f) => mdCode(f)).join(", ");
  return [
    `> ⚠️ **No longer in this run:** ${list}. This pull request changed ${folders.length === 1 ? "that folder" : "those folders"} before, but no spec of this run owns ${folders.length === 1 ? "it" : "them"} any more (removed, renamed, or no longer matched), so this pull request no longer changes ${folders.length === 1 ? "it" : "them"}.`,
    "",
  ];
}
