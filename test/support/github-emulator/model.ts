/**
 * In-memory state of the emulator besides git objects: repositories, pull requests (which
 * share the issue number space, as on GitHub), comments, labels and who may review.
 */
import type { BareRepo } from "./git-store.ts";

export interface Actor {
  login: string;
  id: number;
  type: "Bot" | "User";
  /** Tokens minted by GitHub Actions (GITHUB_TOKEN): their API commits are signed by GitHub. */
  actionsToken: boolean;
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface CommentRecord {
  id: number;
  issueNumber: number;
  body: string;
  user: Actor;
  createdAt: string;
  updatedAt: string;
}

export interface PullRecord {
  id: number;
  number: number;
  state: "open" | "closed";
  title: string;
  body: string | null;
  /** Branch name in this repository (cross-repository PRs are not emulated). */
  head: string;
  base: string;
  /** Last seen head sha, kept so a PR whose branch was deleted still reports one. */
  headSha: string;
  draft: boolean;
  maintainerCanModify: boolean;
  user: Actor;
  labels: string[];
  requestedReviewers: string[];
  requestedTeams: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface Verification {
  verified: boolean;
  reason: string;
  signature: string | null;
  payload: string | null;
  verified_at: string | null;
}

export interface RepoRecord {
  owner: string;
  name: string;
  id: number;
  defaultBranch: string;
  private: boolean;
  git: BareRepo;
  /** Logins allowed as reviewers (the owner is always one). */
  collaborators: Set<string>;
  /** Team slugs allowed as team reviewers. */
  teams: Set<string>;
  nextIssueNumber: number;
  pulls: PullRecord[];
  comments: CommentRecord[];
  labels: Map<string, LabelRecord>;
  /** GitHub keeps signature verification beside the commit; so do we. */
  verifications: Map<string, Verification>;
  createdAt: string;
}

export const GITHUB_ACTIONS_BOT: Actor = { login: "github-actions[bot]", id: 41898282, type: "Bot", actionsToken: true };

/** GitHub's identity for commits it creates and signs on behalf of Actions/App tokens. */
export const WEB_FLOW_COMMITTER = { name: "GitHub", email: "noreply@github.com" } as const;

export function noreplyEmail(actor: Actor): string {
  return `${actor.id}+${actor.login}@users.noreply.github.com`;
}

/** Stable numeric ids: one counter per emulator, so ids never collide across kinds. */
export class IdSequence {
  private next = 1000;
  take(): number {
    this.next += 1;
    return this.next;
  }
}
