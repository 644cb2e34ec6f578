import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, describe, it } from "node:test";
import { buildPrunedSpecText, PRUNED_SPEC_PATH } from "../../scripts/prune-github-openapi.ts";
import { tokenFingerprint } from "../support/github-emulator/index.ts";
import type { Emulator } from "../support/github-emulator/index.ts";
import { client, freshRepo, start, statusOf } from "./helpers.ts";

void describe("GitHub emulator: OpenAPI contract, routing and auth", () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await start();
  });
  after(async () => {
    // The tamper test leaves a violation behind on purpose.
    await emulator.stop({ ignoreContractViolations: true });
  });

  void it("commits the pruned spec exactly as the script builds it from the installed @octokit/openapi", async () => {
    const committed = await readFile(PRUNED_SPEC_PATH, "utf8");
    assert.ok(committed === (await buildPrunedSpecText()), "run `npx tsx scripts/prune-github-openapi.ts` and commit the result");
    assert.match(emulator.specVersion, /^@octokit\/openapi@\d+\.\d+\.\d+ /);
  });

  void it("answers 501 naming the route for anything not implemented", async () => {
    const octokit = client(emulator);
    const { owner, repo } = await freshRepo(emulator);
    const contents = await statusOf(octokit.repos.getContent({ owner, repo, path: "README.md" }));
    assert.equal(contents.status, 501);
    assert.match(contents.message, /Not implemented by the GitHub emulator: GET \/repos\/acme\/gitops-\d+\/contents\/README\.md/);
    assert.equal((await statusOf(octokit.users.getAuthenticated())).status, 501);
    const malformed = await fetch(`${emulator.url}/repos/${owner}/${repo}/git/ref/heads%E0%A4%A`, {
      headers: { authorization: "token t" },
    });
    assert.equal(malformed.status, 501);
  });

  void it("requires a token, records who used it, and never the token itself", async () => {
    const guarded = await start({ tokens: { ghp_secret_pat: { login: "octo-admin" } } });
    try {
      await guarded.createRepo({ owner: "acme", repo: "r", files: { a: "a" } });
      const anonymous = await fetch(`${guarded.url}/repos/acme/r`);
      assert.equal(anonymous.status, 401);
      assert.equal(((await anonymous.json()) as { message: string }).message, "Requires authentication");
      assert.equal((await statusOf(client(guarded, "wrong").repos.get({ owner: "acme", repo: "r" }))).status, 401);
      const bearer = await fetch(`${guarded.url}/repos/acme/r`, { headers: { authorization: "Bearer ghp_secret_pat" } });
      assert.equal(bearer.status, 200);
      assert.deepEqual(
        guarded.calls().map((c) => [c.operationId, c.status, c.actor]),
        [
          ["repos/get", 401, null],
          ["repos/get", 401, null],
          ["repos/get", 200, "octo-admin"],
        ],
      );
      assert.ok(!JSON.stringify(guarded.calls()).includes("ghp_secret_pat"));
      assert.equal(guarded.calls().at(-1)?.token, tokenFingerprint("ghp_secret_pat"));
      guarded.resetCalls();
      assert.deepEqual(guarded.calls(), []);
    } finally {
      await guarded.stop();
    }
  });

  void it("rejects requests that break the schema with GitHub's 422 Invalid request", async () => {
    const { owner, repo } = await freshRepo(emulator);
    const octokit = client(emulator);
    // Raw routes: typed endpoint methods would refuse these malformed bodies at compile time.
    const send = (route: string, parameters: Record<string, unknown>): Promise<unknown> =>
      octokit.request(route, { owner, repo, ...parameters });
    const badMode = await statusOf(send("POST /repos/{owner}/{repo}/git/trees", { tree: [{ path: "a", mode: "100600", content: "a" }] }));
    assert.equal(badMode.status, 422);
    assert.match(badMode.message, /^Invalid request\.\n\nFor 'properties\/tree\/0\/mode', "100600" is not a member of/);
    const nilBody = await statusOf(send("POST /repos/{owner}/{repo}/pulls", { title: "t", head: "x", base: "main", body: null }));
    assert.match(nilBody.message, /^Invalid request\.\n\nFor 'properties\/body', nil is not a string\./);
    const missing = await statusOf(send("POST /repos/{owner}/{repo}/git/commits", { tree: "0".repeat(40) }));
    assert.match(missing.message, /^Invalid request\.\n\n"message" wasn't supplied\./);
    const badQuery = await statusOf(send("GET /repos/{owner}/{repo}/pulls", { state: "opened" }));
    assert.equal(badQuery.status, 422);
    emulator.assertNoContractViolations();
  });

  void it("reports a response that breaks the contract and fails stop()", async () => {
    const { owner, repo } = await freshRepo(emulator);
    emulator.faults.tamperNextResponse("git/get-ref", (body) => ({ ...(body as object), object: { sha: "short" } }));
    await client(emulator).git.getRef({ owner, repo, ref: "heads/main" });
    const violations = emulator.contractViolations();
    assert.equal(violations.length, 1);
    assert.equal(violations[0]?.operationId, "git/get-ref");
    assert.throws(() => {
      emulator.assertNoContractViolations();
    }, /broke the OpenAPI contract[\s\S]*git\/get-ref/);

    const strict = await start();
    await strict.createRepo({ owner: "acme", repo: "r", files: { a: "a" } });
    strict.faults.tamperNextResponse("repos/get", () => ({ id: "not a number" }));
    await client(strict).repos.get({ owner: "acme", repo: "r" });
    await assert.rejects(strict.stop(), /broke the OpenAPI contract/);
  });
});
