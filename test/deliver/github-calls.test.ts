// Delivery's cost on GitHub follows the change, not the repository: at most ten API calls per
// run whether 1, 100 or 5,000 files change, and the only base content read is that of the files
// whose render differs (their blob ids are compared first). Counted on the emulator, in process.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { generateSpec } from "../../bench/fleet.ts";
import { renderGenerated } from "../../bench/github.ts";
import { fastImportCommit } from "../../bench/support.ts";
import { blobSha } from "../../src/deliver/git-objects.ts";
import { deliverToGitHub, type PullRequestOptions } from "../../src/deliver/github.ts";
import { githubClient } from "../../src/deliver/octokit.ts";
import { planWrites } from "../../src/plan/write-plan.ts";
import { startGitHubEmulator, type Emulator } from "../support/github-emulator/index.ts";

const OWNER = "acme";
const OPTIONS: PullRequestOptions = {
  title: "Ingress: calls",
  commitMessage: "Ingress: calls",
  labels: [],
  reviewers: [],
  teamReviewers: [],
  draft: false,
  closeWhenEmpty: true,
  dryRun: false,
};

/** Other teams' files beside the render, in the same top-level folder and outside it: never read. */
function others(count: number): Map<string, string> {
  const files = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    files.set(`clusters/team-${i % 7}/app-${i}.yaml`, `kind: ConfigMap\nmetadata: {name: app-${i}}\n`);
    files.set(`apps/team-${i % 7}/app-${i}.yaml`, `kind: ConfigMap\nmetadata: {name: app-${i}}\n`);
  }
  return files;
}

let emulator: Emulator;
before(async () => {
  emulator = await startGitHubEmulator();
});
after(async () => {
  await emulator.stop();
});

describe("calls and reads per run", () => {
  for (const changed of [1, 100, 5000]) {
    test(`${changed} changed file(s): ≤ 10 calls a run; only the differing files' base blobs are read`, async () => {
      const repo = `calls-${changed}`;
      const routes = Math.max(changed, 20);
      // One Ingress file per route: the first `changed` routes' backend port moves each run.
      const version = (port: number) =>
        renderGenerated([generateSpec(0, routes, 7, { gatewayTypes: ["alb"], backendPort: (i) => (i < changed ? port : 8080) })]);
      const filesOf = (specs: ReturnType<typeof version>) => planWrites(specs, new Map()).writes;
      const base = filesOf(version(8080));
      await emulator.createRepo({ owner: OWNER, repo, defaultBranch: "main", files: { "README.md": "# gitops\n" } });
      await fastImportCommit(emulator.bareRepoPath(OWNER, repo), "main", new Map([...others(200), ...base]), { message: "base\n" });
      const octokit = githubClient({
        token: "t",
        baseUrl: emulator.url,
        warn: () => undefined,
        pacing: { secondMs: 0, spaceWrites: false },
      });

      // 5,000 files take the same calls to update as to create, and ten times as long to render twice.
      const runs: [number, "created" | "updated"][] = [
        [9090, "created"],
        ...(changed < 5000 ? [[9443, "updated"] as [number, "updated"]] : []),
      ];
      for (const [port, operation] of runs) {
        const specs = version(port);
        const differing = [...filesOf(specs)].filter(([path, content]) => base.get(path) !== content).map(([path]) => path);
        assert.ok(differing.length >= changed, `${differing.length} files differ`);
        emulator.resetCalls();
        const delivery = await deliverToGitHub({
          octokit,
          target: { owner: OWNER, repo, base: "main", branch: "ingress-gitops/calls" },
          specs,
          pullRequest: OPTIONS,
          renderBody: (report) => `plan ${report.digest}`,
        });
        assert.equal(delivery.operation, operation);
        const calls = emulator.calls().map((c) => c.operationId ?? `${c.method} ${c.path}`);
        assert.ok(calls.length <= 10, `${calls.length} calls: ${calls.join(", ")}`);
        assert.deepEqual(
          emulator.calls({ operationId: "git/get-blob" }).map((c) => c.path),
          [],
        );
        // The PR compares with the base, so the base blobs of the differing files are read, and nothing else.
        const wanted = new Set(differing.filter((p) => base.has(p)).map((p) => blobSha(base.get(p) ?? "")));
        assert.ok(wanted.size > 0);
        if (differing.length <= 2000) {
          assert.deepEqual(emulator.downloads(), [], "no tarball");
          assert.deepEqual(new Set(emulator.blobsRead()), wanted);
        } else {
          // Past 2,000 differing files one tarball is the one read.
          assert.deepEqual(
            emulator.downloads().map((d) => d.status),
            [200],
          );
          assert.deepEqual(emulator.blobsRead(), []);
        }
      }
    });
  }
});
