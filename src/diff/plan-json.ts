// The text of the plan JSON (`plan --json`, the action's plan file), written piece by piece: the
// diffs of a fleet are the size of its files, and its paths and findings tens of megabytes of
// text, so each entry is made, written and dropped in turn rather than held in one object and
// one string (50,000 routes: the 67 MB before the diffs, made whole, took 240 MB more at the end
// of the run). The text is exactly `JSON.stringify(contractPlan(report), null, 2)` and a newline
// (held to it by a test): JSON strings escape every line break, so a value nested at some depth
// is its own two-space text with each line indented by that depth.
import { contractDiffs, contractLists, type ContractList, type PlanReport } from "./plan.ts";

const nested = (value: unknown, depth: number) => JSON.stringify(value, null, 2).replaceAll("\n", `\n${" ".repeat(depth)}`);

export function* planJson(report: PlanReport): Generator<string> {
  const { files, topology, findings } = contractLists(report);
  yield `{\n  "files": `;
  yield* members(files, 2);
  yield `,\n  "topology": `;
  yield* members(topology, 2);
  yield `,\n  "findings": `;
  yield* entries(findings, 2);
  yield `,\n  "diffs": `;
  let first = true;
  for (const { path, status, patch } of contractDiffs(report)) {
    // The entry as `nested` writes it, without scanning a patch for line breaks it cannot hold.
    yield `${first ? "[" : ","}\n    {\n      "path": ${JSON.stringify(path)},\n      "status": ${JSON.stringify(status)},\n      "patch": ${JSON.stringify(patch)}\n    }`;
    first = false;
  }
  yield first ? "[]\n}\n" : "\n  ]\n}\n";
}

/** An object of lists at `depth` spaces, as `nested` writes it, one entry of a list at a time. */
function* members(lists: Readonly<Record<string, ContractList<unknown>>>, depth: number): Generator<string> {
  const pad = " ".repeat(depth);
  let first = true;
  for (const [key, list] of Object.entries(lists)) {
    yield `${first ? "{" : ","}\n${pad}  ${JSON.stringify(key)}: `;
    yield* entries(list, depth + 2);
    first = false;
  }
  yield first ? "{}" : `\n${pad}}`;
}

/** A list at `depth` spaces, as `nested` writes it, one entry at a time. */
function* entries(list: ContractList<unknown>, depth: number): Generator<string> {
  const pad = " ".repeat(depth);
  let first = true;
  for (const entry of list()) {
    yield `${first ? "[" : ","}\n${pad}  ${nested(entry, depth + 2)}`;
    first = false;
  }
  yield first ? "[]" : `\n${pad}]`;
}
