// Spec-derived text in GitHub-flavoured Markdown, by construction: every value that came from a
// spec or a manifest reaches the PR body through one of these, so a host, path or name is shown
// as written and never becomes emphasis, a link, a strike-through, HTML, math or a marker.
// Rules from the CommonMark spec (backslash escapes, code spans) and the GFM spec (tables,
// extended autolinks, strikethrough); the test renders them with `marked` in GFM mode.

/**
 * Characters that open or close inline markup mid-line: emphasis (`*`, `_`), code (`` ` ``),
 * links and images (`[`, `]`, `!`), HTML, comments and autolinks (`<`, `>`), entities (`&`),
 * strikethrough (`~`), table cells (`|`), heading closers (`#`), GitHub math (`$`), URL and
 * e-mail autolinks (`:`, `@`), and the escape itself. Each is ASCII punctuation, which
 * CommonMark lets a backslash escape (spec §2.4).
 */
const INLINE_META = /[\\`*_[\]!<>&~|#$:@]/g;

/** Text a reader sees exactly as written, in a paragraph, list item, heading or table cell. */
export function mdText(value: string): string {
  return (
    withoutBreaks(value)
      .replace(INLINE_META, (c) => `\\${c}`)
      // GFM's extended autolink starts at `www.` (GFM spec §6.9); an escaped dot is no longer one.
      .replace(/(www)\./gi, "$1\\.")
  );
}

/**
 * An inline code span showing `value`: fenced by one more backtick than its longest run, padded
 * when it starts or ends with a backtick or space (CommonMark §6.1 strips one space each side).
 * `cell` is for a table cell, where GFM splits on `|` before inline parsing even inside code,
 * so pipes are escaped; a backslash right before a pipe cannot be shown in a code span there,
 * nor can marker-like comment text be left verbatim, so such values are shown as plain text.
 */
export function mdCode(value: string, context: "inline" | "cell" = "inline"): string {
  const text = withoutBreaks(value);
  if (text.trim() === "" || text.includes("<!--") || (context === "cell" && text.includes("\\|"))) return mdText(value);
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(text) ? " " : "";
  const body = context === "cell" ? text.replace(/\|/g, "\\|") : text;
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** Text inside raw HTML (a `<summary>`), where only `&` and `<` start markup. */
export function htmlText(value: string): string {
  return withoutBreaks(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A line break would end a table row or start a new block (a heading, a list): spaces instead. */
function withoutBreaks(value: string): string {
  return value.replace(/\r\n?|\n/g, " ");
}
