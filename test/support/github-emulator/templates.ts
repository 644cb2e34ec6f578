/**
 * Response bodies. Large objects (repository, pull request) start from the spec's own
 * `components.examples`, re-pointed at the emulated repository, with every stateful field
 * overwritten; small git objects are built directly. Response validation catches drift.
 */
import type { Contract, Json, JsonObject } from "./contract.ts";
import type { CommitObject, RefRecord, TreeEntry } from "./git-store.ts";
import type { Actor, CommentRecord, LabelRecord, PullRecord, RepoRecord, Verification } from "./model.ts";

export interface Urls {
  /** Base of API URLs in bodies, i.e. the emulator's own address. */
  api: string;
  /** Base of html_url fields. */
  html: string;
}

function nodeId(kind: string, id: number | string): string {
  return Buffer.from(`0${kind}${String(id)}`).toString("base64");
}

function omit(object: JsonObject, keys: readonly string[]): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));
}

function asObject(value: Json | undefined): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("expected an object in the template");
  return value;
}

export class Templates {
  private readonly contract: Contract;
  private readonly urls: Urls;

  constructor(contract: Contract, urls: Urls) {
    this.contract = contract;
    this.urls = urls;
  }

  repoApi(repo: RepoRecord): string {
    return `${this.urls.api}/repos/${repo.owner}/${repo.name}`;
  }

  repoHtml(repo: RepoRecord): string {
    return `${this.urls.html}/${repo.owner}/${repo.name}`;
  }

  /** Clones an example and re-points its octocat/Hello-World URLs at `repo`. */
  private fromExample(name: string, repo: RepoRecord): JsonObject {
    const text = JSON.stringify(this.contract.example(name))
      .replaceAll("https://api.github.com/repos/octocat/Hello-World", this.repoApi(repo))
      .replaceAll("https://github.com/octocat/Hello-World", this.repoHtml(repo))
      .replaceAll("git@github.com:octocat/Hello-World.git", `git@github.com:${repo.owner}/${repo.name}.git`)
      .replaceAll("octocat/Hello-World", `${repo.owner}/${repo.name}`)
      .replaceAll("https://api.github.com", this.urls.api);
    return asObject(JSON.parse(text) as Json);
  }

  user(login: string, id: number, type: Actor["type"] = "User"): JsonObject {
    const api = `${this.urls.api}/users/${encodeURIComponent(login)}`;
    return {
      login,
      id,
      node_id: nodeId(type === "Bot" ? "3:Bot" : "4:User", id),
      avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
      gravatar_id: "",
      url: api,
      // Bots have no profile page; GitHub links their app instead (and `[bot]` is not URI-safe).
      html_url: type === "Bot" ? `${this.urls.html}/apps/${login.replace(/\[bot\]$/, "")}` : `${this.urls.html}/${login}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type,
      site_admin: false,
    };
  }

  actor(actor: Actor): JsonObject {
    return this.user(actor.login, actor.id, actor.type);
  }

  ownerUser(repo: RepoRecord): JsonObject {
    return this.user(repo.owner, repo.id + 1_000_000);
  }

  private repositoryFields(repo: RepoRecord): JsonObject {
    return {
      id: repo.id,
      node_id: nodeId("10:Repository", repo.id),
      name: repo.name,
      full_name: `${repo.owner}/${repo.name}`,
      owner: this.ownerUser(repo),
      private: repo.private,
      visibility: repo.private ? "private" : "public",
      fork: false,
      default_branch: repo.defaultBranch,
      created_at: repo.createdAt,
      updated_at: repo.createdAt,
      pushed_at: repo.createdAt,
    };
  }

  fullRepository(repo: RepoRecord): JsonObject {
    // Fork/template/org links would describe relationships the emulator does not have.
    const body = omit({ ...this.fromExample("full-repository-default-response", repo), ...this.repositoryFields(repo) }, [
      "parent",
      "source",
      "template_repository",
      "organization",
    ]);
    // The spec example lacks the required `language`; GitHub sends null until it detects one.
    return {
      ...body,
      language: null,
      open_issues_count: repo.pulls.filter((pr) => pr.state === "open").length,
      permissions: { admin: false, maintain: false, push: true, triage: false, pull: true },
    };
  }

  private prRepository(repo: RepoRecord): JsonObject {
    const example = this.fromExample("pull-request", repo);
    return { ...asObject(asObject(example["base"])["repo"]), ...this.repositoryFields(repo) };
  }

  label(repo: RepoRecord, label: LabelRecord): JsonObject {
    return {
      id: label.id,
      node_id: nodeId("5:Label", label.id),
      url: `${this.repoApi(repo)}/labels/${encodeURIComponent(label.name)}`,
      name: label.name,
      description: label.description,
      color: label.color,
      default: label.default,
    };
  }

  comment(repo: RepoRecord, comment: CommentRecord): JsonObject {
    return {
      id: comment.id,
      node_id: nodeId("12:IssueComment", comment.id),
      url: `${this.repoApi(repo)}/issues/comments/${comment.id}`,
      html_url: `${this.repoHtml(repo)}/pull/${comment.issueNumber}#issuecomment-${comment.id}`,
      body: comment.body,
      user: this.actor(comment.user),
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
      issue_url: `${this.repoApi(repo)}/issues/${comment.issueNumber}`,
      author_association: "NONE",
    };
  }

