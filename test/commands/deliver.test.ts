// `deliver` against a local git repository: the plan is committed on a branch with git plumbing;
// the base branch and the working tree are never touched.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { cliIn } from "../support/dist.ts";

const repo = mkdtempSync(join(tmpdir(), "ingress-gitops-deliver-"));
after(() => {
  rmSync(repo, { recursive: true, force: true });
});
const git = (...args: string[]) => execFileSync("git", ["-C", repo, ...args], { encoding: "utf8" }).trim();
// No global or system git config: the repository has no identity, so ingress-gitops's own is used.
const isolated = { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" };
const cli = (...args: string[]) => cliIn({ env: isolated }, ...args);

test("commits on ingress-gitops/<name>, writes the PR body, and a rerun changes nothing", () => {
  git("init", "-q", "-b", "main");
  writeFileSync(join(repo, "README.md"), "# gitops\n");
  git("add", "README.md");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "init");
  const main = git("rev-parse", "main");

  const first = cli("deliver", "examples/alb-kong.yaml", "--gitops", repo);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /^created: committed [0-9a-f]{40} on top of main; PR body written to .*ingress-gitops_api-kong\.md$/m);
  assert.equal(git("rev-parse", "main"), main, "the base branch is untouched");
  assert.equal(git("status", "--porcelain"), "", "the working tree is untouched");
  assert.equal(git("rev-parse", "ingress-gitops/api-kong^"), main);
  assert.ok(
    git("ls-tree", "-r", "--name-only", "ingress-gitops/api-kong")
      .split("\n")
      .includes("clusters/api-eks/ingress/manifests/routes-api/kong/ingress-kong-api.yaml"),
  );
  assert.match(
    git("log", "-1", "--format=%an <%ae>%n%B", "ingress-gitops/api-kong"),
    /^ingress-gitops <ingress-gitops@users\.noreply\.github\.com>\nIngress: api-kong\n[\s\S]*Ingress-GitOps-Base: [0-9a-f]{40}/,
  );
  const bodyFile = join(repo, ".git", "ingress-gitops", "ingress-gitops_api-kong.md");
  assert.ok(existsSync(bodyFile));
  assert.match(readFileSync(bodyFile, "utf8"), /^<!-- ingress-gitops:start sha256=[0-9a-f]{64} -->/);

  const again = cli("deliver", "examples/alb-kong.yaml", "--gitops", repo);
  assert.match(again.stdout, /^unchanged: the branch already holds this render/m);
});

test("a spec with errors writes nothing", () => {
  const heads = git("for-each-ref", "--format=%(refname) %(objectname)");
  const refused = cli("deliver", "test/fixtures/invalid/unknown-references.yaml", "--gitops", repo);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /nothing was written/);
  assert.equal(git("for-each-ref", "--format=%(refname) %(objectname)"), heads);
});

test("a person's commit on the branch is kept and named in the PR body; an owned file they edited is replaced", () => {
  const branch = "ingress-gitops/api-kong";
  git("checkout", "-q", branch);
  writeFileSync(join(repo, "NOTES.md"), "do not lose me\n");
  git("add", "NOTES.md");
  git("-c", "user.name=Pat", "-c", "user.email=pat@example.com", "commit", "-qm", "Add notes");
  const human = git("rev-parse", "HEAD");
  git("checkout", "-q", "main");
  const smaller = join(repo, "..", `${repo.split("/").pop() ?? ""}-smaller.yaml`);
  writeFileSync(smaller, readFileSync("examples/alb-kong.yaml", "utf8").replace(/\n {4}plugins:\n {6}- name: rate-limiting\n.*/, ""));
  const result = cli("deliver", smaller, "--gitops", repo);
  rmSync(smaller);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^updated: /m);
  assert.equal(git("rev-parse", `${branch}^`), human, "built on the person's commit");
  assert.equal(git("show", `${branch}:NOTES.md`), "do not lose me");
  assert.match(result.stdout, /keeps changes by others from 1 commit\(s\)[^\n]*"Add notes"[^\n]*`NOTES\.md`/);
});

