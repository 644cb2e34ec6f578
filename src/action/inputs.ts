// The action's inputs, read once into a typed value. Only the doors know about @actions/core.
import { readFileSync } from "node:fs";
import * as core from "@actions/core";
import { listOf } from "./list-input.ts";
import type { WorkflowJob } from "../deliver/defaults.ts";
import { envValue } from "./runner-env.ts";

export type FailOn = "error" | "warning" | "never";

export interface Inputs {
  readonly specs: readonly string[];
  readonly token: string;
  readonly owner: string;
  readonly repo: string;
  readonly base?: string;
  readonly branch?: string;
  readonly commitMessage?: string;
  readonly title?: string;
  readonly labels: readonly string[];
  readonly reviewers: readonly string[];
  readonly teamReviewers: readonly string[];
  readonly draft: boolean;
  readonly dryRun: boolean;
  readonly failOn: FailOn;
  readonly templates?: string;
  readonly closeWhenEmpty: boolean;
  readonly apiUrl: string;
  /** The job this step runs in, which names a fleet's branch when no `branch` is given. */
  readonly workflowJob?: WorkflowJob;
}

function listInput(name: string): string[] {
  return listOf(core.getInput(name));
}

function optional(name: string): string | undefined {
  const value = core.getInput(name).trim();
  return value === "" ? undefined : value;
}

function flag(name: string, fallback: boolean): boolean {
  const value = core.getInput(name).trim().toLowerCase();
  if (value === "") return fallback;
  if (["true", "yes", "1"].includes(value)) return true;
  if (["false", "no", "0"].includes(value)) return false;
  throw new Error(`input '${name}' must be true or false, not '${value}'`);
}

export function readInputs(): Inputs {
  const token = core.getInput("token").trim();
  if (token === "") throw new Error("input 'token' is empty: pass ${{ github.token }} or a GitHub App token");
  core.setSecret(token);
  const repository = optional("gitops-repository") ?? process.env["GITHUB_REPOSITORY"] ?? "";
  const [owner = "", repo = "", ...rest] = repository.split("/");
  if (owner === "" || repo === "" || rest.length > 0) throw new Error(`input 'gitops-repository' must be owner/name, not '${repository}'`);
  const failOn = optional("fail-on") ?? "error";
  if (failOn !== "error" && failOn !== "warning" && failOn !== "never")
    throw new Error(`input 'fail-on' must be error, warning or never, not '${failOn}'`);
  const base = optional("base") ?? defaultBranchFromEvent(repository);
  const templates = optional("templates");
  const branch = optional("branch");
  const commitMessage = optional("commit-message");
  const workflowJob = workflowJobFromEnv();
  const title = optional("title");
  return {
    specs: listInput("spec"),
    token,
    owner,
    repo,
    ...(base === undefined ? {} : { base }),
    ...(branch === undefined ? {} : { branch }),
    ...(commitMessage === undefined ? {} : { commitMessage }),
    ...(title === undefined ? {} : { title }),
    labels: listInput("labels"),
    reviewers: listInput("reviewers"),
    teamReviewers: listInput("team-reviewers"),
    draft: flag("draft", false),
    dryRun: flag("dry-run", false),
    failOn,
    ...(templates === undefined ? {} : { templates }),
    closeWhenEmpty: flag("close-when-empty", true),
    apiUrl: process.env["GITHUB_API_URL"] ?? "https://api.github.com",
    ...(workflowJob === undefined ? {} : { workflowJob }),
  };
}

const env = (name: string) => envValue(process.env, name);

/** GITHUB_WORKFLOW_REF names the workflow file (stable across renames of its `name:`); GITHUB_JOB is the job's id. */
function workflowJobFromEnv(): WorkflowJob | undefined {
  const workflow = env("GITHUB_WORKFLOW_REF") ?? env("GITHUB_WORKFLOW");
  const job = env("GITHUB_JOB");
  return workflow === undefined || job === undefined ? undefined : { workflow, job };
}

/** The event payload names the default branch of the repository the workflow runs in: no API call needed. */
function defaultBranchFromEvent(repository: string): string | undefined {
  const path = env("GITHUB_EVENT_PATH");
  if (path === undefined) return undefined;
  try {
    const event = JSON.parse(readFileSync(path, "utf8")) as { repository?: { full_name?: string; default_branch?: string } };
    return event.repository?.full_name?.toLowerCase() === repository.toLowerCase() ? event.repository.default_branch : undefined;
  } catch {
    return undefined;
  }
}
