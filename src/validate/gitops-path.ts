// gitops.path names the only folder a spec may ever write or delete in: it is checked before
// anything is read or written, and every later stage uses the normalized form.
import { PATH_SEGMENT_MAX_BYTES } from "../controllers/names.ts";

export type GitopsPath = { ok: true; path: string } | { ok: false; reason: string };

export function normalizeGitopsPath(raw: string): GitopsPath {
  const refuse = (reason: string): GitopsPath => ({ ok: false, reason });
  if (raw.includes("\u0000")) return refuse("contains a NUL character");
  if (hasControlCharacter(raw)) return refuse("contains a control character");
  const invisible = invisibleCharacter(raw);
  if (invisible !== undefined)
    return refuse(`contains the invisible or direction-changing character ${invisible}; a folder name must read as it is`);
  if (raw.includes("\\")) return refuse("contains a backslash; use '/' between folders");
  if (raw.startsWith("/") || /^[A-Za-z]:/.test(raw)) return refuse("is absolute; it must be relative to the repository root");
  const path = raw.endsWith("/") ? raw.slice(0, -1) : raw;
  const segments = path.split("/");
  if (path === "" || path === ".") return refuse("names the repository root; a spec owns a folder inside it");
  if (segments.includes("..")) return refuse("leaves the repository through '..'");
  if (segments.includes(".")) return refuse("contains a '.' segment; write the folder plainly");
  if (segments.includes("")) return refuse("contains an empty segment ('//')");
  if (path.includes(":")) return refuse("contains ':'; NTFS reads it as an alternate data stream (.git::$INDEX_ALLOCATION is .git)");
  if (segments.some((s) => foldsTo(s, ".git", "git~1"))) return refuse("reaches into .git (a filesystem folds this spelling to it)");
  if (foldsTo(segments[0] ?? "", ".github", "github~1"))
    return refuse("is under .github, where files are workflows and repository settings, not GitOps manifests");
  const long = segments.find((s) => Buffer.byteLength(s) > PATH_SEGMENT_MAX_BYTES);
  if (long !== undefined)
    return refuse(`has a folder name of ${Buffer.byteLength(long)} bytes; file systems accept at most ${PATH_SEGMENT_MAX_BYTES}`);
  return { ok: true, path };
}

/**
 * Whether a folder name is `names` as a filesystem would open it: case folded (macOS, Windows),
 * trailing dots and spaces dropped (Windows), the 8.3 short name (`git~1`). Git refuses the
 * same spellings for .git (git/git path.c is_ntfs_dotgit).
 */
function foldsTo(segment: string, ...names: readonly string[]): boolean {
  const folded = segment.toLowerCase().replace(/[. ]+$/, "");
  return names.includes(folded);
}

/** C0 and C1 controls (NEL is U+0085), DEL, and the line and paragraph separators. */
const CONTROL = "\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029";
/**
 * Zero-width, joiner, bidi-control and BOM characters: invisible in review, ignored by HFS+ when it
 * compares names (so `.g\u200cit` opens .git; git/git utf8.c next_hfs_char), and able to make a
 * path read differently from what it is (the right-to-left override).
 */
const INVISIBLE = "\\u00ad\\u061c\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u206f\\ufeff";

function hasControlCharacter(text: string): boolean {
  return new RegExp(`[${CONTROL}]`, "u").test(text);
}

function invisibleCharacter(text: string): string | undefined {
  const found = new RegExp(`[${INVISIBLE}]`, "u").exec(text)?.[0];
  return found === undefined ? undefined : `U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Whether two owned folders overlap: the same folder, or one inside the other. */
export function foldersOverlap(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

/** The path as a message may quote it: JSON-quoted, with every character refused above written as \uXXXX, so the message cannot carry it. */
export function quotePath(raw: string): string {
  return JSON.stringify(raw).replace(
    new RegExp(`[${CONTROL}${INVISIBLE}]`, "gu"),
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
