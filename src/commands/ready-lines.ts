// How a command says what the road to Verified found: every problem as file:line:col, then the
// refusal, if any, as the one line that stopped the run.
import { formatProblem } from "../problems.ts";
import type { Ready, Refusal } from "../pipeline/ready-specs.ts";

export function problemLines(ready: Ready<unknown>): string[] {
  return ready.problems.map(formatProblem);
}

/** Why nothing could be written: the spec problems, then the refusal if there was one. */
export function failureLines(ready: Extract<Ready<unknown>, { ok: false }>): string[] {
  return [...problemLines(ready), ...(ready.refusal === undefined ? [] : [refusalLine(ready.refusal)])];
}

export function refusalLine(refusal: Refusal): string {
  return `ingress-gitops: ${refusal.message}`;
}
