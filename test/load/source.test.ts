import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { decodeSpecBytes, firstInvalidUtf8, MAX_SPEC_BYTES, positionOfChar } from "../../src/load/source.ts";

const bytes = (...values: number[]) => Uint8Array.from(values);

test("accepts UTF-8 and strips a byte order mark", () => {
  const decoded = decodeSpecBytes("s.yaml", new TextEncoder().encode("\uFEFFname: café ✓ 𝄞"));
  assert.deepEqual(decoded, { ok: true, text: "name: café ✓ 𝄞" });
});

test("finds the first byte that breaks UTF-8", () => {
  assert.equal(firstInvalidUtf8(new TextEncoder().encode("ok ✓ 𝄞")), undefined);
  assert.equal(firstInvalidUtf8(bytes(0x61, 0xc0, 0x80)), 1, "overlong encoding");
  assert.equal(firstInvalidUtf8(bytes(0xed, 0xa0, 0x80)), 0, "UTF-16 surrogate");
  assert.equal(firstInvalidUtf8(bytes(0x61, 0x62, 0xe2, 0x9c)), 2, "truncated sequence");
  assert.equal(firstInvalidUtf8(bytes(0xf4, 0x90, 0x80, 0x80)), 0, "above U+10FFFF");
  assert.equal(firstInvalidUtf8(bytes(0x80)), 0, "stray continuation byte");
});

test("the native decoder refuses exactly the bytes that break UTF-8", () => {
  // decodeSpecBytes decodes with TextDecoder's fatal mode and scans only to place a refusal.
  const nearUtf8 = fc.array(
    fc.oneof(
      fc.integer({ min: 0, max: 0x7f }),
      fc.integer({ min: 0x80, max: 0xff }),
      fc.constantFrom(0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xa0, 0x9f, 0x90, 0x8f, 0xbf),
    ),
    { maxLength: 12 },
  );
  fc.assert(
    fc.property(
      fc.oneof(
        nearUtf8,
        fc.string({ unit: "grapheme" }).map((s) => [...new TextEncoder().encode(s)]),
      ),
      (values) => {
        const input = Uint8Array.from(values);
        let refused = false;
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(input);
        } catch {
          refused = true;
        }
        assert.equal(refused, firstInvalidUtf8(input) !== undefined, values.map((v) => v.toString(16)).join(" "));
      },
    ),
    { numRuns: 5000 },
  );
});

test("reports where the bad byte is, in characters", () => {
  const decoded = decodeSpecBytes("s.yaml", bytes(...new TextEncoder().encode("a: ✓\nb: "), 0xff));
  assert.ok(!decoded.ok);
  assert.deepEqual([decoded.problem.line, decoded.problem.col], [2, 4]);
  assert.match(decoded.problem.message, /not valid UTF-8 \(byte 0xff at offset 10\)/);
});

test("refuses UTF-16, NUL characters and oversized files", () => {
  const utf16 = decodeSpecBytes("s.yaml", bytes(0xff, 0xfe, 0x61, 0x00));
  assert.ok(!utf16.ok && utf16.problem.message.includes("UTF-16"));
  const nul = decodeSpecBytes("s.yaml", new TextEncoder().encode("a: 1\nb: \u0000"));
  assert.ok(!nul.ok && nul.problem.line === 2 && nul.problem.col === 4);
  const big = decodeSpecBytes("s.yaml", new Uint8Array(MAX_SPEC_BYTES + 1).fill(0x20));
  assert.ok(!big.ok && big.problem.message.includes("at most 5242880 bytes"));
});

test("positions count lines and columns from 1", () => {
  assert.deepEqual(positionOfChar("ab\ncd", 0), { line: 1, col: 1 });
  assert.deepEqual(positionOfChar("ab\ncd", 4), { line: 2, col: 2 });
});
