// The GitHub client: Octokit with retries for server errors and GitHub's rate-limit etiquette,
// pointed at GITHUB_API_URL so GitHub Enterprise Server works as well.
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";

const Client = Octokit.plugin(retry, throttling);

export interface ClientOptions {
  readonly token: string;
  readonly baseUrl: string;
  readonly warn: (message: string) => void;
}

export function githubClient({ token, baseUrl, warn }: ClientOptions): Octokit {
  const quiet = () => undefined;
  return new Client({
    auth: token,
    baseUrl,
    userAgent: "ingress-gitops",
    log: { debug: quiet, info: quiet, warn, error: quiet },
    // 409 (empty repository) and 429 (rate limit, the throttling plugin's job) are not worth
    // plain retries; everything 5xx is.
    retry: { doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451] },
    throttle: {
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
