import assert from "node:assert/strict";
import { test } from "node:test";
import { runUrl } from "../../src/action/run-url.ts";
import { envValue } from "../../src/action/runner-env.ts";

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

test("a runner variable set to nothing counts as unset, for the run's page as for the action's inputs", () => {
  assert.equal(envValue({ GITHUB_JOB: "" }, "GITHUB_JOB"), undefined);
  assert.equal(envValue({}, "GITHUB_JOB"), undefined);
  assert.equal(envValue({ GITHUB_JOB: "plan" }, "GITHUB_JOB"), "plan");
  assert.equal(runUrl({ GITHUB_SERVER_URL: "", GITHUB_REPOSITORY: "acme/gitops", GITHUB_RUN_ID: "7" }), undefined);
});
