/**
 * Fault switches. Each one reproduces a failure real GitHub produces and the action must
 * survive or report: server errors, secondary rate limits, a concurrent push between read and
 * ref update, a pull request another run opens between lookup and create, and the repository
 * setting that forbids Actions from opening pull requests.
 */
import type { Json } from "./contract.ts";
import type { Identity } from "./git-store.ts";
import type { RepoRecord } from "./model.ts";
import type { OperationId } from "./operations.ts";

export interface InjectedResponse {
  status: number;
  body: Json;
  headers: Record<string, string>;
}

interface QueuedFailure {
  remaining: number;
  operationId: OperationId | undefined;
  respond: () => InjectedResponse;
}

interface PendingPush {
  owner: string;
  repo: string;
  branch: string | undefined;
  files: Record<string, string | null> | undefined;
}

interface Tamper {
  operationId: OperationId;
  mutate: (body: Json | undefined) => Json | undefined;
}

const SECONDARY_RATE_LIMIT_MESSAGE =
  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.";

const CONCURRENT_PUSHER: Omit<Identity, "date"> = { name: "Concurrent Pusher", email: "pusher@example.com" };

export class Faults {
  private failures: QueuedFailure[] = [];
  private pushes: PendingPush[] = [];
  private tampers: Tamper[] = [];
  private pullRequestRaces: { owner: string; repo: string }[] = [];
  private pushCounter = 0;
  /** Repository setting "Allow GitHub Actions to create and approve pull requests" turned off. */
  pullRequestCreationForbidden = false;

  /** The next `count` requests (to `operationId` if given) answer `status` (default 500). */
  failNext(options: { count?: number; status?: number; operationId?: OperationId; message?: string } = {}): void {
    const status = options.status ?? 500;
    const message = options.message ?? (status >= 500 ? "Server Error" : "Injected failure");
    this.enqueue(options.count, options.operationId, () => ({
      status,
      body: { message, documentation_url: "https://docs.github.com/rest", status: String(status) },
      headers: {},
    }));
  }

  /** Secondary rate limit: 403 (or 429) with `retry-after` and GitHub's message. */
  secondaryRateLimit(options: { count?: number; status?: 403 | 429; retryAfterSeconds?: number; operationId?: OperationId } = {}): void {
    const status = options.status ?? 403;
    this.enqueue(options.count, options.operationId, () => ({
      status,
      body: {
        message: SECONDARY_RATE_LIMIT_MESSAGE,
        documentation_url:
          "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
        status: String(status),
      },
      headers: { "retry-after": String(options.retryAfterSeconds ?? 1) },
    }));
  }

  /**
   * Right before the next ref update of `owner/repo` (optionally only for `branch`), a foreign
   * commit lands on that branch, so a non-forced update of the caller's stale child commit gets
   * `422 Update is not a fast forward`.
   */
  concurrentPushBeforeNextRefUpdate(options: {
    owner: string;
    repo: string;
    branch?: string;
    files?: Record<string, string | null>;
  }): void {
    this.pushes.push({ owner: options.owner, repo: options.repo, branch: options.branch, files: options.files });
  }

  /**
   * Right before the next pull-request creation in `owner/repo`, another run with the same token
   * opens one for the same head and base, so the caller's create gets `422 A pull request
   * already exists`.
   */
  concurrentPullRequestBeforeNextCreate(options: { owner: string; repo: string }): void {
    this.pullRequestRaces.push({ owner: options.owner, repo: options.repo });
  }

  /** Test-only: rewrite the next response body of `operationId` to prove contract checking works. */
  tamperNextResponse(operationId: OperationId, mutate: (body: Json | undefined) => Json | undefined): void {
    this.tampers.push({ operationId, mutate });
  }

  clear(): void {
    this.failures = [];
    this.pushes = [];
    this.tampers = [];
    this.pullRequestRaces = [];
    this.pullRequestCreationForbidden = false;
  }

  private enqueue(count: number | undefined, operationId: OperationId | undefined, respond: () => InjectedResponse): void {
    this.failures.push({ remaining: count ?? 1, operationId, respond });
  }

  /** @internal The injected response for this request, if a queued failure matches it. */
  takeInjectedResponse(operationId: OperationId | null): InjectedResponse | null {
    const failure = this.failures.find((f) => f.operationId === undefined || f.operationId === operationId);
    if (!failure) return null;
    failure.remaining -= 1;
    if (failure.remaining <= 0) this.failures = this.failures.filter((f) => f !== failure);
    return failure.respond();
  }

  /** @internal Applies and consumes a pending tamper for `operationId`. */
  tamper(operationId: OperationId, body: Json | undefined): { body: Json | undefined; tampered: boolean } {
    const index = this.tampers.findIndex((t) => t.operationId === operationId);
    const tamper = this.tampers[index];
    if (!tamper) return { body, tampered: false };
    this.tampers.splice(index, 1);
    return { body: tamper.mutate(structuredClone(body)), tampered: true };
  }

  /** @internal Called by the create-pull handler: whether a concurrent run opens its PR first. */
  takePullRequestRace(repo: RepoRecord): boolean {
    const index = this.pullRequestRaces.findIndex((r) => r.owner === repo.owner && r.repo === repo.name);
    if (index === -1) return false;
    this.pullRequestRaces.splice(index, 1);
    return true;
  }

  /** @internal Called by the update-ref handler before it reads the ref. */
  async beforeRefUpdate(repo: RepoRecord, ref: string, now: string): Promise<void> {
    const branch = ref.replace(/^refs\/heads\//, "");
    const index = this.pushes.findIndex(
      (p) => p.owner === repo.owner && p.repo === repo.name && (p.branch === undefined || p.branch === branch),
    );
    const push = this.pushes[index];
    if (!push) return;
    this.pushes.splice(index, 1);
    this.pushCounter += 1;
    const files: Record<string, string | null> = push.files ?? {
      [`concurrent-push-${this.pushCounter}.txt`]: `foreign change ${this.pushCounter}\n`,
    };
    await repo.git.commitFiles({
      branch,
      files,
      message: "Concurrent push\n",
      author: { ...CONCURRENT_PUSHER, date: now },
      committer: { ...CONCURRENT_PUSHER, date: now },
    });
  }
}
