// What a run uses when not told, the same for the action and the CLI. The branch it owns is
// named from what the run was asked to render (the workflow job, or the patterns given), never
// from the specs it found there: specs that join or leave a fleet keep the one branch, and so
// the one pull request.

/** Where a run comes from on a runner: GITHUB_WORKFLOW_REF (or GITHUB_WORKFLOW) and GITHUB_JOB. */
export interface WorkflowJob {
  /** `owner/repo/.github/workflows/ingress.yml@refs/heads/main`, or the workflow's name. */
  readonly workflow: string;
  readonly job: string;
}

/** Long enough for any workflow file and job id seen in practice, short enough to read in a PR header. */
const MAX_SLUG = 80;

/**
 * One spec file named on its own is that spec's branch (a matrix of clusters gets one PR each);
 * a glob or a list is a fleet, named from the workflow job when there is one, else from the patterns.
 */
export function defaultBranch(patterns: readonly string[], names: readonly string[], job: WorkflowJob | undefined): string {
  const [only] = names;
  if (patterns.length === 1 && !/[*?[\]{}!]/.test(patterns[0] ?? "") && names.length === 1 && only !== undefined)
    return `ingress-gitops/${only}`;
  if (job === undefined) return `ingress-gitops/${slug(patterns.join(" "))}`;
  const [file, stem] = [workflowFile(job.workflow), slug(job.job)];
  return `ingress-gitops/${file === stem ? file : slug(`${file} ${job.job}`)}`;
}

/** The workflow file's name without `.yml`, from GITHUB_WORKFLOW_REF; a workflow name as it is. */
function workflowFile(workflow: string): string {
  const path = workflow.split("@")[0] ?? workflow;
  const file = /\/\.github\/workflows\/([^/]+?)(?:\.ya?ml)?$/.exec(path)?.[1];
  return slug(file ?? workflow);
}

/** Lower-case words joined by `-`, at most MAX_SLUG characters, cut only between words. */
export function slug(text: string): string {
  const words = text
    .toLowerCase()
    .split(/[^a-z0-9.]+/)
    .map((w) => w.replace(/^\.+|\.+$/g, ""))
    .filter((w) => w !== "");
  let out = "";
  for (const word of words) {
    const next = out === "" ? word : `${out}-${word}`;
    if (next.length > MAX_SLUG) break;
    out = next;
  }
  // A first word longer than the limit is the one case that must be cut inside a word.
  return out === "" ? (words[0] ?? "specs").slice(0, MAX_SLUG) : out;
}

/** The title of the PR (and the subject of its commits) when none is given: the specs it renders. */
export function defaultTitle(names: readonly string[]): string {
  return `Ingress: ${[...names].sort().join(", ")}`;
}
