// The hard budget: a PR body never exceeds GitHub's limit, whatever the fleet, and every cut is
// said, in the stated order, with a link to where the rest is.
import assert from "node:assert/strict";
import { test } from "node:test";
import { bodyAt, reportMarkdown, PR_BODY_LIMIT } from "../../src/diff/markdown.ts";
import { fittingDetail } from "../../src/diff/body/budget.ts";
import { findMachineSection, humanLength, spliceBody } from "../../src/diff/machine-section.ts";
import { buildPlan, type FolderReport, type PlanReport } from "../../src/diff/plan.ts";
import { buildModel } from "../../src/model/build.ts";
import { planWrites } from "../../src/plan/write-plan.ts";
import { renderModel } from "../../src/render/render.ts";
import { loadTemplates } from "../../src/render/templates.ts";
import { validateSpecBytes } from "../../src/validate/validate.ts";
import { elements, renderGfm, visibleText } from "../support/gfm.ts";
import { asVerified } from "../support/verified.ts";

/** A cluster of 10 routes behind one ALB. */
function spec(scheme: "internal" | "internet-facing"): string {
  const lines = [
    "apiVersion: ingress-gitops/v1alpha1",
    "kind: IngressSpec",
    "metadata: {name: c}",
    "cluster: {name: c-eks, region: eu-west-1, vpcId: vpc-0123456789abcdef0}",
    'gitops: {repoURL: "https://github.com/acme/gitops.git", path: clusters/c/ingress}',
    `loadBalancers: [{name: lb, type: alb, scheme: ${scheme}, groupName: c}]`,
    "gateways: [{name: web, type: alb, loadBalancer: lb}]",
    "routes:",
  ];
  for (let r = 0; r < 10; r++)
    lines.push(
      `  - {name: r${r}, namespace: team-${r}, gateway: web, hosts: [app${r}.example.com], rules: [{path: "/v${r}", backend: {service: svc-${r}, port: 8080}}]}`,
    );
  return `${lines.join("\n")}\n`;
}

function rendered(scheme: "internal" | "internet-facing") {
  const { valid } = validateSpecBytes("c.yaml", new TextEncoder().encode(spec(scheme)));
  assert.ok(valid);
  return asVerified({
    spec: "c",
    source: "c.yaml",
    folder: valid.spec.gitops.path,
    files: renderModel(buildModel(valid), loadTemplates()).files,
  });
}

// One cluster turned internet-facing and one whose spec only moves a file, read once; a fleet is copies of them.
const before = planWrites([rendered("internal")], new Map()).writes;
const [flipped] = buildPlan(planWrites([rendered("internet-facing")], new Map(before))).folders;
const [quiet] = buildPlan(
  planWrites([rendered("internal")], new Map([...before].map(([p, c]) => [p, p.endsWith("root.yaml") ? `${c}# moved\n` : c]))),
).folders;
if (flipped === undefined || quiet === undefined) throw new Error("the two clusters were not planned");
const [flippedCluster, quietCluster] = [flipped, quiet];

function copy(f: FolderReport, i: number): FolderReport {
  const folder = `clusters/c${i}/ingress`;
  const move = (path: string) => path.replace(/^clusters\/c\/ingress/, folder);
  return {
    ...f,
    spec: `c${String(i).padStart(4, "0")}`,
    folder,
    findings: f.findings.map((x) => ({ ...x, path: move(x.path) })),
    files: f.files.map((x) => ({ ...x, path: move(x.path), patch: x.patch.replaceAll("clusters/c/ingress", folder) })),
  };
}

/** `n` clusters, half of them (the odd ones) turned internet-facing. */
function fleet(n: number): PlanReport {
  return { folders: Array.from({ length: n }, (_, i) => copy(i % 2 === 1 ? flippedCluster : quietCluster, i)), digest: "f".repeat(64) };
}

const RUN = { label: "this run's job summary", url: "https://github.com/acme/gitops/actions/runs/4242" };
const CUT = /^> ✂️ \*\*Shortened to stay under the size limit\*\*, in this order: (.*)\. What is left out is in (.*)\.$/m;

test("300 clusters × 10 routes, half turned internet-facing (issue 12: 199,169 characters before): within the limit, the risk first, each cut linked to the run", () => {
  const body = reportMarkdown(fleet(300), { limit: PR_BODY_LIMIT, fullReport: RUN });
  assert.ok(body.length <= PR_BODY_LIMIT, `${body.length} characters`);
  assert.equal(findMachineSection(body)?.start, 0);
  const html = renderGfm(body);
  const [headline] = elements(html, "p");
  assert.match(
    visibleText(headline ?? ""),
    /^Risk: this change ⛔ destroys or replaces 150 load balancers \(alb 'c' in c0001, alb 'c' in c0003, alb 'c' in c0005 and 147 more\) and ⚠️ makes 1500 paths internet-facing \(.* and 1497 more\) in 150 of 300 clusters\.$/,
  );
  assert.ok(html.indexOf("<table>") > html.indexOf("Risk:"), "the headline comes before any table");
  assert.match(body, CUT);
  assert.ok(
    html.includes('<a href="https://github.com/acme/gitops/actions/runs/4242">this run’s job summary</a>') ||
      html.includes('<a href="https://github.com/acme/gitops/actions/runs/4242">this run&#39;s job summary</a>'),
    "the cut links to the run's job summary",
  );
  // Per-cluster detail is sorted by risk: the flipped clusters come first.
  const rows = elements(html, "tr")
    .slice(1, 4)
    .map((r) => elements(r, "td")[0]);
  assert.deepEqual(rows, ["c0001", "c0003", "c0005"]);
});

