// The text of the plan JSON (`plan --json`, the action's plan file), written piece by piece: the
// diffs of a fleet are the size of its files, so each is made, written and dropped in turn rather
// than held in one object and one string. The text is exactly `JSON.stringify(contractPlan(report),
// null, 2)` and a newline (held to it by a test): JSON strings escape every line break, so a value
// nested at some depth is its own two-space text with each line indented by that depth.
import { contractDiffs, contractSummary, type PlanReport } from "./plan.ts";

const nested = (value: unknown, depth: number) => JSON.stringify(value, null, 2).replaceAll("\n", `\n${" ".repeat(depth)}`);

export function* planJson(report: PlanReport): Generator<string> {
  const { files, topology, findings } = contractSummary(report);
  yield `{\n  "files": ${nested(files, 2)},\n  "topology": ${nested(topology, 2)},\n  "findings": ${nested(findings, 2)},\n  "diffs": `;
  let first = true;
  for (const { path, status, patch } of contractDiffs(report)) {
    // The entry as `nested` writes it, without scanning a patch for line breaks it cannot hold.
    yield `${first ? "[" : ","}\n    {\n      "path": ${JSON.stringify(path)},\n      "status": ${JSON.stringify(status)},\n      "patch": ${JSON.stringify(patch)}\n    }`;
    first = false;
  }
  yield first ? "[]\n}\n" : "\n  ]\n}\n";
}
