// What a reader of a PR body sees: the Markdown rendered by a real GFM renderer (`marked` with
// `gfm: true`: tables, strikethrough, extended autolinks), then reduced to text or elements.
import { Marked } from "marked";

const gfm = new Marked({ gfm: true, breaks: false, async: false });

export function renderGfm(markdown: string): string {
  return gfm.parse(markdown, { async: false });
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'" };

/** The text of an HTML fragment as a browser shows it (tags dropped, entities decoded). */
export function visibleText(html: string): string {
  return html.replace(/<[^>]*>/g, "").replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, name: string) => ENTITIES[name] ?? "");
}

/** The contents of every `<tag>…</tag>` in an HTML fragment, in order. */
export function elements(html: string, tag: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, "g"))].map((m) => m[1] ?? "");
}

/** Names of the HTML elements a fragment opens, e.g. `em`, `a`, `del`. */
export function tagNames(html: string): Set<string> {
  return new Set([...html.matchAll(/<([a-z][a-z0-9]*)\b/g)].map((m) => m[1] ?? ""));
}
