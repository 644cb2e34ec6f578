// How a commit on the PR branch is made, the same for the GitHub and the local backend: its
// message records the base commit it was built on, and its parents keep the branch's history.

/** Says which base commit a branch commit was built on, so the next run need not look further. */
const BASE_TRAILER = "Ingress-GitOps-Base:";

/** Says that a branch commit carries changes ingress-gitops did not make, so the next run keeps them too. */
const KEPT_TRAILER = "Ingress-GitOps-Kept:";

/** `kept`: how many paths of others' changes the commit carries. */
export function branchCommitMessage(message: string, baseHead: string, kept = 0): string {
  return `${message}\n\n${BASE_TRAILER} ${baseHead}\n${kept > 0 ? `${KEPT_TRAILER} ${kept} path(s) changed by others\n` : ""}`;
}

export function keptChanges(message: string): boolean {
  return message.split("\n").some((line) => line.startsWith(KEPT_TRAILER));
}

/** The base commit a branch commit's message says it was built on. */
export function builtOnBase(message: string): string | undefined {
  return message
    .split("\n")
    .find((line) => line.startsWith(BASE_TRAILER))
    ?.slice(BASE_TRAILER.length)
    .trim();
}

/**
 * The branch follows its own history (so a concurrent push fails the fast-forward instead of
 * being overwritten) and takes the base as a parent when it moved, so the PR shows only this change.
 */
export function branchParents(head: { readonly sha: string; readonly base: string | undefined } | undefined, baseHead: string): string[] {
  if (head === undefined) return [baseHead];
  return head.base === baseHead || head.sha === baseHead ? [head.sha] : [head.sha, baseHead];
}