  /** `pull-request-simple` (lists, reviewer requests) or, with `full`, `pull-request`. */
  pullRequest(repo: RepoRecord, pr: PullRecord, baseSha: string, full: boolean): JsonObject {
    const example = this.fromExample("pull-request", repo);
    const api = `${this.repoApi(repo)}/pulls/${pr.number}`;
    const issueApi = `${this.repoApi(repo)}/issues/${pr.number}`;
    const html = `${this.repoHtml(repo)}/pull/${pr.number}`;
    const repository = this.prRepository(repo);
    const branch = (ref: string, sha: string): JsonObject => ({
      label: `${repo.owner}:${ref}`,
      ref,
      sha,
      user: this.ownerUser(repo),
      repo: repository,
    });
    const simple: JsonObject = {
      ...example,
      url: api,
      id: pr.id,
      node_id: nodeId("11:PullRequest", pr.id),
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: issueApi,
      commits_url: `${api}/commits`,
      review_comments_url: `${api}/comments`,
      review_comment_url: `${this.repoApi(repo)}/pulls/comments{/number}`,
      comments_url: `${issueApi}/comments`,
      statuses_url: `${this.repoApi(repo)}/statuses/${pr.headSha}`,
      number: pr.number,
      state: pr.state,
      locked: false,
      title: pr.title,
      user: this.actor(pr.user),
      body: pr.body,
      labels: pr.labels.flatMap((name) => {
        const label = repo.labels.get(name.toLowerCase());
        return label ? [this.label(repo, label)] : [];
      }),
      milestone: null,
      active_lock_reason: null,
      created_at: pr.createdAt,
      updated_at: pr.updatedAt,
      closed_at: pr.closedAt,
      merged_at: null,
      merge_commit_sha: null,
      assignee: null,
      assignees: [],
      requested_reviewers: pr.requestedReviewers.map((login) => this.user(login, this.userId(login))),
      requested_teams: pr.requestedTeams.map((slug) => this.team(repo, slug)),
      head: branch(pr.head, pr.headSha),
      base: branch(pr.base, baseSha),
      _links: {
        self: { href: api },
        html: { href: html },
        issue: { href: issueApi },
        comments: { href: `${issueApi}/comments` },
        review_comments: { href: `${api}/comments` },
        review_comment: { href: `${this.repoApi(repo)}/pulls/comments{/number}` },
        commits: { href: `${api}/commits` },
        statuses: { href: `${this.repoApi(repo)}/statuses/${pr.headSha}` },
      },
      author_association: "NONE",
      auto_merge: null,
      draft: pr.draft,
    };
    if (!full) {
      // pull-request-simple has none of the merge/size statistics.
      return omit(simple, [
        "merged",
        "mergeable",
        "rebaseable",
        "mergeable_state",
        "merged_by",
        "comments",
        "review_comments",
        "maintainer_can_modify",
        "commits",
        "additions",
        "deletions",
        "changed_files",
      ]);
    }
    return {
      ...simple,
      merged: false,
      // GitHub computes mergeability asynchronously; `null` is its "not yet known" answer.
      mergeable: null,
      rebaseable: null,
      mergeable_state: "unknown",
      merged_by: null,
      comments: repo.comments.filter((comment) => comment.issueNumber === pr.number).length,
      review_comments: 0,
      maintainer_can_modify: pr.maintainerCanModify,
      commits: 1,
      additions: 0,
      deletions: 0,
      changed_files: 0,
    };
  }