test("the room that coarser detail frees goes to the riskiest diffs (issue 12: 1 of 10 scheme flips' diffs shown, alphabetically first)", () => {
  const body = reportMarkdown(fleet(50), { limit: PR_BODY_LIMIT, fullReport: RUN });
  assert.ok(body.length <= PR_BODY_LIMIT, `${body.length} characters`);
  const shown = elements(renderGfm(body), "summary").map((s) => /clusters\/(c\d+)\//.exec(visibleText(s))?.[1]);
  assert.ok(shown.length > 0, "diffs are shown when there is room for them");
  assert.equal(shown[0], "c1", "the riskiest cluster's diffs come first");
  assert.ok(
    shown.every((c) => Number(c?.slice(1)) % 2 === 1),
    `only clusters turned internet-facing, riskiest first: ${shown.join(", ")}`,
  );
  assert.match(CUT.exec(body)?.[1] ?? "", /^file diffs \(\d+ of \d+ shown\); /);
});

test("1,000 clusters fit", () => {
  const body = reportMarkdown(fleet(1000), { limit: PR_BODY_LIMIT, fullReport: RUN });
  assert.ok(body.length <= PR_BODY_LIMIT, `${body.length} characters`);
  assert.match(body, /in 500 of 1000 clusters\./);
});

test("a fleet fits in a PR updated under a person's long text, and in a job summary counted in bytes", () => {
  const report = fleet(300);
  const human = `${"Please review with the on-call team. ".repeat(300)}\n\n${reportMarkdown(report, { limit: PR_BODY_LIMIT, fullReport: RUN })}`;
  const updated = spliceBody(human, reportMarkdown(report, { limit: PR_BODY_LIMIT - humanLength(human), fullReport: RUN }));
  assert.ok(updated.length <= PR_BODY_LIMIT, `${updated.length} characters`);
  const summary = reportMarkdown(report, { limit: 60_000, measure: (t) => Buffer.byteLength(t), fullReport: { label: "the plan file" } });
  assert.ok(Buffer.byteLength(summary) <= 60_000, "emoji and arrows count three or four bytes each");
  assert.ok(summary.length < 60_000 - 1_000, "so the byte count is not the character count");
});

test("cuts come in the stated order: diffs, then the graph, then unchanged rows, then per-cluster detail, then rows", () => {
  const report = fleet(40);
  const order = [
    "file diffs",
    "all file diffs",
    "the graph's routes",
    "the graph",
    "the rows of 20 clusters without changes",
    "findings one by one",
    "the findings and paths of",
    "the rows of",
  ];
  const rank = (cut: string) => order.findLastIndex((o) => cut.startsWith(o));
  let previous: string[] = [];
  for (let limit = 200_000; limit >= 2_500; limit = Math.floor(limit * 0.9)) {
    const body = reportMarkdown(report, { limit, fullReport: RUN });
    assert.ok(body.length <= limit, `${body.length} > ${limit}`);
    const cuts = CUT.exec(body)?.[1]?.split("; ") ?? [];
    const ranks = cuts.map(rank);
    assert.ok(
      ranks.every((r, i) => r !== -1 && (i === 0 || r > (ranks[i - 1] ?? -1))),
      `in order: ${cuts.join(" | ")}`,
    );
    // A smaller limit never brings back what a larger one cut.
    assert.ok((ranks.at(-1) ?? -1) >= (previous.map(rank).at(-1) ?? -1), `${previous.join(" | ")} → ${cuts.join(" | ")}`);
    previous = cuts;
  }
  assert.match(previous.join("; "), /the rows of \d+ less risky clusters/, "at the smallest limit even the table is shortened");
});

test("the body is the one a search rendering every step whole would choose: no shortcut changes the step or its text", () => {
  // `reportMarkdown` shares sections between steps and rejects a step whose sections alone are over
  // the limit; the reference renders each step from scratch and measures the whole body. Every third
  // cluster is left without changes, so showing or dropping their rows makes a different step.
  const idle = (f: FolderReport): FolderReport => ({ ...f, files: [], findings: [], topology: { added: [], removed: [], changed: [] } });
  const withIdle = (n: number): PlanReport => {
    const report = fleet(n);
    return { ...report, folders: report.folders.map((f, i) => (i % 3 === 2 ? idle(f) : f)) };
  };
  const sweep = Array.from({ length: 24 }, (_, i) => Math.round(1_500 * 1.18 ** i));
  const cases = [
    ...[fleet(1), fleet(2), withIdle(3), withIdle(40)].map((report) => ({ report, limits: sweep })),
    { report: withIdle(300), limits: [20_000, PR_BODY_LIMIT] },
  ];
  const chosen = new Set<string>();
  for (const { report, limits } of cases)
    for (const limit of limits)
      for (const measure of [(t: string) => t.length, (t: string) => Buffer.byteLength(t)]) {
        const options = { limit, measure, fullReport: RUN };
        const detail = fittingDetail(report.folders.length, (d) => measure(bodyAt(report, d, options)) <= limit);
        chosen.add(
          JSON.stringify({
            ...detail,
            detailed: detail.detailed === report.folders.length,
            clusterRows: detail.clusterRows === report.folders.length,
          }),
        );
        assert.equal(reportMarkdown(report, options), bodyAt(report, detail, options), `${report.folders.length} clusters, limit ${limit}`);
      }
  // The cases reach every step.
  assert.ok(chosen.size >= 7, [...chosen].join("\n"));
});