test("a push that lands between read and update-ref is kept, and the run reads again", () => {
  // A `git` first on PATH that, on the first update-ref of the branch, lets someone else commit on it first.
  const real = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
  const bin = mkdtempSync(join(tmpdir(), "ingress-gitops-git-"));
  const branch = "ingress-gitops/api-kong";
  writeFileSync(
    join(bin, "git"),
    [
      "#!/bin/sh",
      'case " $* " in',
      `  *" update-ref refs/heads/${branch} "*)`,
      `    if [ ! -e "${bin}/raced" ]; then`,
      `      touch "${bin}/raced"`,
      `      export GIT_INDEX_FILE="${bin}/index"`,
      `      "${real}" -C "${repo}" read-tree ${branch}`,
      `      blob=$(echo raced | "${real}" -C "${repo}" hash-object -w --stdin)`,
      `      "${real}" -C "${repo}" update-index --add --cacheinfo "100644,$blob,RACE.md"`,
      `      commit=$(echo "Racing commit" | "${real}" -C "${repo}" -c user.name=Racer -c user.email=r@example.com commit-tree "$("${real}" -C "${repo}" write-tree)" -p ${branch})`,
      `      "${real}" -C "${repo}" update-ref refs/heads/${branch} "$commit"`,
      "      unset GIT_INDEX_FILE",
      "    fi;;",
      "esac",
      `exec "${real}" "$@"`,
      "",
    ].join("\n"),
    { mode: 0o755 },
  );
  const result = cliIn(
    { env: { ...isolated, PATH: `${bin}:${process.env["PATH"] ?? ""}` } },
    "deliver",
    "examples/alb-kong.yaml",
    "--gitops",
    repo,
  );
  rmSync(bin, { recursive: true, force: true });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^updated: /m);
  assert.equal(git("log", "-1", "--format=%s", `${branch}^`), "Racing commit", "the racing commit is the new commit's parent");
  assert.equal(git("show", `${branch}:RACE.md`), "raced", "and its file is in the new tree");
  assert.equal(git("show", `${branch}:NOTES.md`), "do not lose me", "as is the earlier person's");
  assert.match(result.stdout, /keeps changes by others from 1 commit\(s\)[^\n]*"Racing commit"[^\n]*`NOTES\.md`, `RACE\.md`/);
});

test("a folder whose record names another spec, or a link in the base tree, is refused before any write", () => {
  const other = mkdtempSync(join(tmpdir(), "ingress-gitops-taken-"));
  const at = (...args: string[]) => execFileSync("git", ["-C", other, ...args], { encoding: "utf8" }).trim();
  at("init", "-q", "-b", "main");
  execFileSync("mkdir", ["-p", join(other, "clusters/api-eks/ingress")]);
  writeFileSync(
    join(other, "clusters/api-eks/ingress/.ingress-gitops.json"),
    JSON.stringify({ generator: "ingress-gitops", spec: "billing", source: "specs/billing.yaml", files: ["root.yaml"] }),
  );
  at("add", ".");
  at("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "billing owns the folder");
  const taken = cli("deliver", "examples/alb-kong.yaml", "--gitops", other);
  assert.equal(taken.code, 1);
  assert.match(
    taken.stderr,
    /'clusters\/api-eks\/ingress' \(gitops.path of spec 'api-kong' from examples\/alb-kong\.yaml\) is owned by spec 'billing' from specs\/billing\.yaml/,
  );
  assert.match(taken.stderr, /nothing was written/);
  at("rm", "-rq", "clusters");
  execFileSync("ln", ["-s", "/etc", join(other, "clusters")]);
  at("add", "clusters");
  at("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "a link");
  const linked = cli("deliver", "examples/alb-kong.yaml", "--gitops", other);
  assert.equal(linked.code, 1);
  assert.match(linked.stderr, /clusters is a symbolic link on the way to the folder clusters\/api-eks\/ingress/);
  assert.equal(at("for-each-ref", "--format=%(refname)"), "refs/heads/main", "no branch was made");
  rmSync(other, { recursive: true, force: true });
});

// A git tree cannot hold a file and a folder at one path: committing the render would drop the
// person's file that stands where the spec's folder goes, though ingress-gitops does not own it.
test("a file in the base tree where the spec's folder goes is refused, not silently replaced", () => {
  const other = mkdtempSync(join(tmpdir(), "ingress-gitops-in-the-way-"));
  const at = (...args: string[]) => execFileSync("git", ["-C", other, ...args], { encoding: "utf8" }).trim();
  at("init", "-q", "-b", "main");
  execFileSync("mkdir", ["-p", join(other, "clusters/api-eks")]);
  writeFileSync(join(other, "clusters/api-eks/ingress"), "a person's notes\n");
  at("add", ".");
  at("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "notes");
  const refused = cli("deliver", "examples/alb-kong.yaml", "--gitops", other);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /clusters\/api-eks\/ingress is a file, but spec 'api-kong' writes files inside it; move it away/);
  assert.match(refused.stderr, /nothing was written/);
  assert.equal(at("for-each-ref", "--format=%(refname)"), "refs/heads/main", "no branch was made");
  rmSync(other, { recursive: true, force: true });
});
