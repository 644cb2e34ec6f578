// "Did you mean" hints for misspelt field names and references, in the spec messages' quoting.
import { closestName } from "../closest-name.ts";

export function didYouMean(word: string, candidates: Iterable<string>): string {
  const hint = closestName(word, candidates);
  return hint === undefined ? "" : ` (did you mean '${hint}'?)`;
}
