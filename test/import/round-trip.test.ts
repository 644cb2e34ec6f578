// Issue 14's guarantee: for every supported topology, importing hand-written manifests and then
// planning the imported spec against the checkout that holds them changes no exposure path. Files
// change (the render replaces the objects it takes over); what is reachable, from where, through
// what, does not.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parse } from "yaml";
import { contractPath } from "../../src/topology/types.ts";
import { noteLine } from "../../src/import/notes.ts";
import { importFixture, roundTrip } from "./support.ts";

// cilium-gateway is the one that cannot be equal, below.
const TOPOLOGIES = [
  "alb-ingress",
  "nlb-service",
  "cilium-gateway-binding",
  "alb-istio",
  "alb-istio-gateway-api",
  "alb-kong",
  "alb-kong-gateway-api",
  "argocd-charts",
];

for (const topology of TOPOLOGIES) {
  test(`${topology}: import, then plan against the same checkout, keeps every path`, async () => {
    const { problems, folder } = await roundTrip(topology);
    assert.deepEqual(problems, [], "the imported spec passes validate");
    assert.ok(folder !== undefined);
    const { added, removed, changed } = folder.topology;
    assert.deepEqual(
      {
        added: added.map(contractPath),
        removed: removed.map(contractPath),
        changed: changed.map((c) => [contractPath(c.before), contractPath(c.after)]),
      },
      { added: [], removed: [], changed: [] },
      "no topology change",
    );
    assert.ok(folder.before.length > 0, "the hand-written folder exposes paths");
    assert.deepEqual([folder.adoption?.kept, folder.adoption?.changed], [folder.before.length, 0], "adoption: every path kept, 0 changed");
  });
}

// What a spec cannot say changes a path, and the plan says which and where it is read from: the
// render's Gateway admits routes from every namespace (allowedRoutes from All) and its routes
// attach to every listener (no sectionName), where the hand-written Gateway refused the sandbox's
// route and the status route attached to the HTTP listener only. The TCPRoute's port, which no
// spec route can be, is said removed.
test("cilium-gateway: the paths allowedRoutes and sectionName kept out are said, each with its file", async () => {
  const { problems, folder } = await roundTrip("cilium-gateway");
  assert.deepEqual(problems, []);
  assert.ok(folder?.adoption !== undefined);
  assert.deepEqual(folder.adoption.differences, [
    { path: "lab.example.com /", change: "added", file: "routes.yaml", handWritten: true },
    {
      path: "status.example.com /healthz",
      change: "added",
      file: "manifests/routes-shared-gateway/infra-ns/httproute-status.yaml",
      handWritten: false,
    },
    // Cilium 1.19, the spec's default, serves no TCPRoute: the hand-written one stays, and the render's Gateway has no listener it names.
    { path: "infra-ns/shared-gateway:5432", change: "removed", file: "tcp.yaml", handWritten: true },
  ]);
  assert.deepEqual([folder.adoption.kept, folder.adoption.changed], [folder.before.length - 1, 3]);
  assert.ok(
    folder.findings.some((f) => f.message.startsWith("lab.example.com / becomes reachable from the internet")),
    "the route the hand-written Gateway refused is a new internet exposure: a warning",
  );
});

// Equal paths through a load balancer made anew are not "nothing changes": the plan says what is
// replaced and which paths it carries, as item 3 of issue 14 asks.
test("nlb-service: an in-tree NLB handed to the AWS Load Balancer Controller is said replaced, with its path", async () => {
  const { folder } = await roundTrip("nlb-service");
  assert.ok(folder !== undefined);
  const replaced = folder.findings.filter((f) => f.destroys !== undefined);
  // The in-tree provider skips `aws-load-balancer-type: external` and the controller makes its own
  // NLB (kubernetes/cloud-provider-aws pkg/providers/v1/aws.go, EnsureLoadBalancer).
  assert.deepEqual(
    replaced.map((f) => [f.severity, f.destroys]),
    [["error", { kind: "load balancer", name: "nlb 'data/pgbouncer'" }]],
  );
  assert.match(
    replaced[0]?.message ?? "",
    /keeps its paths \(data\/pgbouncer:5432\) but is made by the AWS Load Balancer Controller instead of the in-tree cloud provider: that is a new NLB with a new DNS name/,
  );
  // The API server refuses to add, drop or change spec.loadBalancerClass on a Service of type
  // LoadBalancer: kubernetes pkg/apis/core/validation/validation.go, validateLoadBalancerClassField
  // ("may not change once set"). ledger-grpc already names the class, and mosquitto, which the
  // controller takes by its annotations, keeps none (selectedBy: annotation): only the in-tree
  // Service, replaced anyway, is said.
  const classes = folder.findings.filter((f) => f.message.includes("loadBalancerClass changes"));
  assert.deepEqual(
    classes.map((f) => f.message.slice(0, f.message.indexOf(":"))),
    ["nlb 'data/pgbouncer'"],
  );
  assert.ok(classes.every((f) => f.severity === "warning" && f.message.includes("may not change once set")));
});

// A Service the controller takes by `aws-load-balancer-type: external` and `nlb-target-type`, with
// no loadBalancerClass (kubernetes-sigs/aws-load-balancer-controller pkg/service/service_utils.go,
// IsServiceSupported), is imported with selectedBy: annotation, so that the render gives it no
// class the API server would refuse to add (kubernetes pkg/apis/core/validation/validation.go,
// validateLoadBalancerClassField). One that names the class, or the in-tree one, keeps the default.
test("nlb-service: the Service the controller takes by annotation is imported selectedBy annotation, the others not", async () => {
  const { result } = importFixture("nlb-service");
  assert.ok(result.ok);
  const spec = parse(result.text) as { loadBalancers: { knownAs?: string; name: string; service?: { selectedBy?: string } }[] };
  assert.deepEqual(
    spec.loadBalancers.map((lb) => [lb.knownAs ?? lb.name, lb.service?.selectedBy]),
    [
      ["data/pgbouncer", undefined],
      ["iot/mosquitto", "annotation"],
      ["payments/ledger-grpc", undefined],
    ],
  );
  const { folder } = await roundTrip("nlb-service");
  const mosquitto = folder?.findings.filter((f) => f.message.startsWith("nlb 'iot/mosquitto'")) ?? [];
  assert.deepEqual(mosquitto, [], "the plan changes nothing of how mosquitto's NLB is made");
});

