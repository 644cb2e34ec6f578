// Whether a spawned run restarted itself (src/young-generation.ts): a preload that logs each start
// of the process, its pid and the --max… options node was given, and what a test asserts of it.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RESTART_FROM_BYTES, YOUNG_GENERATION_FLAG } from "../../src/young-generation.ts";
import { E2E_NODE } from "./e2e-node.ts";

export class StartLog {
  private readonly dir = mkdtempSync(join(tmpdir(), "start-log-"));
  private readonly log = join(this.dir, "starts.log");
  /** For `node -r` or `NODE_OPTIONS=--require`: a restart keeps it, so every start is logged. */
  readonly preload = join(this.dir, "probe.cjs");

  constructor() {
    writeFileSync(
      this.preload,
      `require("node:fs").appendFileSync(${JSON.stringify(this.log)}, process.pid + " " + process.execArgv.filter((a) => a.startsWith("--max")).join(" ") + "\\n");\n`,
    );
  }

  /** The starts logged since the last call, each as its pid and then its --max… options. */
  take(): string[][] {
    const starts = readFileSync(this.log, "utf8")
      .trim()
      .split("\n")
      .map((line) => line.trim().split(" "));
    rmSync(this.log);
    return starts;
  }
}

/** `text` padded past the restart threshold with a comment: what is measured is bytes. */
export const pastRestartThreshold = (text: string): string => `${text}\n${"# padding\n".repeat(Math.ceil(RESTART_FROM_BYTES / 10))}`;

/** A large run's starts: where the e2e node has process.execve, two in one process, the flag on the second only; else one. */
export function assertRestartedOnce(starts: readonly (readonly string[])[]): void {
  const canExec = spawnSync(E2E_NODE, ["-p", "typeof process.execve"], { encoding: "utf8" }).stdout.trim() === "function";
  if (!canExec) {
    assert.equal(starts.length, 1, "no execve: one start");
    return;
  }
  assert.equal(starts.length, 2, "the entry, then the restarted run");
  assert.equal(starts[1]?.[0], starts[0]?.[0], "the same process, as its caller started it");
  assert.deepEqual([starts[0]?.slice(1), starts[1]?.slice(1)], [[], [YOUNG_GENERATION_FLAG]], "the flag on the restart only");
}
