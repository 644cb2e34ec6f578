// Measures how tall and wide the PR body's Mermaid graph renders as routes are added, to choose
// DETAILED_ROUTE_LIMIT in src/diff/graph.ts. Needs Debian's chromium (apt-get install chromium);
// not part of the tests. Run: npx tsx scripts/measure-graph.ts
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildPlan } from "../src/diff/plan.ts";
import { graphSection } from "../src/diff/graph.ts";
import { buildModel } from "../src/model/build.ts";
import { planWrites } from "../src/plan/write-plan.ts";
import { renderModel } from "../src/render/render.ts";
import { loadTemplates } from "../src/render/templates.ts";
import { validateSpecBytes } from "../src/validate/validate.ts";
import { verifySpec } from "../src/verify/verified.ts";

/** `routes` new routes, each its own host and backend, behind one internet-facing ALB and a Kong gateway. */
function spec(routes: number): string {
  const lines = [
    "apiVersion: ingress-gitops/v1alpha1",
    "kind: IngressSpec",
    "metadata: {name: measure}",
    "cluster: {name: measure-eks, region: eu-west-1, vpcId: vpc-0123456789abcdef0}",
    'gitops: {repoURL: "https://github.com/acme/gitops.git", path: clusters/measure/ingress}',
    "loadBalancers: [{name: public, type: alb, scheme: internet-facing, groupName: measure}]",
    "gateways: [{name: web, type: alb, loadBalancer: public}]",
    "routes:",
  ];
  for (let i = 0; i < routes; i++)
    lines.push(
      `  - {name: r${i}, namespace: team-${i % 5}, gateway: web, hosts: [app${i}.example.com], rules: [{path: "/api/v${i % 3}", backend: {service: service-${i}, port: 8080}}]}`,
    );
  return `${lines.join("\n")}\n`;
}

function graph(routes: number): string {
  const { valid } = validateSpecBytes("measure.yaml", new TextEncoder().encode(spec(routes)));
  if (valid === undefined) throw new Error("the measuring spec is not valid");
  const rendered = renderModel(buildModel(valid), loadTemplates());
  const report = buildPlan(
    planWrites([verifySpec({ spec: "measure", source: "measure.yaml", folder: valid.spec.gitops.path, ...rendered })], new Map()),
  );
  const section = graphSection(report, false, Number.POSITIVE_INFINITY);
  return /```mermaid\n([\s\S]*?)\n```/.exec(section)?.[1] ?? "";
}

const sizes = [4, 8, 12, 16, 20, 24, 30];
const dir = mkdtempSync(join(tmpdir(), "measure-graph-"));
const mermaidJs = resolve("node_modules/mermaid/dist/mermaid.min.js");
const diagrams = sizes
  .map((n) => `<pre class="src" data-n="${n}">${graph(n).replace(/&/g, "&amp;").replace(/</g, "&lt;")}</pre>`)
  .join("\n");
writeFileSync(
  join(dir, "index.html"),
  `<!doctype html><html><body>${diagrams}<pre id="out"></pre><script src="file://${mermaidJs}"></script><script>
mermaid.initialize({ startOnLoad: false });
(async () => {
  const out = [];
  for (const pre of document.querySelectorAll("pre.src")) {
    const { svg } = await mermaid.render("g" + pre.dataset.n, pre.textContent);
    const holder = document.createElement("div");
    holder.innerHTML = svg;
    document.body.appendChild(holder);
    const box = holder.querySelector("svg").getBBox();
    out.push(pre.dataset.n + " routes: " + Math.round(box.width) + " x " + Math.round(box.height) + " px");
  }
  document.getElementById("out").textContent = "MEASURED\\n" + out.join("\\n") + "\\nEND";
})();
</script></body></html>`,
);
const dom = execFileSync(
  "chromium",
  [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--allow-file-access-from-files",
    "--virtual-time-budget=30000",
    "--dump-dom",
    `file://${join(dir, "index.html")}`,
  ],
  { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
);
console.log(/MEASURED\n([\s\S]*?)\nEND/.exec(dom)?.[1] ?? "no measurement: did mermaid load?");
