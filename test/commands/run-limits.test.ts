// The run's route limit as a user meets it: refused with a position, exit 1, nothing written.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { generateFleet } from "../../bench/fleet.ts";
import { MAX_ROUTES_PER_RUN } from "../../src/validate/run-limits.ts";
import { cliIn } from "../support/dist.ts";

const dir = mkdtempSync(join(tmpdir(), "ingress-gitops-limits-"));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

test(`refuses a run of more than ${MAX_ROUTES_PER_RUN} routes with file:line:col, exit 1, nothing written`, () => {
  const per = MAX_ROUTES_PER_RUN / 2;
  const fleet = generateFleet({ specs: 2, routesPerSpec: per + 1, seed: 7 });
  for (const spec of fleet) {
    mkdirSync(join(dir, spec.file, ".."), { recursive: true });
    writeFileSync(join(dir, spec.file), spec.text);
  }
  const out = join(dir, "out");
  const run = cliIn({ cwd: dir }, "render", ...fleet.map((s) => s.file), "--out", out);
  assert.equal(run.code, 1, run.stderr);
  const [second] = [...fleet].sort((a, b) => (a.file < b.file ? -1 : 1)).slice(1);
  assert.match(
    `${run.stdout}${run.stderr}`,
    new RegExp(
      `^${second?.file ?? "?"}:\\d+:\\d+: routes: the run has ${2 * (per + 1)} routes across 2 spec\\(s\\), more than the ${MAX_ROUTES_PER_RUN}`,
      "m",
    ),
  );
  assert.equal(existsSync(out), false, "nothing is written");
});