  /** Logins get stable ids derived from their spelling, so reviewers look like real users. */
  userId(login: string): number {
    let hash = 0;
    for (const char of login) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % 9_000_000;
    return hash + 100_000;
  }

  private team(repo: RepoRecord, slug: string): JsonObject {
    const id = this.userId(`team:${slug}`);
    const org = `${this.urls.api}/orgs/${repo.owner}`;
    return {
      id,
      node_id: nodeId("4:Team", id),
      url: `${org}/teams/${slug}`,
      html_url: `${this.urls.html}/orgs/${repo.owner}/teams/${slug}`,
      name: slug,
      slug,
      description: null,
      privacy: "closed",
      notification_setting: "notifications_enabled",
      permission: "pull",
      members_url: `${org}/teams/${slug}/members{/member}`,
      repositories_url: `${org}/teams/${slug}/repos`,
      type: "organization",
      organization_id: repo.id + 1_000_000,
      parent: null,
    };
  }

  gitRef(repo: RepoRecord, record: RefRecord): JsonObject {
    const kind = record.type === "tag" ? "tags" : `${record.type}s`;
    return {
      ref: record.ref,
      node_id: nodeId("3:Ref", record.ref),
      url: `${this.repoApi(repo)}/git/${record.ref}`,
      object: { type: record.type, sha: record.sha, url: `${this.repoApi(repo)}/git/${kind}/${record.sha}` },
    };
  }

  treeEntry(repo: RepoRecord, entry: TreeEntry): JsonObject {
    const kind = entry.type === "tree" ? "trees" : "blobs";
    return {
      path: entry.path,
      mode: entry.mode,
      type: entry.type,
      sha: entry.sha,
      ...(entry.size === undefined ? {} : { size: entry.size }),
      ...(entry.type === "commit" ? {} : { url: `${this.repoApi(repo)}/git/${kind}/${entry.sha}` }),
    };
  }

  gitTree(repo: RepoRecord, sha: string, entries: readonly TreeEntry[], truncated: boolean): JsonObject {
    return { sha, url: `${this.repoApi(repo)}/git/trees/${sha}`, tree: entries.map((entry) => this.treeEntry(repo, entry)), truncated };
  }

  gitCommit(repo: RepoRecord, commit: CommitObject, verification: Verification): JsonObject {
    return {
      sha: commit.sha,
      node_id: nodeId("6:Commit", commit.sha),
      url: `${this.repoApi(repo)}/git/commits/${commit.sha}`,
      html_url: `${this.repoHtml(repo)}/commit/${commit.sha}`,
      author: { ...commit.author },
      committer: { ...commit.committer },
      message: commit.message,
      tree: { sha: commit.tree, url: `${this.repoApi(repo)}/git/trees/${commit.tree}` },
      parents: commit.parents.map((sha) => ({
        sha,
        url: `${this.repoApi(repo)}/git/commits/${sha}`,
        html_url: `${this.repoHtml(repo)}/commit/${sha}`,
      })),
      verification: { ...verification },
    };
  }

  blob(repo: RepoRecord, sha: string, content: Buffer): JsonObject {
    return {
      sha,
      node_id: nodeId("4:Blob", sha),
      size: content.length,
      url: `${this.repoApi(repo)}/git/blobs/${sha}`,
      // GitHub wraps base64 at 60 columns with newlines.
      content: (content.toString("base64").match(/.{1,60}/g) ?? [""]).join("\n") + "\n",
      encoding: "base64",
    };
  }

  blobCreated(repo: RepoRecord, sha: string): JsonObject {
    return { sha, url: `${this.repoApi(repo)}/git/blobs/${sha}` };
  }
}
