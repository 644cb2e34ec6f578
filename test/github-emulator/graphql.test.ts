// The emulator's GraphQL endpoint: queries GitHub's schema rejects get GitHub's error shape,
// blobs come back by oid with their text, and a field the emulator cannot answer fails the test.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { client, OWNER, sharedEmulator, start } from "./helpers.ts";

describe("POST /graphql", () => {
  const emulator = sharedEmulator();

  it("answers blobs by oid, null for an unknown one, and is logged as a call", async () => {
    await emulator().createRepo({ owner: OWNER, repo: "gq", files: { "a.txt": "alpha\n", "b.bin": "x\0y" } });
    const octokit = client(emulator());
    const tree = (await octokit.rest.git.getTree({ owner: OWNER, repo: "gq", tree_sha: "main" })).data.tree;
    const sha = (path: string) => tree.find((e) => e.path === path)?.sha ?? "";
    emulator().resetCalls();
    const data = await octokit.graphql<{ repository: Record<string, unknown> }>(
      `query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) {
        a: object(oid: "${sha("a.txt")}") { ... on Blob { text isTruncated isBinary byteSize } }
        b: object(oid: "${sha("b.bin")}") { ... on Blob { text isBinary } }
        c: object(oid: "${"0".repeat(40)}") { ... on Blob { text } } } }`,
      { owner: OWNER, name: "gq" },
    );
    assert.deepEqual(data.repository, {
      a: { text: "alpha\n", isTruncated: false, isBinary: false, byteSize: 6 },
      b: { text: null, isBinary: true },
      c: null,
    });
    assert.deepEqual(
      emulator()
        .calls()
        .map((c) => `${c.method} ${c.path} ${c.status}`),
      ["POST /graphql 200"],
    );
  });

  it("rejects what GitHub's schema rejects, with GraphQL's errors", async () => {
    await assert.rejects(
      client(emulator()).graphql(`{ repository(owner: "${OWNER}", name: "gq") { object(oid: "x") { ... on Blob { txt } } } }`),
      (error: Error) => /Cannot query field "txt" on type "Blob"/.test(error.message),
    );
  });

  it("records a field it does not emulate as a contract violation, never a silent null", async () => {
    const own = await start();
    await own.createRepo({ owner: OWNER, repo: "gq", files: { "a.txt": "alpha\n" } });
    await assert.rejects(client(own).graphql(`{ repository(owner: "${OWNER}", name: "gq") { description } }`));
    assert.match(JSON.stringify(own.contractViolations()), /does not answer Repository\.description/);
    await own.stop({ ignoreContractViolations: true });
  });
});