test("alb-kong: instance targets that become ip targets are said, with the path they carry", async () => {
  const { folder } = await roundTrip("alb-kong");
  // An ELBv2 target group's type is fixed at creation: ModifyTargetGroup has no TargetType
  // (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyTargetGroup.html).
  const retargeted = folder?.findings.filter((f) => f.message.includes("targets instead of")) ?? [];
  assert.deepEqual(
    retargeted.map((f) => [f.severity, f.message.slice(0, f.message.indexOf(":"))]),
    [["warning", "alb 'kong/kong-alb' registers ip targets instead of instance (orders.example.com /v1)"]],
  );
  assert.equal(
    folder?.findings.some((f) => f.destroys !== undefined),
    false,
    "the ALB itself stays",
  );
});

// A `kubectl get -o yaml` dump kept in Git is adopted like any file: its items the render makes are
// taken out of the List. Import moves the Istio gateway out of istio-system (it cannot be rendered
// there), so its ALB is another one: the plan counts both paths as changed and names their files.
test("kubectl-list: the dump's items the render makes are taken over, and the paths its new ALB carries are said", async () => {
  const { folder } = await roundTrip("kubectl-list");
  assert.ok(folder?.adoption !== undefined, "a List's items are hand-written objects too");
  assert.deepEqual(
    folder.adoption.takenOver.map((t) => t.object),
    ["VirtualService service-a/service-a", "VirtualService service-a/debug"],
  );
  assert.deepEqual([...folder.adoption.rewritten.keys()], ["cluster.yaml"]);
  assert.deepEqual(
    folder.adoption.differences.map((d) => [d.path, d.change]),
    [
      ["api.example.com /api/v1/service-A", "changed"],
      ["api.example.com /debug", "changed"],
    ],
  );
  assert.equal(
    folder.findings.some((f) => f.message.includes("served twice")),
    false,
    "no object is left in the folder twice",
  );
});

// An Istio or Kong gateway is rendered as its own release (istio-<name>, kong-<name>): the paths
// stay, the pods serving them do not. Import and the plan both say so, naming both Services.
for (const [topology, gateway, from, to] of [
  ["alb-istio", "istio gateway 'sample-gateway'", "istio-ingress/istio-ingressgateway", "istio-ingress/istio-sample-gateway"],
  ["alb-kong", "kong gateway 'kong'", "kong/kong-gateway-proxy", "kong/kong-kong-gateway-proxy"],
] as const) {
  test(`${topology}: the gateway installed anew beside the hand-written one is said by import and by the plan`, async () => {
    const { result } = importFixture(topology);
    assert.ok(result.ok);
    assert.ok(
      result.notes.some(
        (n) => n.kind === "chose" && noteLine(n).includes(`own release (Service ${to})`) && noteLine(n).includes(`behind Service ${from}`),
      ),
    );
    const { folder } = await roundTrip(topology);
    const moved = folder?.findings.filter((f) => f.group === "gateways are served by other pods") ?? [];
    assert.equal(moved.length, 1);
    assert.match(
      moved[0]?.message ?? "",
      new RegExp(
        `^${gateway} keeps its paths \\(.+\\) but serves them from Service ${to} instead of ${from}: other pods take this traffic`,
      ),
    );
    assert.equal(moved[0]?.severity, "warning");
  });
}

// The manifests were served, so their controllers run already, installed outside the folder; the
// render installs its own through Argo CD, whose sync applies over objects of the same names that
// it finds in the cluster (argoproj/argo-cd controller/sync.go refuses only shared resources, and
// only with FailOnSharedResource=true). Each such install is said; one the folder's own
// Application already made (argocd-charts) is not new.
test("an adoption says each controller it installs beside the one already serving the manifests", async () => {
  const installs = async (topology: string) =>
    ((await roundTrip(topology)).folder?.findings ?? [])
      .filter((f) => f.group === "the adoption installs controllers the cluster already runs")
      .map((f) => /^Argo CD Application '([^']+)'/.exec(f.message)?.[1]);
  assert.deepEqual(await installs("alb-istio"), ["prod-aws-load-balancer-controller", "prod-istio-base", "prod-istiod"]);
  assert.deepEqual(await installs("argocd-charts"), [], "the folder's own Application installs the controller already");
});

// ALBC's own Gateways (kubernetes-sigs/aws-load-balancer-controller docs/guide/gateway/): the
// Gateway is its load balancer, named by its LoadBalancerConfiguration, so the render's, named
// after the spec's load balancer, is the same ALB or NLB, and every route the same path.
for (const topology of ["aws-gateway-alb", "aws-gateway-nlb"])
  test(`${topology}: the imported spec passes validate, and the plan against the hand-written files changes no path`, async () => {
    const { problems, folder } = await roundTrip(topology);
    assert.deepEqual(problems, []);
    assert.ok(folder?.adoption !== undefined);
    assert.deepEqual(folder.adoption.differences, []);
    assert.deepEqual([folder.adoption.kept, folder.adoption.changed], [folder.before.length, 0]);
    assert.equal(folder.before.length, 3);
  });
