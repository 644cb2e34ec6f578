import assert from "node:assert/strict";
import { test } from "node:test";
import { GITHUB_PACING, pacingFor, UNPACED_ENV } from "../../src/deliver/octokit.ts";

test("GitHub's pacing is turned off only when asked for and only for an API on loopback", () => {
  const unpaced = { secondMs: 0, spaceWrites: false };
  assert.deepEqual(pacingFor("http://127.0.0.1:8123", { [UNPACED_ENV]: "1" }), unpaced);
  assert.deepEqual(pacingFor("http://[::1]:8123/api/v3", { [UNPACED_ENV]: "1" }), unpaced);
  assert.deepEqual(pacingFor("http://127.0.0.1:8123", {}), GITHUB_PACING);
  // A workflow that sets the variable by accident still talks to GitHub with GitHub's etiquette.
  assert.deepEqual(pacingFor("https://api.github.com", { [UNPACED_ENV]: "1" }), GITHUB_PACING);
  assert.deepEqual(pacingFor("https://ghes.example.com/api/v3", { [UNPACED_ENV]: "1" }), GITHUB_PACING);
  assert.deepEqual(GITHUB_PACING, { secondMs: 1000, spaceWrites: true });
});
