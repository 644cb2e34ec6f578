import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gunzipSync } from "node:zlib";
import { client, freshRepo, git, sharedEmulator, statusOf } from "./helpers.ts";

interface TarEntry {
  /** ustar type flag: "0" file, "5" directory, "g" pax global header, "x" pax extended header. */
  type: string;
  name: string;
  content: Buffer;
}

/** Minimal ustar reader (what `git archive --format=tar` writes): enough to list and read entries. */
function readTar(tar: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  const field = (header: Buffer, start: number, length: number): string =>
    header
      .subarray(start, start + length)
      .toString("utf8")
      .replace(/\0.*$/s, "");
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const size = Number.parseInt(field(header, 124, 12).trim() || "0", 8);
    const prefix = field(header, 345, 155);
    const base = field(header, 0, 100);
    entries.push({
      type: field(header, 156, 1) || "0",
      name: prefix === "" ? base : `${prefix}/${base}`,
      content: tar.subarray(offset + 512, offset + 512 + size),
    });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

/** The pax records of a header entry, e.g. `{ comment: <commit sha> }` for git's global header. */
function paxRecords(entry: TarEntry | undefined): Record<string, string> {
  const records: Record<string, string> = {};
  for (const line of (entry?.content ?? Buffer.alloc(0)).toString("utf8").split("\n")) {
    const match = /^\d+ ([^=]+)=(.*)$/.exec(line);
    if (match) records[match[1] ?? ""] = match[2] ?? "";
  }
  return records;
}

void describe("GitHub emulator: repository tarballs (302 to codeload)", () => {
  const emulator = sharedEmulator();

  const FILES = { "README.md": "# gitops\n", "apps/web/ingress.yaml": "kind: Ingress\n", "apps/web/values.yaml": "replicas: 2\n" };

  void it("downloads a branch tarball through plain Octokit: gzip bytes, GitHub's folder name, bare-repo contents", async () => {
    const { owner, repo } = await freshRepo(emulator(), FILES);
    const head = (await git(emulator(), repo, "rev-parse", "refs/heads/main")).trim();
    emulator().resetCalls();

    const response = await client(emulator()).rest.repos.downloadTarballArchive({ owner, repo, ref: "main" });
    assert.equal(response.status, 200);
    assert.ok(response.data instanceof ArrayBuffer, "Octokit hands back the body as an ArrayBuffer");
    assert.equal(response.headers["content-type"], "application/x-gzip");
    assert.equal(response.url, `${emulator().url}/_codeload/${owner}/${repo}/legacy.tar.gz/main`);

    const entries = readTar(gunzipSync(Buffer.from(response.data)));
    const folder = `${owner}-${repo}-${head.slice(0, 7)}/`;
    const [global, ...rest] = entries;
    assert.equal(global?.type, "g", "git archive of a commit starts with a pax global header");
    assert.equal(paxRecords(global)["comment"], head, "…carrying the commit id");
    assert.deepEqual(
      rest.map((e) => `${e.type}:${e.name}`),
      [
        `5:${folder}`,
        `0:${folder}README.md`,
        `5:${folder}apps/`,
        `5:${folder}apps/web/`,
        `0:${folder}apps/web/ingress.yaml`,
        `0:${folder}apps/web/values.yaml`,
      ],
    );
    for (const entry of rest.filter((e) => e.type === "0")) {
      const path = entry.name.slice(folder.length);
      assert.equal(entry.content.toString("utf8"), await git(emulator(), repo, "show", `${head}:${path}`), path);
    }

    // One REST API call (the 302); the codeload fetch is logged separately, as on GitHub.
    assert.deepEqual(
      emulator()
        .calls()
        .map((c) => [c.operationId, c.status]),
      [["repos/download-tarball-archive", 302]],
    );
    assert.deepEqual(
      emulator()
        .downloads()
        .map((d) => [d.path, d.ref, d.sha, d.status, d.bytes > 0]),
      [[`/_codeload/${owner}/${repo}/legacy.tar.gz/main`, "main", head, 200, true]],
    );
  });

  void it("answers 302 with Location on the emulator's codeload, for a SHA and for a branch with slashes", async () => {
    const { owner, repo } = await freshRepo(emulator(), FILES);
    const first = (await git(emulator(), repo, "rev-parse", "refs/heads/main")).trim();
    await git(emulator(), repo, "update-ref", "refs/heads/feature/ingress", first);
    const second = await emulator().pushCommit({
      owner,
      repo,
      branch: "feature/ingress",
      files: { "apps/web/ingress.yaml": "kind: Ingress # v2\n" },
    });
    const headers = { authorization: "token t" };

    const raw = await fetch(`${emulator().url}/repos/${owner}/${repo}/tarball/feature/ingress`, { headers, redirect: "manual" });
    assert.equal(raw.status, 302);
    assert.equal(raw.headers.get("location"), `${emulator().url}/_codeload/${owner}/${repo}/legacy.tar.gz/feature/ingress`);
    const encoded = await fetch(`${emulator().url}/repos/${owner}/${repo}/tarball/feature%2Fingress`, { headers, redirect: "manual" });
    assert.equal(encoded.headers.get("location"), `${emulator().url}/_codeload/${owner}/${repo}/legacy.tar.gz/feature/ingress`);

    const octokit = client(emulator());
    const byBranch = await octokit.rest.repos.downloadTarballArchive({ owner, repo, ref: "feature/ingress" });
    const branchEntries = readTar(gunzipSync(Buffer.from(byBranch.data as ArrayBuffer)));
    assert.equal(branchEntries[1]?.name, `${owner}-${repo}-${second.slice(0, 7)}/`);
    assert.equal(branchEntries.find((e) => e.name.endsWith("/apps/web/ingress.yaml"))?.content.toString("utf8"), "kind: Ingress # v2\n");

    // The first commit by SHA: its own folder name and its own content.
    const bySha = await octokit.rest.repos.downloadTarballArchive({ owner, repo, ref: first });
    assert.equal(bySha.url, `${emulator().url}/_codeload/${owner}/${repo}/legacy.tar.gz/${first}`);
    assert.equal(bySha.headers["content-disposition"], `attachment; filename=${owner}-${repo}-${first.slice(0, 7)}.tar.gz`);
    const shaEntries = readTar(gunzipSync(Buffer.from(bySha.data as ArrayBuffer)));
    assert.equal(paxRecords(shaEntries[0])["comment"], first);
    assert.equal(shaEntries[1]?.name, `${owner}-${repo}-${first.slice(0, 7)}/`);
    assert.equal(shaEntries.find((e) => e.name.endsWith("/apps/web/ingress.yaml"))?.content.toString("utf8"), "kind: Ingress\n");
    assert.ok(
      shaEntries.every((e) => e.type === "g" || e.name.startsWith(`${owner}-${repo}-${first.slice(0, 7)}/`)),
      "exactly one top-level folder",
    );
  });

  void it("answers 404 with GitHub's error body for an unknown ref, an empty or an unknown repository", async () => {
    const { owner, repo } = await freshRepo(emulator(), FILES);
    const octokit = client(emulator());
    emulator().resetCalls();
    const unknown = await statusOf(octokit.rest.repos.downloadTarballArchive({ owner, repo, ref: "no-such-branch" }));
    assert.deepEqual([unknown.status, unknown.message.split(" - ")[0]], [404, "Not Found"]);
    const raw = await fetch(`${emulator().url}/repos/${owner}/${repo}/tarball/${"0".repeat(40)}`, {
      headers: { authorization: "token t" },
      redirect: "manual",
    });
    assert.equal(raw.status, 404);
    assert.deepEqual(await raw.json(), {
      message: "Not Found",
      documentation_url: "https://docs.github.com/rest/repos/contents#download-a-repository-archive-tar",
      status: "404",
    });

    const empty = await freshRepo(emulator(), null);
    assert.equal((await statusOf(octokit.rest.repos.downloadTarballArchive({ ...empty, ref: "main" }))).status, 404);
    assert.equal((await statusOf(octokit.rest.repos.downloadTarballArchive({ owner, repo: "absent", ref: "main" }))).status, 404);
    assert.deepEqual(
      emulator()
        .calls()
        .map((c) => c.status),
      [404, 404, 404, 404],
    );
    assert.deepEqual(emulator().downloads(), [], "nothing reached codeload");

    // Codeload itself answers a plain-text 404 for what it cannot serve.
    const codeload = await fetch(`${emulator().url}/_codeload/${owner}/${repo}/legacy.tar.gz/nope`);
    assert.deepEqual([codeload.status, await codeload.text()], [404, "404: Not Found"]);
    assert.deepEqual(
      emulator()
        .downloads()
        .map((d) => [d.ref, d.status, d.sha]),
      [["nope", 404, null]],
    );
    assert.deepEqual(emulator().calls().length, 4, "codeload requests are not API calls");
  });

  void it("applies fault switches to the API request only", async () => {
    const { owner, repo } = await freshRepo(emulator(), FILES);
    const octokit = client(emulator());
    emulator().resetCalls();
    emulator().faults.failNext({ operationId: "repos/download-tarball-archive", status: 502 });
    assert.equal((await statusOf(octokit.rest.repos.downloadTarballArchive({ owner, repo, ref: "main" }))).status, 502);
    const { status } = await octokit.rest.repos.downloadTarballArchive({ owner, repo, ref: "main" });
    assert.equal(status, 200);
    assert.deepEqual(
      emulator()
        .calls()
        .map((c) => [c.status, c.injected]),
      [
        [502, true],
        [302, false],
      ],
    );
    assert.equal(emulator().downloads().length, 1);
  });

  void it("hands out a tokenized link for a private repository and codeload ignores the API token", async () => {
    await emulator().createRepo({ owner: "acme", repo: "secret", private: true, files: FILES });
    const response = await client(emulator()).rest.repos.downloadTarballArchive({ owner: "acme", repo: "secret", ref: "main" });
    assert.equal(response.status, 200);
    assert.match(response.url, /\/_codeload\/acme\/secret\/legacy\.tar\.gz\/main\?token=[0-9a-f]{32}$/);
    const withoutToken = await fetch(`${emulator().url}/_codeload/acme/secret/legacy.tar.gz/main`, {
      headers: { authorization: "token t" },
    });
    assert.equal(withoutToken.status, 404);
    assert.deepEqual(
      emulator()
        .downloads()
        .slice(-2)
        .map((d) => [d.status, d.authorization]),
      [
        [200, true],
        [404, true],
      ],
    );
  });
});
