// The runner's environment variables, read one way: a variable set to "" (as `VAR= node …` leaves
// it in a local run) counts as one not set.

export type Env = Readonly<Record<string, string | undefined>>;

/** The variable's value, or undefined when it is unset or empty. */
export function envValue(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === "" ? undefined : value;
}

/** The folder the `spec` and `templates` inputs are relative to: the runner's workspace, the working directory off a runner. */
export const workspaceDir = (env: Env): string => env["GITHUB_WORKSPACE"] ?? process.cwd();
