// gitops.path names the only folder a spec may ever write or delete in: it is checked before
// anything is read or written, and every later stage uses the normalized form.
import { PATH_SEGMENT_MAX_BYTES } from "../model/names.ts";

export type GitopsPath = { ok: true; path: string } | { ok: false; reason: string };

export function normalizeGitopsPath(raw: string): GitopsPath {
  const refuse = (reason: string): GitopsPath => ({ ok: false, reason });
  if (raw.includes("\u0000")) return refuse("contains a NUL character");
  if (hasControlCharacter(raw)) return refuse("contains a control character");
  if (raw.includes("\\")) return refuse("contains a backslash; use '/' between folders");
  if (raw.startsWith("/") || /^[A-Za-z]:/.test(raw)) return refuse("is absolute; it must be relative to the repository root");
  const path = raw.endsWith("/") ? raw.slice(0, -1) : raw;
  const segments = path.split("/");
  if (path === "" || path === ".") return refuse("names the repository root; a spec owns a folder inside it");
  if (segments.includes("..")) return refuse("leaves the repository through '..'");
  if (segments.includes(".")) return refuse("contains a '.' segment; write the folder plainly");
  if (segments.includes("")) return refuse("contains an empty segment ('//')");
  if (segments.some((s) => s.toLowerCase() === ".git")) return refuse("reaches into .git");
  const long = segments.find((s) => Buffer.byteLength(s) > PATH_SEGMENT_MAX_BYTES);
  if (long !== undefined) return refuse(`has a folder name of ${Buffer.byteLength(long)} bytes; file systems accept at most ${PATH_SEGMENT_MAX_BYTES}`);
  return { ok: true, path };
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Whether two owned folders overlap: the same folder, or one inside the other. */
export function foldersOverlap(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}
