import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Writes `text` to `file` unless it already holds exactly that; returns whether it wrote. The
 * text goes to a temporary file first and is renamed over `file` (atomic on one file system), so
 * a reader meanwhile sees the old file or the new one, never a missing or half-written one.
 */
export function writeIfChanged(file, text) {
  if (existsSync(file) && readFileSync(file, "utf8") === text) return false;
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
  return true;
}
