// Whatever a message holds, the CLI prints one `file:line:col: message` line per problem, and the
// action's log lines are never workflow commands to the runner.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { logLine } from "../../src/action/log-line.ts";
import { formatProblem, problem } from "../../src/problems.ts";

// Every line break of .NET's and of YAML 1.1's readers.
const BREAK = /[\n\r\u0085\u2028\u2029]/;

const hostile = fc.oneof(
  fc.string({ unit: "binary" }),
  fc
    .array(fc.constantFrom("::", "##[", "\n", "\r", "\u0085", "\u2028", " ", "\t", "error", "stop-commands", "x"), { maxLength: 8 })
    .map((p) => p.join("")),
);

void describe("one line per message", () => {
  void it("formatProblem keeps file:line:col and one line, whatever the file name or message", () => {
    fc.assert(
      fc.property(hostile, hostile, fc.nat(), fc.nat(), (file, message, line, col) => {
        const text = formatProblem(problem(file, { line, col }, message));
        assert.doesNotMatch(text, BREAK);
        assert.ok(text.includes(`:${line}:${col}: `));
      }),
    );
    assert.equal(formatProblem(problem("a\nb.yaml", { line: 1, col: 2 }, "'x\r\n::error::y'")), "a\\nb.yaml:1:2: 'x\\r\\n::error::y'");
  });

  void it("logLine is never a command to the runner (actions/runner ActionCommand.cs: TrimStart + '::', or '##[' anywhere)", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const line = logLine(text);
        assert.doesNotMatch(line, BREAK);
        assert.equal(line.trimStart().startsWith("::"), false, line);
        assert.equal(line.includes("##["), false, line);
      }),
    );
    assert.equal(logLine(" ::stop-commands::t"), ">  ::stop-commands::t");
    assert.equal(logLine("a ##[error]b"), "a ##\\[error]b");
  });
});
