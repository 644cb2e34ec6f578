import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { buildPlan } from "../../src/diff/plan.ts";
import { reportMarkdown, PR_BODY_LIMIT } from "../../src/diff/markdown.ts";
import { findMachineSection, reportDigest } from "../../src/diff/machine-section.ts";
import { buildModel } from "../../src/model/build.ts";
import { planWrites } from "../../src/plan/write-plan.ts";
import { renderModel } from "../../src/render/render.ts";
import { loadTemplates } from "../../src/render/templates.ts";
import { validateSpecBytes } from "../../src/validate/validate.ts";
import { planCase } from "../../scripts/update-plan-goldens.ts";
import { asVerified } from "../support/verified.ts";

/** A spec with `routes` routes behind an internet-facing ALB: a huge change on an empty repository. */
function bigSpec(routes: number): string {
  const lines = [
    "apiVersion: ingress-gitops/v1alpha1",
    "kind: IngressSpec",
    "metadata: {name: big}",
    "cluster: {name: big-eks, region: eu-west-1, vpcId: vpc-0123456789abcdef0}",
    'gitops: {repoURL: "https://github.com/acme/gitops.git", path: clusters/big/ingress}',
    "loadBalancers: [{name: public, type: alb, scheme: internet-facing, groupName: big}]",
    "gateways: [{name: web, type: alb, loadBalancer: public}]",
    "routes:",
  ];
  for (let i = 0; i < routes; i++)
    lines.push(
      `  - {name: r${i}, namespace: team-${i % 50}, gateway: web, hosts: [app${i}.example.com], rules: [{path: "/v${i % 7}", backend: {service: svc-${i}, port: 8080}}]}`,
    );
  return `${lines.join("\n")}\n`;
}

function render(text: string) {
  const { valid, problems } = validateSpecBytes("big.yaml", new TextEncoder().encode(text));
  assert.ok(valid, JSON.stringify(problems.slice(0, 3)));
  return asVerified({
    spec: valid.spec.metadata.name,
    source: "spec.yaml",
    folder: valid.spec.gitops.path,
    files: renderModel(buildModel(valid), loadTemplates()).files,
  });
}

function fencesClosed(markdown: string): boolean {
  let open: string | undefined;
  for (const line of markdown.split("\n")) {
    const fence = /^(`{3,})/.exec(line)?.[1];
    if (fence === undefined) continue;
    if (open === undefined) open = fence;
    else if (fence === open && line.trim() === fence) open = undefined;
  }
  return open === undefined;
}

test("a 5,000-route change stays under GitHub's limit, with every fence and <details> closed, the risk first and each cut said", () => {
  const report = buildPlan(planWrites([render(bigSpec(5000))], new Map()));
  const body = reportMarkdown(report, { limit: PR_BODY_LIMIT, fullReport: { label: "the job summary" } });
  assert.ok(body.length <= PR_BODY_LIMIT, `${body.length} characters`);
  assert.ok(fencesClosed(body));
  assert.equal(body.match(/<details>/g)?.length, body.match(/<\/details>/g)?.length);
  assert.equal(findMachineSection(body)?.start, 0, "the whole body is one verified machine section");
  assert.match(
    body,
    /^\*\*Risk:\*\* this change ⚠️ \*\*makes 5000 paths internet-facing\*\* \(`app0\.example\.com \/v0`, .* and 4997 more\)\.$/m,
  );
  assert.match(
    body,
    /\*\*5005 files\*\* \(5005 added, 0 changed, 0 removed\) · \*\*paths\*\* 5000 added, 0 removed, 0 changed · \*\*findings\*\* 0 errors, 5000 warnings, 0 info/,
  );
  assert.match(
    body,
    /^> ✂️ \*\*Shortened to stay under the size limit\*\*, in this order: file diffs \(\d+ of 5005 shown\); the graph; .*What is left out is in the job summary\.$/m,
  );
  assert.match(
    body,
    /- ⚠️ \*\*warning\*\* 5000 paths become reachable from the internet through alb 'big', e\.g\. /,
    "findings are summarized, not cut",
  );
  // 5,000 distinct hosts do not fit even one row each, so the table is shown per load balancer and gateway.
  assert.match(body, /### Changed paths \(5000, by load balancer ▸ gateway\)/, "the table is shown at a coarser grain, not cut");
  assert.match(body, /^\| alb `big` internet-facing ▸ alb `web` \| 5000 \| 0 \| 0 \|$/m);
  assert.match(body, /^> The diffs of \d+ more files are not shown here: .* and \d+ more\.$/m);
  assert.ok(body.includes("<details>"), "the room the coarser tables free goes back to the diffs");
});

test("the same report gives the same body, and the digest is in it", async () => {
  const report = await planCase("scheme-flip");
  const body = reportMarkdown(report, { limit: PR_BODY_LIMIT, fullReport: { label: "x" } });
  assert.equal(body, reportMarkdown(await planCase("scheme-flip"), { limit: PR_BODY_LIMIT, fullReport: { label: "x" } }));
  assert.equal(reportDigest(body), report.digest);
  assert.equal(reportDigest(`Please merge.\n\n${body}\n\n- [x] reviewed`), report.digest, "found wherever a person moved the section");
});

test("a fence inside a diff cannot close the block that shows it", async () => {
  const report = await planCase("scheme-flip");
  const [folder] = report.folders;
  assert.ok(folder);
  const tricky = {
    ...report,
    folders: [
      {
        ...folder,
        files: [{ path: "clusters/x/a.yaml", status: "added" as const, patch: "@@ -0,0 +1 @@\n+```\n+````\n", additions: 2, deletions: 0 }],
      },
    ],
  };
  const body = reportMarkdown(tricky, { limit: PR_BODY_LIMIT, fullReport: { label: "x" } });
  assert.match(body, /^`````diff$/m);
  assert.ok(fencesClosed(body));
});

test("a fleet's body opens with one row per cluster and groups findings, paths and graph per cluster", () => {
  const specs = ["examples/alb-kong.yaml", "examples/alb-istio.yaml"].map((file) => {
    const { valid } = validateSpecBytes(file, new TextEncoder().encode(readFileSync(file, "utf8")));
    assert.ok(valid);
    return asVerified({
      spec: valid.spec.metadata.name,
      source: "spec.yaml",
      folder: valid.spec.gitops.path,
      files: renderModel(buildModel(valid), loadTemplates()).files,
    });
  });
  const body = reportMarkdown(buildPlan(planWrites(specs, new Map())), { limit: PR_BODY_LIMIT, fullReport: { label: "x" } });
  assert.match(body, /^\| cluster \| findings \| newly internet-facing \| paths \(\+ − ~\) \| files \|$/m);
  // Riskiest first: mesh-use1 has two warnings, api-kong one.
  assert.match(
    body,
    /^\| mesh-use1 \| ⛔ 0 · ⚠️ 2 · ℹ️ 0 \| 2 \| \+2 −0 ~0 \| \d+ \|\n\| api-kong \| ⛔ 0 · ⚠️ 1 · ℹ️ 0 \| 1 \| \+1 −0 ~0 \| 11 \|$/m,
  );
  assert.match(body, /### Findings\n\n#### mesh-use1\n\n- ⚠️/);
  assert.match(body, /### Changed paths\n\n#### mesh-use1\n/);
  assert.match(body, /^ {2}subgraph c0\["api-kong"\]$/m);
  assert.match(body, /^ {2}subgraph c1\["mesh-use1"\]$/m);
});
