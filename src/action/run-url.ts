// The page of this workflow run, where its job summary is: the PR body links there for whatever
// it leaves out. GitHub sets these three variables on every runner (docs: "Default environment
// variables"); without them (a local run) there is no page to link to.
import { envValue, type Env } from "./runner-env.ts";

export function runUrl(env: Env): string | undefined {
  const server = envValue(env, "GITHUB_SERVER_URL");
  const repository = envValue(env, "GITHUB_REPOSITORY");
  const run = envValue(env, "GITHUB_RUN_ID");
  if (server === undefined || repository === undefined || run === undefined) return undefined;
  return `${server.replace(/\/+$/, "")}/${repository}/actions/runs/${run}`;
}
