import assert from "node:assert/strict";
import { test } from "node:test";
import { runUrl } from "../../src/action/run-url.ts";

// GitHub docs, "Variables reference" → default environment variables: GITHUB_SERVER_URL
// ("https://github.com"), GITHUB_REPOSITORY ("octocat/Hello-World"), GITHUB_RUN_ID; a run's page,
// where its job summaries are shown, is <server>/<owner>/<repo>/actions/runs/<run id>.
test("the run's page is built from the runner's variables, on github.com or a GHES host", () => {
  assert.equal(
    runUrl({ GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "acme/gitops", GITHUB_RUN_ID: "1658821493" }),
    "https://github.com/acme/gitops/actions/runs/1658821493",
  );
  assert.equal(
    runUrl({ GITHUB_SERVER_URL: "https://ghe.example.com/", GITHUB_REPOSITORY: "acme/gitops", GITHUB_RUN_ID: "7" }),
    "https://ghe.example.com/acme/gitops/actions/runs/7",
  );
});

test("outside a runner there is no page to link to", () => {
  assert.equal(runUrl({}), undefined);
  assert.equal(runUrl({ GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "acme/gitops", GITHUB_RUN_ID: "" }), undefined);
});
