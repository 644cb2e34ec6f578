// How a commit on the PR branch is made, the same for the GitHub and the local backend: its
// message records the base commit it was built on, and its parents keep the branch's history.

/** Says which base commit a branch commit was built on, so the next run need not look further. */
const BASE_TRAILER = "Ingress-GitOps-Base:";

export function branchCommitMessage(message: string, baseHead: string): string {
  return `${message}\n\n${BASE_TRAILER} ${baseHead}\n`;
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
