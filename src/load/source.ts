// Bytes → text, refusing what a spec must never be: huge, binary, or not UTF-8.
import { problem, type Position, type Problem } from "../problems.ts";

export const MAX_SPEC_BYTES = 5 * 1024 * 1024;

export function oversize(bytes: number): string {
  return `file is ${bytes} bytes; a spec may be at most ${MAX_SPEC_BYTES} bytes (5 MiB)`;
}

export type Decoded = { ok: true; text: string } | { ok: false; problem: Problem };

export function decodeSpecBytes(file: string, bytes: Uint8Array): Decoded {
  const start = { line: 1, col: 1 };
  if (bytes.length > MAX_SPEC_BYTES) {
    return refuse(file, start, oversize(bytes.length));
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return refuse(file, start, "file is UTF-16; save it as UTF-8");
  }
  // The native decoder refuses exactly what firstInvalidUtf8 finds (a test holds them together),
  // at a fraction of its cost; the scan runs only to say where.
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes) ?? 0;
    return refuse(
      file,
      positionOfByte(bytes, bad),
      `file is not valid UTF-8 (byte 0x${hex(bytes[bad] ?? 0)} at offset ${bad}); save it as UTF-8`,
    );
  }
  const nul = text.indexOf("\u0000");
  if (nul !== -1) return refuse(file, positionOfChar(text, nul), "file contains a NUL character; a spec is text");
  return { ok: true, text };
}

function refuse(file: string, at: Position, message: string): Decoded {
  return { ok: false, problem: problem(file, at, message) };
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, "0");
}

/** Offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF). */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [length, min] = [2, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [length, min] = [3, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [length, min] = [4, 0x10000];
    else return i;
    let codePoint = b & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return i;
    i += length;
  }
  return undefined;
}

function positionOfByte(bytes: Uint8Array, offset: number): Position {
  const prefix = new TextDecoder().decode(bytes.subarray(0, offset));
  return positionOfChar(prefix, prefix.length);
}

/** 1-based line and column (in characters) of text[offset]. */
export function positionOfChar(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, col: offset - lineStart + 1 };
}
