// CI must run every test: a test that cannot check everything in a clean clone checks what it can
// there and says so with t.diagnostic, instead of skipping (the vendoring checks once skipped in
// every clone, so CI never ran them).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "fixtures" ? [] : sources(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

test("no test is skipped or marked to do, in either suite", () => {
  const marked = sources("test").flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .flatMap((line, i) => (/\b(?:skip|todo)\s*:|\.(?:skip|todo)\(/.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );
  assert.deepEqual(marked, []);
});
