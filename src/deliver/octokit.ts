// The GitHub client: Octokit with retries for server errors and GitHub's rate-limit etiquette,
// pointed at GITHUB_API_URL so GitHub Enterprise Server works as well.
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import Bottleneck from "bottleneck/light.js";

const Client = Octokit.plugin(retry, throttling);

/** How long the client waits where GitHub asks it to; real time on GitHub, none against a test server. */
export interface Pacing {
  /**
   * Milliseconds per second of waiting: plugin-retry backs off (n+1)² of them before retry n+1,
   * plugin-throttling waits `retry-after` of them (both multiply by their `retryAfterBaseValue`).
   */
  readonly secondMs: number;
  /** plugin-throttling spaces writes 1 s apart and those that notify 3 s apart, as GitHub's best practices ask. */
  readonly spaceWrites: boolean;
}

export const GITHUB_PACING: Pacing = { secondMs: 1000, spaceWrites: true };

/** Set by the emulator's end-to-end tests, which spawn the bundled action: retries are still made and counted, without the waits. */
export const UNPACED_ENV = "INGRESS_GITOPS_UNPACED_LOOPBACK";

/**
 * GitHub's pacing, unless the tests asked for none. Honoured only for an API on a loopback
 * address, which neither github.com nor GitHub Enterprise Server ever is, so no workflow can
 * turn GitHub's etiquette off by accident.
 */
export function pacingFor(apiUrl: string, env: Readonly<Record<string, string | undefined>>): Pacing {
  if (env[UNPACED_ENV] !== "1") return GITHUB_PACING;
  const host = new URL(apiUrl).hostname;
  return host === "127.0.0.1" || host === "[::1]" || host === "localhost" ? { secondMs: 0, spaceWrites: false } : GITHUB_PACING;
}

export interface ClientOptions {
  readonly token: string;
  readonly baseUrl: string;
  readonly warn: (message: string) => void;
  readonly pacing?: Pacing;
}

export function githubClient({ token, baseUrl, warn, pacing = GITHUB_PACING }: ClientOptions): Octokit {
  const quiet = () => undefined;
  // plugin-throttling's `write` and `notifications` options replace the limiters it would make
  // with minTime 1 s and 3 s.
  const unspaced = pacing.spaceWrites
    ? {}
    : {
        write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
        notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
      };
  return new Client({
    auth: token,
    baseUrl,
    userAgent: "ingress-gitops",
    log: { debug: quiet, info: quiet, warn, error: quiet },
    // 409 (empty repository) and 429 (rate limit, the throttling plugin's job) are not worth
    // plain retries; everything 5xx is.
    retry: { doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451], retryAfterBaseValue: pacing.secondMs },
    throttle: {
      retryAfterBaseValue: pacing.secondMs,
      ...unspaced,
      onRateLimit: (after: number, _options: unknown, _octokit: unknown, count: number) => {
        warn(`GitHub rate limit reached; retrying in ${after} s`);
        return count < 2;
      },
      onSecondaryRateLimit: (after: number, _options: unknown, _octokit: unknown, count: number) => {
        warn(`GitHub secondary rate limit; retrying in ${after} s`);
        return count < 2;
      },
    },
  });
}
