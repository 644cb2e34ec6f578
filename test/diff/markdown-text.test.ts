// Spec values in Markdown are shown as written, checked by rendering with a real GFM renderer.
// Sources: CommonMark 0.31 §2.4 (any ASCII punctuation may be backslash-escaped) and §6.1 (code
// spans); GFM 0.29 §4.10 (tables: `\|` inside cells, code spans included) and §6.9 (an extended
// www autolink starts at the literal text `www.`; jgm/commonmark-hs
// commonmark-extensions/test/autolinks.md states the same rule with examples).
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { mdCode, mdText } from "../../src/diff/markdown-text.ts";
import { elements, renderGfm, tagNames, visibleText } from "../support/gfm.ts";

// The values of issue 12, and the pieces of every construct that CommonMark or GFM gives meaning to.
const HOSTILE = [
  "*.example.com /api/*/v1/*",
  "/_next/_data_/x",
  "~k~",
  "~~gone~~",
  "a `tick",
  "``double``",
  "/[click](https:evil.example)",
  "![img](https://evil.example/x.png)",
  '<img src="x" onerror="alert(1)">',
  "www.example.com",
  "WWW.Example.com/path",
  "https://evil.example/x",
  "mail@evil.example",
  "<!-- ingress-gitops:end -->",
  "&amp; &copy; &#x41;",
  "$x^2$",
  "a | b",
  "a\\|b",
  "back\\slash\\",
  "# not a heading #",
  "<https://auto.example>",
  "**bold** __bold__ _it_",
  "[ref]: https://evil.example",
  "line\nbreak",
];

const pieces = [
  ..."*_~`[]()!<>&|#$:@\\/.-+= wWab1".split(""),
  "www.",
  "http://",
  "https://",
  "<!--",
  "-->",
  "&amp;",
  "ingress-gitops:end",
  "&#65;",
];
const hostile = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 24 }).map((p) => p.join("")),
);

/** What a reader sees is the value with line breaks as spaces; a cell or paragraph drops blanks at its ends. */
const oneLine = (value: string) => value.replace(/\r\n?|\n/g, " ");
const seen = (value: string) => oneLine(value).trim();

test("plain text: the rendered paragraph shows exactly the value, with no element but the paragraph (CommonMark §2.4 backslash escapes; GFM §6.9 autolinks)", () => {
  fc.assert(
    fc.property(hostile, (value) => {
      const html = renderGfm(`Value: ${mdText(value)}`);
      assert.deepEqual([...tagNames(html)], ["p"], html);
      assert.equal(visibleText(html).trimEnd(), `Value: ${oneLine(value)}`.trimEnd(), html);
    }),
    { numRuns: 400 },
  );
});

test("inline code: one code element holding the value, whatever its backticks (CommonMark §6.1: fence one longer than any run)", () => {
  fc.assert(
    fc.property(hostile, (value) => {
      const html = renderGfm(`Value: ${mdCode(value)}`);
      const shownAsCode = !value.includes("<!--") && value.trim() !== "";
      assert.deepEqual([...tagNames(html)], shownAsCode ? ["p", "code"] : ["p"], html);
      assert.equal(visibleText(html).trimEnd(), `Value: ${oneLine(value)}`.trimEnd(), html);
      if (shownAsCode) assert.equal(visibleText(elements(html, "code")[0] ?? ""), oneLine(value));
    }),
    { numRuns: 400 },
  );
});

test("table cells: a value as text or code stays in its own cell and shows as written (GFM §4.10: `\\|` in cells, code spans included)", () => {
  fc.assert(
    fc.property(hostile, hostile, (a, b) => {
      const html = renderGfm(`| text | code | after |\n|---|---|---|\n| ${mdText(a)} | ${mdCode(b, "cell")} | end |\n`);
      const cells = elements(html, "td");
      assert.equal(cells.length, 3, html);
      assert.equal(visibleText(cells[0] ?? ""), seen(a));
      assert.equal(visibleText(cells[1] ?? "").trim(), seen(b));
      assert.equal(cells[2], "end");
      for (const tag of ["a", "em", "strong", "del", "img"]) assert.ok(!tagNames(html).has(tag), `${tag} in ${html}`);
    }),
    { numRuns: 400 },
  );
});

test("issue 12's examples render as written: wildcards kept, no italics, no strike-through, no link, no image", () => {
  for (const value of HOSTILE) {
    const html = renderGfm(`- ${mdText(value)} — ${mdCode(value)}`);
    for (const tag of ["a", "em", "strong", "del", "img"]) assert.ok(!tagNames(html).has(tag), `${tag} in ${html}`);
    assert.ok(visibleText(html).includes(seen(value)), html);
  }
});

test("marker-like text never reaches the body as a comment, not even inside code", () => {
  for (const value of ["<!-- ingress-gitops:end -->", "`<!-- x -->`"]) {
    assert.ok(!mdText(value).includes("<!--"));
    assert.ok(!mdCode(value).includes("<!--"));
    assert.ok(!mdCode(value, "cell").includes("<!--"));
  }
});
