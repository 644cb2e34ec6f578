// `deliver` against a local git repository: the plan is committed on a branch with git plumbing;
// the base branch and the working tree are never touched.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";

const repo = mkdtempSync(join(tmpdir(), "ingress-gitops-deliver-"));
after(() => {
  rmSync(repo, { recursive: true, force: true });
});
const git = (...args: string[]) => execFileSync("git", ["-C", repo, ...args], { encoding: "utf8" }).trim();
// No global or system git config: the repository has no identity, so ingress-gitops's own is used.
const isolated = { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" };
const cli = (...args: string[]) => spawnSync(process.execPath, ["dist/cli.js", ...args], { encoding: "utf8", env: isolated });

test("commits on ingress-gitops/<name>, writes the PR body, and a rerun changes nothing", () => {
  git("init", "-q", "-b", "main");
  writeFileSync(join(repo, "README.md"), "# gitops\n");
  git("add", "README.md");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "init");
  const main = git("rev-parse", "main");

  const first = cli("deliver", "examples/alb-kong.yaml", "--gitops", repo);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /^created: committed [0-9a-f]{40} on top of main; PR body written to .*ingress-gitops_api-kong\.md$/m);
  assert.equal(git("rev-parse", "main"), main, "the base branch is untouched");
  assert.equal(git("status", "--porcelain"), "", "the working tree is untouched");
  assert.equal(git("rev-parse", "ingress-gitops/api-kong^"), main);
  assert.ok(git("ls-tree", "-r", "--name-only", "ingress-gitops/api-kong").split("\n").includes("clusters/api-eks/ingress/manifests/routes-api/kong/ingress-kong-api.yaml"));
  assert.match(git("log", "-1", "--format=%an <%ae>%n%B", "ingress-gitops/api-kong"), /^ingress-gitops <ingress-gitops@users\.noreply\.github\.com>\nIngress: api-kong\n[\s\S]*Ingress-GitOps-Base: [0-9a-f]{40}/);
  const bodyFile = join(repo, ".git", "ingress-gitops", "ingress-gitops_api-kong.md");
  assert.ok(existsSync(bodyFile));
  assert.match(readFileSync(bodyFile, "utf8"), /^<!-- ingress-gitops:start -->/);

  const again = cli("deliver", "examples/alb-kong.yaml", "--gitops", repo);
  assert.match(again.stdout, /^unchanged: the branch already holds this render/m);
});

test("a spec with errors writes nothing", () => {
  const heads = git("for-each-ref", "--format=%(refname) %(objectname)");
  const refused = cli("deliver", "test/fixtures/invalid/unknown-references.yaml", "--gitops", repo);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /nothing was written/);
  assert.equal(git("for-each-ref", "--format=%(refname) %(objectname)"), heads);
});
