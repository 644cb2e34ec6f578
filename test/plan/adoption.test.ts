// Adoption (a first run into a folder of hand-written manifests) takes over exactly the objects
// the render makes and nothing else: every other file, and everything outside the spec's folder,
// stays byte for byte.
import assert from "node:assert/strict";
import { test } from "node:test";
import { load } from "js-yaml";
import { buildPlan } from "../../src/diff/plan.ts";
import { adoptionOf, overwrittenOf } from "../../src/plan/adoption.ts";
import { OWNERSHIP_FILE, ownershipContent } from "../../src/plan/ownership.ts";
import { planWrites } from "../../src/plan/write-plan.ts";
import { asVerified } from "../support/verified.ts";

const service = (name: string, namespace?: string) => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name, ...(namespace === undefined ? {} : { namespace }) },
  spec: { type: "LoadBalancer" },
});
const deployment = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "mqtt", namespace: "iot" }, spec: {} };
const yaml = (doc: unknown) => JSON.stringify(doc);
const RENDERED = new Map([["manifests/service-mqtt.yaml", [service("mqtt", "iot")]]]);

test("the items of a kubectl List that the render makes are taken out of it; a List of nothing else is removed", () => {
  const dump = (items: unknown[]) =>
    `# kubectl get svc,deploy -n iot -o yaml\n${yaml({ apiVersion: "v1", kind: "List", items, metadata: {} })}\n`;
  const adoption = adoptionOf(
    new Map([
      ["dump.yaml", dump([service("mqtt", "iot"), deployment])],
      ["only.yaml", `---\n${dump([service("mqtt", "iot")])}`],
    ]),
    RENDERED,
  );
  assert.ok(adoption !== undefined, "objects in a List are objects the folder holds");
  assert.deepEqual(adoption.takenOver, [
    { object: "Service iot/mqtt", file: "dump.yaml" },
    { object: "Service iot/mqtt", file: "only.yaml" },
  ]);
  assert.deepEqual(adoption.removed, ["only.yaml"]);
  const rest = load(adoption.rewritten.get("dump.yaml") ?? "");
  assert.deepEqual(rest, { apiVersion: "v1", kind: "List", items: [deployment], metadata: {} }, "the other items stay, as written");
});

test("an object written without a namespace is the render's copy in default, as the topology reads it", () => {
  const adoption = adoptionOf(new Map([["svc.yaml", yaml(service("mqtt"))]]), new Map([["s.yaml", [service("mqtt", "default")]]]));
  assert.deepEqual(adoption?.removed, ["svc.yaml"]);
});

test("a file that holds no object the render makes is never removed or rewritten", () => {
  const before = new Map([
    // Same name, another kind, namespace or API group: another object.
    ["deploy.yaml", yaml(deployment)],
    ["other-namespace.yaml", yaml(service("mqtt", "edge"))],
    ["other-group.yaml", yaml({ ...service("mqtt", "iot"), apiVersion: "example.com/v1" })],
    // A file that does not parse is left as it is, even if it also names the object.
    ["broken.yaml", `${yaml(service("mqtt", "iot"))}\n---\nkey: [unclosed\n`],
    ["notes.md", yaml(service("mqtt", "iot"))],
    ["svc.yaml", yaml(service("mqtt", "iot"))],
  ]);
  const adoption = adoptionOf(before, RENDERED);
  assert.ok(adoption !== undefined);
  assert.deepEqual(adoption.removed, ["svc.yaml"]);
  assert.deepEqual([...adoption.rewritten.keys()], []);
  assert.deepEqual(adoption.left, ["broken.yaml", "deploy.yaml", "other-group.yaml", "other-namespace.yaml"]);
  assert.equal(adoptionOf(new Map([...before, [OWNERSHIP_FILE, "{}"]]), RENDERED), undefined, "an owned folder adopts nothing");
});

test("adoption writes and deletes inside the spec's folder only, and only what it takes over or renders", () => {
  const checkout = new Map([
    ["clusters/s/svc.yaml", yaml(service("mqtt", "iot"))],
    ["clusters/s/mixed.yaml", `${yaml(deployment)}\n---\n${yaml(service("mqtt", "iot"))}\n`],
    ["clusters/s/left.yaml", yaml(deployment)],
    // The same object in another folder belongs to whoever owns that folder.
    ["clusters/other/svc.yaml", yaml(service("mqtt", "iot"))],
    ["clusters/s-2/svc.yaml", yaml(service("mqtt", "iot"))],
  ]);
  const rendered = {
    path: "manifests/service-mqtt.yaml",
    content: `${yaml(service("mqtt", "iot"))}\n`,
    documents: [service("mqtt", "iot")],
  };
  const plan = planWrites([asVerified({ spec: "s", source: "s.yaml", folder: "clusters/s", files: [rendered] })], checkout);
  assert.deepEqual(plan.deletes, ["clusters/s/svc.yaml"]);
  assert.deepEqual([...plan.writes.keys()].sort(), [
    "clusters/s/.ingress-gitops.json",
    "clusters/s/manifests/service-mqtt.yaml",
    "clusters/s/mixed.yaml",
  ]);
  assert.equal(plan.writes.get("clusters/s/mixed.yaml"), `${yaml(deployment)}\n`, "the rest of a file stays byte for byte");
});

const application = (name: string) => ({
  apiVersion: "argoproj.io/v1alpha1",
  kind: "Application",
  metadata: { name, namespace: "argocd" },
});

test("a hand-written file the render writes over is said, with the objects it would take from Git", () => {
  const rendered = new Map([["root.yaml", [application("prod-root")]]]);
  // A root.yaml of one's own (an app of apps) where the render writes its own.
  const before = new Map([["root.yaml", `${yaml(application("platform"))}\n---\n${yaml(application("prod-root"))}\n`]]);
  assert.deepEqual(overwrittenOf(before, rendered), [{ file: "root.yaml", lost: ["Application argocd/platform"] }]);
  assert.deepEqual(
    overwrittenOf(new Map([["root.yaml", yaml(application("prod-root"))]]), rendered),
    [],
    "nothing else in it: nothing lost",
  );
  const owned = new Map([...before, [OWNERSHIP_FILE, ownershipContent({ spec: "s", source: "s.yaml", files: ["root.yaml"] })]]);
  assert.deepEqual(overwrittenOf(owned, rendered), [], "a file the run owns is its own to rewrite");

  const file = { path: "root.yaml", content: `${yaml(application("prod-root"))}\n`, documents: [application("prod-root")] };
  const plan = planWrites(
    [asVerified({ spec: "s", source: "s.yaml", folder: "clusters/s", files: [file] })],
    new Map([["clusters/s/root.yaml", before.get("root.yaml") ?? ""]]),
  );
  const findings = buildPlan(plan).folders[0]?.findings ?? [];
  assert.deepEqual(
    findings.filter((f) => f.path === "clusters/s/root.yaml").map((f) => [f.severity, f.message]),
    [
      [
        "error",
        "root.yaml is hand-written, and the render writes a file of that name over it: Application argocd/platform, which the render does not make, would be removed from Git; move it to another file (or folder) first",
      ],
    ],
  );
});
