import assert from "node:assert/strict";
import { test } from "node:test";
import { defaultBranch, defaultTitle, slug } from "../../src/deliver/defaults.ts";
import { departedFolders } from "../../src/deliver/departed.ts";

// GITHUB_WORKFLOW_REF is `owner/repo/.github/workflows/<file>@<ref>` and GITHUB_JOB the job id
// (docs.github.com, Actions "Variables reference", default environment variables).
const job = { workflow: "acme/gitops/.github/workflows/ingress-fleet.yml@refs/heads/main", job: "render" };

test("one spec file named on its own is that spec's branch", () => {
  assert.equal(defaultBranch(["clusters/prod/ingress-spec.yaml"], ["prod-apne1"], job), "ingress-gitops/prod-apne1");
});

test("a glob or a list is a fleet named from the workflow file and job, whatever specs it finds", () => {
  const two = defaultBranch(["clusters/*/ingress-spec.yaml"], ["a", "b"], job);
  assert.equal(two, "ingress-gitops/ingress-fleet-render");
  assert.equal(defaultBranch(["clusters/*/ingress-spec.yaml"], ["a", "b", "c"], job), two, "a spec joining keeps the branch");
  assert.equal(defaultBranch(["clusters/*/ingress-spec.yaml"], ["a"], job), two, "a glob matching one spec is still the fleet");
  assert.equal(defaultBranch(["a.yaml", "b.yaml"], ["a", "b"], job), two);
  assert.equal(
    defaultBranch(["x/*.yaml"], ["a"], { workflow: "acme/r/.github/workflows/ingress.yaml@refs/heads/main", job: "ingress" }),
    "ingress-gitops/ingress",
    "a job named like its file is said once",
  );
  assert.equal(
    defaultBranch(["x/*.yaml"], ["a"], { workflow: "Ingress Fleet", job: "render" }),
    "ingress-gitops/ingress-fleet-render",
    "a workflow name when there is no ref",
  );
});

test("off a runner (the CLI), a fleet is named from the patterns it was given", () => {
  assert.equal(defaultBranch(["clusters/*/ingress-spec.yaml"], ["b", "a"], undefined), "ingress-gitops/clusters-ingress-spec.yaml");
});

test("a long name is cut between words, never inside one", () => {
  const long = slug(Array.from({ length: 30 }, (_, i) => `word${i}`).join(" "));
  assert.ok(long.length <= 80, long);
  assert.match(long, /^word0-word1-.*-word\d+$/);
  const words = long.split("-");
  assert.deepEqual(
    words,
    Array.from({ length: words.length }, (_, i) => `word${i}`),
  );
});

test("a departed spec is a folder whose ownership record the branch changed and no spec of the run owns", () => {
  const entry = (path: string, sha: string) => ({ path, mode: "100644", type: "blob" as const, sha });
  const base = [entry("clusters/a/ingress/.ingress-gitops.json", "1"), entry("clusters/merged/ingress/.ingress-gitops.json", "2")];
  const branch = [
    entry("clusters/a/ingress/.ingress-gitops.json", "9"),
    entry("clusters/b/ingress/.ingress-gitops.json", "8"),
    entry("clusters/gone/ingress/.ingress-gitops.json", "7"),
    entry("clusters/merged/ingress/.ingress-gitops.json", "2"),
  ];
  assert.deepEqual(
    departedFolders(branch, base, new Set(["clusters/a/ingress", "clusters/b/ingress"])),
    ["clusters/gone/ingress"],
    "unchanged from the base (already merged) is not departed",
  );
});

test("the default title names the specs rendered, sorted, the same for the action and the CLI", () => {
  assert.equal(defaultTitle(["shop", "billing"]), "Ingress: billing, shop");
});
