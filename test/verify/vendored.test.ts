// schema/upstream is generated from the shared upstream schemas, which a clean clone lacks: there
// each file is checked against the sha256 PROVENANCE.md records for it, and where the shared
// schemas are present the whole folder against what the script produces from them.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DEFAULT_SOURCE_ROOT, listFiles, renderVendoredFiles, sha256, VENDOR_DIR } from "../../scripts/vendor-upstream-schemas.ts";
import { vendoredFiles } from "../../src/verify/catalog.ts";

interface Row {
  readonly vendored: string;
  readonly source: string;
  readonly sourceSha256: string;
  readonly vendoredSha256: string;
}

function provenanceRows(): Row[] {
  const text = readFileSync(join(VENDOR_DIR, "PROVENANCE.md"), "utf8");
  return [...text.matchAll(/^\| (\S+) \| (\S+) \| .+ \| ([0-9a-f]{64}) \| ([0-9a-f]{64}) \|$/gm)].map((m) => ({
    vendored: m[1] ?? "",
    source: m[2] ?? "",
    sourceSha256: m[3] ?? "",
    vendoredSha256: m[4] ?? "",
  }));
}

void describe("schema/upstream", () => {
  void it("records the source and both sha256s of every file the catalogue vendors, and only those", () => {
    assert.deepEqual(
      provenanceRows().map((r) => [r.vendored, r.source]),
      vendoredFiles().map((f) => [f.vendored, f.source]),
    );
    assert.deepEqual(listFiles(VENDOR_DIR), [...provenanceRows().map((r) => r.vendored), "PROVENANCE.md"].sort());
  });

  void it("holds each file exactly as recorded: its sha256 is the one PROVENANCE.md gives", () => {
    for (const row of provenanceRows())
      assert.equal(
        sha256(readFileSync(join(VENDOR_DIR, row.vendored))),
        row.vendoredSha256,
        `${row.vendored} was edited: rerun npx tsx scripts/vendor-upstream-schemas.ts`,
      );
  });

  void it("is exactly what scripts/vendor-upstream-schemas.ts produces from the shared schemas, where they are present", (t) => {
    if (!existsSync(DEFAULT_SOURCE_ROOT)) {
      t.diagnostic(`${DEFAULT_SOURCE_ROOT} is absent (a clean clone): checked against the recorded sha256s only`);
      return;
    }
    for (const row of provenanceRows())
      assert.equal(sha256(readFileSync(join(DEFAULT_SOURCE_ROOT, row.source))), row.sourceSha256, `${row.source} changed upstream`);
    const expected = renderVendoredFiles(DEFAULT_SOURCE_ROOT);
    assert.deepEqual(
      listFiles(VENDOR_DIR),
      [...expected.keys()].sort(),
      "vendored file set differs: rerun npx tsx scripts/vendor-upstream-schemas.ts",
    );
    for (const [path, content] of expected) {
      assert.ok(
        readFileSync(join(VENDOR_DIR, path), "utf8") === content,
        `${path} differs from the script's output: rerun npx tsx scripts/vendor-upstream-schemas.ts`,
      );
    }
  });

  void it("stays small", () => {
    const total = listFiles(VENDOR_DIR).reduce((sum, path) => sum + readFileSync(join(VENDOR_DIR, path)).length, 0);
    assert.ok(total < 1_000_000, `schema/upstream holds ${total} bytes`);
  });
});
