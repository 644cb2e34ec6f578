// One file's unified diff as the PR body and `plan --json` show it: jsdiff's createTwoFilesPatch
// without its `Index`/`===` preamble, with the lines it adds and removes counted.
import { createTwoFilesPatch } from "diff";

export interface UnifiedPatch {
  readonly patch: string;
  readonly additions: number;
  readonly deletions: number;
}

/**
 * A file that is only added or only removed is one hunk of all its lines, written here directly:
 * most files of a run are new, and running the diff algorithm over each of them was a fifth of a
 * large plan. The output is byte-for-byte what createTwoFilesPatch writes (held to it by a test).
 */
export function unifiedPatch(path: string, before: string | undefined, after: string | undefined): UnifiedPatch {
  const from = before === undefined ? "/dev/null" : `a/${path}`;
  const to = after === undefined ? "/dev/null" : `b/${path}`;
  if (before === undefined || after === undefined) return wholeFile(from, to, before ?? after ?? "", before === undefined ? "+" : "-");
  const lines = createTwoFilesPatch(from, to, before, after, undefined, undefined, { context: 3 }).split("\n").slice(1);
  const hunks = lines.slice(2);
  return {
    patch: lines.join("\n"),
    additions: hunks.filter((l) => l.startsWith("+")).length,
    deletions: hunks.filter((l) => l.startsWith("-")).length,
  };
}

function wholeFile(from: string, to: string, content: string, sign: "+" | "-"): UnifiedPatch {
  const header = `--- ${from}\n+++ ${to}\n`;
  if (content === "") return { patch: header, additions: 0, deletions: 0 };
  // jsdiff's lines end at "\n" (a "\r" before it stays in the line); a last line without one is
  // marked. Signed with one replace rather than split into lines and joined again: a fleet's
  // patches are the size of its files, and the lines were as many strings more.
  const complete = content.endsWith("\n");
  const text = complete ? content.slice(0, -1) : content;
  let n = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  const range = sign === "+" ? `@@ -0,0 +1,${n} @@` : `@@ -1,${n} +0,0 @@`;
  const body = `${sign}${text.replaceAll("\n", `\n${sign}`)}\n${complete ? "" : "\\ No newline at end of file\n"}`;
  return { patch: `${header}${range}\n${body}`, additions: sign === "+" ? n : 0, deletions: sign === "-" ? n : 0 };
}
