import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DEFAULT_SOURCE_ROOT, listFiles, renderVendoredFiles, VENDOR_DIR } from "../../scripts/vendor-upstream-schemas.ts";
import { vendoredFiles } from "../../src/verify/catalog.ts";

void describe("schema/upstream", () => {
  void it(
    "is exactly what scripts/vendor-upstream-schemas.ts produces from ../shared/schemas",
    {
      skip: existsSync(DEFAULT_SOURCE_ROOT)
        ? false
        : `the upstream collection ${DEFAULT_SOURCE_ROOT} is absent, so the vendored files cannot be regenerated here`,
    },
    () => {
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
    },
  );

  void it("records the provenance and source sha256 of every vendored file", () => {
    const provenance = readFileSync(join(VENDOR_DIR, "PROVENANCE.md"), "utf8");
    for (const file of vendoredFiles()) {
      assert.match(
        provenance,
        new RegExp(
          `^\\| ${file.vendored.replaceAll(".", "\\.")} \\| ${file.source.replaceAll(".", "\\.")} \\| .+ \\| [0-9a-f]{64} \\|$`,
          "m",
        ),
        file.vendored,
      );
    }
  });

  void it("stays small", () => {
    const total = listFiles(VENDOR_DIR).reduce((sum, path) => sum + readFileSync(join(VENDOR_DIR, path)).length, 0);
    assert.ok(total < 1_000_000, `schema/upstream holds ${total} bytes`);
  });
});
