// The page of this workflow run, where its job summary is: the PR body links there for whatever
// it leaves out. GitHub sets these three variables on every runner (docs: "Default environment
// variables"); without them (a local run) there is no page to link to.
export function runUrl(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const server = env["GITHUB_SERVER_URL"];
  const repository = env["GITHUB_REPOSITORY"];
  const run = env["GITHUB_RUN_ID"];
  if (server === undefined || repository === undefined || run === undefined || server === "" || repository === "" || run === "")
    return undefined;
  return `${server.replace(/\/+$/, "")}/${repository}/actions/runs/${run}`;
}
