import { existsSync, readFileSync, writeFileSync } from "node:fs";

/** Writes `text` to `file` unless it already holds exactly that; returns whether it wrote. */
export function writeIfChanged(file, text) {
  if (existsSync(file) && readFileSync(file, "utf8") === text) return false;
  writeFileSync(file, text);
  return true;
}
