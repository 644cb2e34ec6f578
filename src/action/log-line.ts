// A line of the job log that the runner reads as text, never as a workflow command. The runner
// (actions/runner src/Runner.Common/ActionCommand.cs) takes a line as a command when, after
// leading white space, it starts with `::` (TryParseV2), or when it holds `##[` anywhere (the
// legacy TryParse). @actions/core's info() writes its text raw, so every line goes through here.
import { oneLine } from "../one-line.ts";

export function logLine(text: string): string {
  const line = oneLine(text).replaceAll("##[", "##\\[");
  return line.trimStart().startsWith("::") ? `> ${line}` : line;
}
