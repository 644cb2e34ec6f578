// The action as the runner starts it, on specs: problems become annotations and nothing is sent.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { startGitHubEmulator, type Emulator } from "../support/github-emulator/index.ts";
import { assertRestartedOnce, pastRestartThreshold, StartLog } from "../support/start-log.ts";
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
  const log = new StartLog();
  const bad = readFileSync("test/fixtures/invalid/unknown-references.yaml", "utf8");
  workspace.write("small.yaml", bad);
  workspace.write("large.yaml", pastRestartThreshold(bad));
  const starts = async (spec: string) => {
    const run = await workspace.run(emulator.url, { spec }, REPO, { NODE_OPTIONS: `--require ${log.preload}` });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^::error::3 problem\(s\) in the specs; nothing was written$/m);
    assert.match(run.stdout, new RegExp(`^::error title=ingress-gitops,file=${spec.replace(".", "\\.")},line=12,col=38::`, "m"));
    return log.take();
  };
  assertRestartedOnce(await starts("large.yaml"));
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
