// The action as the runner starts it, on specs: problems become annotations and nothing is sent.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { startGitHubEmulator, type Emulator } from "../support/github-emulator/index.ts";
import { RESTART_FROM_BYTES, YOUNG_GENERATION_FLAG } from "../../src/young-generation.ts";
import { E2E_NODE } from "../support/e2e-node.ts";
import { OWNER, REPO, TOKEN, Workspace } from "./support.ts";

let emulator: Emulator;
const workspace = new Workspace();
before(async () => {
  emulator = await startGitHubEmulator();
  await emulator.createRepo({ owner: OWNER, repo: REPO, files: { "README.md": "# gitops\n" } });
});
after(async () => {
  await emulator.stop();
});

test("every problem becomes an annotation on its file and line, the step fails, and GitHub is not called", async () => {
  workspace.write("bad.yaml", readFileSync("test/fixtures/invalid/unknown-references.yaml", "utf8"));
  emulator.resetCalls();
  const { code, stdout, summary, outputs } = await workspace.run(emulator.url, { spec: "bad.yaml" });
  assert.equal(code, 1);
  // The summary and outputs are there on this path too: the problems, positioned, and "nothing happened".
  assert.ok(summary.startsWith("## ingress-gitops: 3 problem(s) in the specs; nothing was written\n\n<pre>\n"), summary);
  assert.match(
    summary,
    /^bad\.yaml:12:38: routes\[0\]\.gateway: unknown gateway 'webb' \(did you mean 'web'\?\) \(known: web, internal\)$/m,
  );
  assert.deepEqual(
    [outputs["spec-errors"], outputs["specs"], outputs["operation"], outputs["pr-number"], outputs["plan"], outputs["risk"]],
    ["3", "", "none", "", "", ""],
  );
  const annotations = stdout.split("\n").filter((line) => line.startsWith("::error") || line.startsWith("::warning"));
  assert.ok(
    annotations.includes(
      "::error title=ingress-gitops,file=bad.yaml,line=12,col=38::routes[0].gateway: unknown gateway 'webb' (did you mean 'web'?) (known: web, internal)",
    ),
    annotations.join("\n"),
  );
  assert.ok(annotations.some((a) => a.startsWith("::warning title=ingress-gitops,file=bad.yaml,line=7,col=12::")));
  assert.match(stdout, /^::error::3 problem\(s\) in the specs; nothing was written$/m);
  assert.deepEqual(emulator.calls(), []);
});

// src/index.ts: a fleet of over a mebibyte of spec restarts node, in the same process, with Node
// 20's young generation where node has process.execve (the runner's Node 24), as the CLI does
// (test/runtime.test.ts); the run is the same. A preload that logs each start shows it.
test("a large fleet restarts in the same process with Node 20's young generation, and is reported the same", async () => {
  const dir = mkdtempSync(join(tmpdir(), "young-action-"));
  const probe = join(dir, "probe.cjs");
  const log = join(dir, "starts.log");
  writeFileSync(
    probe,
    `require("node:fs").appendFileSync(${JSON.stringify(log)}, process.pid + " " + process.execArgv.filter((a) => a.startsWith("--max")).join(" ") + "\\n");\n`,
  );
  const bad = readFileSync("test/fixtures/invalid/unknown-references.yaml", "utf8");
  workspace.write("small.yaml", bad);
  workspace.write("large.yaml", `${bad}\n${"# padding\n".repeat(Math.ceil(RESTART_FROM_BYTES / 10))}`);
  const starts = async (spec: string) => {
    rmSync(log, { force: true });
    const run = await workspace.run(emulator.url, { spec }, REPO, { NODE_OPTIONS: `--require ${probe}` });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^::error::3 problem\(s\) in the specs; nothing was written$/m);
    assert.match(run.stdout, new RegExp(`^::error title=ingress-gitops,file=${spec.replace(".", "\\.")},line=12,col=38::`, "m"));
    return readFileSync(log, "utf8")
      .trim()
      .split("\n")
      .map((line) => line.trim().split(" "));
  };
  const canExec = spawnSync(E2E_NODE, ["-p", "typeof process.execve"], { encoding: "utf8" }).stdout.trim() === "function";
  const large = await starts("large.yaml");
  if (canExec) {
    assert.equal(large.length, 2, "the entry, then the restarted action");
    assert.equal(large[1]?.[0], large[0]?.[0], "the same process, as the runner started it");
    assert.deepEqual([large[0]?.slice(1), large[1]?.slice(1)], [[], [YOUNG_GENERATION_FLAG]], "the flag on the restart only");
  } else assert.equal(large.length, 1, "no execve: one start");
  assert.equal((await starts("small.yaml")).length, 1);
});

test("bad inputs fail with a message naming the input", async () => {
  workspace.write("ok.yaml", readFileSync("examples/alb-kong.yaml", "utf8"));
  const failOn = await workspace.run(emulator.url, { spec: "ok.yaml", "fail-on": "sometimes" });
  assert.equal(failOn.code, 1);
  assert.match(failOn.stdout, /::error::input 'fail-on' must be error, warning or never, not 'sometimes'/);
  const repository = await workspace.run(emulator.url, { spec: "ok.yaml", "gitops-repository": "not-a-repo" });
  assert.match(repository.stdout, /::error::input 'gitops-repository' must be owner\/name, not 'not-a-repo'/);
  assert.match(
    repository.summary,
    /^## ingress-gitops failed\n\n<pre>\ninput 'gitops-repository' must be owner\/name, not 'not-a-repo'\n<\/pre>/,
  );
  assert.equal(repository.outputs["operation"], "none");
});

// The runner takes a log line as a command when it starts with `::` after white space, or holds
// `##[` (actions/runner src/Runner.Common/ActionCommand.cs, TryParseV2 and TryParse).
function runnerCommands(stdout: string): string[] {
  return stdout.split(/\r\n|[\r\n]/).filter((line) => line.trimStart().startsWith("::") || line.includes("##["));
}

test("a spec value or file name cannot emit a workflow command: newlines and :: reach the log escaped", async () => {
  const spec = readFileSync("examples/alb-kong.yaml", "utf8").replace(
    "inboundCidrs: [0.0.0.0/0]",
    'inboundCidrs: ["10.0.0.0/8\\n::error file=x.yaml::pwned\\r::stop-commands::tok\\n##[error]legacy"]',
  );
  assert.notEqual(spec, readFileSync("examples/alb-kong.yaml", "utf8"), "the attack is in the spec");
  const name = "::error::named.yaml";
  workspace.write(name, spec);
  const { code, stdout } = await workspace.run(emulator.url, { spec: name });
  assert.equal(code, 1);
  const commands = runnerCommands(stdout).filter((line) => line !== `::add-mask::${TOKEN}`);
  assert.ok(commands.length >= 2, stdout);
  for (const command of commands)
    assert.match(
      command,
      /^::(error|warning) title=ingress-gitops,file=%3A%3Aerror%3A%3Anamed.yaml,line=\d+,col=\d+::|^::error::\d+ problem/,
      command,
    );
  assert.match(
    stdout,
    /^> ::error::named\.yaml:\d+:\d+: .*'10\.0\.0\.0\/8\\n::error file=x\.yaml::pwned\\r::stop-commands::tok\\n##\\\[error\]legacy'/m,
  );
});
