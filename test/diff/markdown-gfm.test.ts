// Whole PR bodies built from hostile spec values, rendered with a real GFM renderer (`marked`,
// gfm on): a reader sees each value as written, nothing in it becomes markup, and updating a PR
// over and over neither grows its body nor multiplies its markers.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { reportMarkdown, PR_BODY_LIMIT } from "../../src/diff/markdown.ts";
import { spliceBody } from "../../src/diff/machine-section.ts";
import type { FolderReport, PlanReport } from "../../src/diff/plan.ts";
import type { Exposure } from "../../src/topology/types.ts";
import { elements, renderGfm, tagNames, visibleText } from "../support/gfm.ts";

const VALUES = [
  "*.example.com /api/*/v1/*",
  "/_next/_data_/x",
  "~k~",
  "a`b``c",
  "/[click](https:evil.example)",
  "www.evil.example",
  "<img src=x onerror=alert(1)>",
  "<!-- ingress-gitops:end -->",
  "a | b",
  "$1 & $2",
];
const value = fc.oneof(
  fc.constantFrom(...VALUES),
  fc.array(fc.constantFrom(...VALUES, ..."*_~`[]()!<>&|#$:@\\".split("")), { minLength: 1, maxLength: 4 }).map((p) => p.join("")),
);

function folder(v: string, i: number): FolderReport {
  const p: Exposure = {
    kind: "route",
    host: `${v}.example.com`,
    urlPath: `/${v}`,
    pathType: "Prefix",
    loadBalancer: { name: v, type: "alb", scheme: "internet-facing", external: false },
    gateway: { name: v, type: "kong" },
    backend: { namespace: v, service: v, port: 80 },
    tls: false,
    routeKind: "Ingress",
  };
  return {
    spec: v,
    folder: `clusters/${i}`,
    before: [],
    after: [p],
    topology: { added: [p], removed: [], changed: [] },
    findings: [
      {
        severity: "error",
        message: `alb '${v}' is deleted: ${v}`,
        path: `clusters/${i}/${v}.yaml`,
        destroys: { kind: "load balancer", name: `alb '${v}'` },
      },
      { severity: "warning", message: `${v} becomes reachable`, path: `clusters/${i}/${v}.yaml` },
    ],
    files: [
      {
        path: `clusters/${i}/${v}.yaml`,
        status: "added",
        patch: `--- /dev/null\n+++ b/x\n@@ -0,0 +1 @@\n+${v}\n+<!-- ingress-gitops:end -->\n`,
        additions: 2,
        deletions: 0,
      },
    ],
  };
}

const report = (values: readonly string[], digest = "a".repeat(64)): PlanReport => ({ folders: values.map(folder), digest });

// Everything the body makes itself; anything else (a link, emphasis, an image) came from a value.
const OURS = new Set([
  "h2",
  "h3",
  "h4",
  "p",
  "strong",
  "code",
  "ul",
  "li",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "blockquote",
  "details",
  "summary",
  "pre",
  "br",
]);

const seen = (v: string) => v.replace(/\s+/g, " ").trim();

test("a body of hostile values renders with only the body's own elements, each value shown as written", () => {
  fc.assert(
    fc.property(fc.array(value, { minLength: 1, maxLength: 3 }), (values) => {
      const departed = values.map((v) => `gone/${v}`);
      const html = renderGfm(reportMarkdown(report(values), { limit: PR_BODY_LIMIT, fullReport: { label: "x" }, departed }));
      const extra = [...tagNames(html)].filter((t) => !OURS.has(t));
      assert.deepEqual(extra, [], html);
      const text = visibleText(html).replace(/\s+/g, " ");
      for (const v of values) {
        assert.ok(text.includes(`error alb '${seen(v)}' is deleted: ${seen(v)}`), `finding of ${v}`);
        assert.ok(text.includes(seen(`gone/${v}`)), `departed folder ${v}`);
        const cells = elements(html, "td").map((c) => seen(visibleText(c)));
        assert.ok(cells.includes(seen(`${v}.example.com /${v}`)), `path cell of ${v}: ${cells.join(" ¦ ")}`);
        if (values.length > 1)
          assert.ok(
            elements(html, "h4")
              .map((h) => seen(visibleText(h)))
              .includes(seen(v)),
            `heading of ${v}`,
          );
      }
    }),
    { numRuns: 60 },
  );
});

test("the one-sentence headline names what is destroyed and what becomes public, as written", () => {
  const html = renderGfm(reportMarkdown(report(["*.example.com /api/*/v1/*"]), { limit: PR_BODY_LIMIT, fullReport: { label: "x" } }));
  const [headline] = elements(html, "p");
  assert.equal(
    seen(visibleText(headline ?? "")),
    "Risk: this change ⛔ destroys or replaces 1 load balancer (alb '*.example.com /api/*/v1/*') and ⚠️ makes 1 path internet-facing (*.example.com /api/*/v1/*.example.com /*.example.com /api/*/v1/*).",
  );
});

test("updating a PR N times keeps its length and its marker count, whatever the values (issue 12: 7,518 → 9,658 characters before)", () => {
  fc.assert(
    fc.property(fc.array(value, { minLength: 1, maxLength: 3 }), fc.array(value, { minLength: 1, maxLength: 3 }), (first, next) => {
      const markers = (b: string) => b.match(/<!-- ingress-gitops:(start|end)/g)?.length ?? 0;
      let body = `Please review.\n\n${reportMarkdown(report(first, "1".repeat(64)), { limit: PR_BODY_LIMIT, fullReport: { label: "x" } })}\n\n- [x] tested`;
      const update = (digest: string) =>
        (body = spliceBody(body, reportMarkdown(report(next, digest), { limit: PR_BODY_LIMIT, fullReport: { label: "x" } })));
      update("2".repeat(64));
      const [length, count] = [body.length, markers(body)];
      for (let i = 0; i < 4; i++) {
        update(String(i + 3).repeat(64));
        assert.equal(body.length, length);
        assert.equal(markers(body), count);
      }
      assert.ok(body.startsWith("Please review.\n\n") && body.endsWith("\n\n- [x] tested"), "what the person wrote is kept");
    }),
    { numRuns: 40 },
  );
});
