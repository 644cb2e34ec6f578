/**
 * The emulator: a loopback `node:http` server speaking GitHub's REST API for the operations in
 * operations.ts. Every request and response is checked against GitHub's OpenAPI description;
 * response mismatches are recorded as contract violations that fail the test.
 */
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { closeServer, listenOnLoopback } from "../loopback.ts";
import { archiveHandlers, isCodeloadPath, serveCodeload } from "./archives.ts";
import { Contract } from "./contract.ts";
import type { Json, ValidationProblem } from "./contract.ts";
import type { Handler, HandlerResult, RequestContext } from "./context.ts";
import { GitHubError, invalidRequest, notFound } from "./errors.ts";
import { Faults } from "./faults.ts";
import type { InjectedResponse } from "./faults.ts";
import { BareRepo } from "./git-store.ts";
import { gitHandlers } from "./git-routes.ts";
import { answerGraphQL } from "./graphql.ts";
import { issueHandlers } from "./issues.ts";
import { GITHUB_ACTIONS_BOT, IdSequence } from "./model.ts";
import type { Actor, RepoRecord } from "./model.ts";
import type { OperationId } from "./operations.ts";
import { pullHandlers } from "./pulls.ts";
import { matchRoute } from "./router.ts";
import { Templates } from "./templates.ts";

const HANDLERS: Record<OperationId, Handler> = { ...gitHandlers, ...archiveHandlers, ...pullHandlers, ...issueHandlers };

/** Fixed identity and date of the seed commit, so seeded repositories have stable shas. */
const SEED_IDENTITY = { name: "Emulator Seed", email: "seed@example.com", date: "2024-01-01T00:00:00Z" };

export interface TokenIdentity {
  login: string;
  id?: number;
  type?: Actor["type"];
  /** True for GITHUB_TOKEN-style tokens (default true for the default identity). */
  actionsToken?: boolean;
}

export interface EmulatorOptions {
  /**
   * Accepted tokens and who they authenticate. Without it any token is accepted as
   * `github-actions[bot]` (an Actions token).
   */
  tokens?: Record<string, TokenIdentity>;
  /** Base of `html_url` fields (default https://github.com). */
  htmlUrl?: string;
  /** Clock for timestamps (default: wall clock). */
  now?: () => Date;
  /** Entry limit of recursive get-tree before `truncated: true` (GitHub: 100 000). */
  treeEntryLimit?: number;
}

export interface CreateRepoOptions {
  owner: string;
  repo: string;
  defaultBranch?: string;
  /** Files of the initial commit; omit to leave the repository empty (no commits). */
  files?: Record<string, string>;
  private?: boolean;
  collaborators?: string[];
  teams?: string[];
}

export interface CallRecord {
  method: string;
  path: string;
  operationId: OperationId | null;
  status: number;
  /** Login the token authenticated as; the token itself is never recorded. */
  actor: string | null;
  /** `tokenFingerprint(token)` of the credential sent, to tell tokens of one identity apart. */
  token: string | null;
  /** Answered by a fault switch instead of the handler. */
  injected: boolean;
}

/** Whether a call changed anything: every REST call but a GET; a GraphQL call never (the emulator answers no mutation). */
export function isWrite(call: CallRecord): boolean {
  return call.method !== "GET" && call.path !== "/graphql";
}

/**
 * One request to the emulator's codeload (`/_codeload/…`, where `repos/download-tarball-archive`
 * redirects). Not an API call: GitHub serves archives from a separate host, so these are
 * absent from `calls()` and from the contract check.
 */
export interface DownloadRecord {
  method: string;
  path: string;
  /** As named in the path (null when the path did not parse). */
  owner: string | null;
  repo: string | null;
  ref: string | null;
  /** The commit archived; null unless served. */
  sha: string | null;
  /** 200 with the gzipped tarball, or codeload's plain-text 404. */
  status: number;
  /** Size of the gzipped body sent (0 for a 404). */
  bytes: number;
  /**
   * Whether the request carried an `Authorization` header. Same-host redirects keep it, but on
   * GitHub fetch drops it (codeload is another host), so codeload never relies on it.
   */
  authorization: boolean;
}

export interface ContractViolation {
  method: string;
  path: string;
  /** null when the emulator failed before it could route the request. */
  operationId: OperationId | null;
  status: number;
  problems: ValidationProblem[];
}

export interface PullSnapshot {
  number: number;
  state: "open" | "closed";
  title: string;
  body: string | null;
  head: string;
  headSha: string;
  base: string;
  draft: boolean;
  author: string;
  labels: string[];
  requestedReviewers: string[];
  requestedTeams: string[];
  comments: { id: number; body: string; author: string }[];
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      resolve(Buffer.concat(chunks));
    });
    req.on("error", reject);
  });
}

export class Emulator {
  readonly url: string;
  readonly faults = new Faults();
  /** Source of the OpenAPI description used for validation, e.g. `@octokit/openapi@23.0.2 …`. */
  readonly specVersion: string;
  private readonly server: http.Server;
  private readonly root: string;
  private readonly contract: Contract;
  private readonly templates: Templates;
  private readonly options: EmulatorOptions;
  private readonly ids = new IdSequence();
  private readonly repos = new Map<string, RepoRecord>();
  private callLog: CallRecord[] = [];
  private downloadLog: DownloadRecord[] = [];
  private blobLog: string[] = [];
  private violations: ContractViolation[] = [];
  private requestCounter = 0;

  private constructor(init: { server: http.Server; url: string; root: string; contract: Contract; options: EmulatorOptions }) {
    this.server = init.server;
    this.url = init.url;
    this.root = init.root;
    this.contract = init.contract;
    this.options = init.options;
    this.specVersion = init.contract.version;
    this.templates = new Templates(init.contract, { api: init.url, html: init.options.htmlUrl ?? "https://github.com" });
    init.server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
      this.handle(req, res).catch((error: unknown) => {
        const result = this.internalError(error, req.method ?? "GET", req.url ?? "/", null);
        if (!res.headersSent) this.send(res, result);
      });
    });
  }

  static async start(options: EmulatorOptions = {}): Promise<Emulator> {
    const contract = await Contract.load();
    const root = await mkdtemp(path.join(os.tmpdir(), "github-emulator-"));
    await writeFile(path.join(root, "gitconfig"), "");
    const server = http.createServer();
    return new Emulator({ server, url: await listenOnLoopback(server), root, contract, options });
  }

  /**
   * Stops the server and deletes the bare repositories. Throws if any response broke the
   * contract, unless `ignoreContractViolations` is set (for tests that provoke violations).
   */
  async stop(options: { ignoreContractViolations?: boolean } = {}): Promise<void> {
    await closeServer(this.server);
    await rm(this.root, { recursive: true, force: true });
    if (options.ignoreContractViolations !== true) this.assertNoContractViolations();
  }

  async createRepo(options: CreateRepoOptions): Promise<void> {
    const key = `${options.owner}/${options.repo}`.toLowerCase();
    if (this.repos.has(key)) throw new Error(`repository ${key} already exists`);
    const defaultBranch = options.defaultBranch ?? "main";
    const git = await BareRepo.init(this.bareRepoPath(options.owner, options.repo), this.root, defaultBranch);
    if (options.files !== undefined) {
      await git.commitFiles({
        branch: defaultBranch,
        files: options.files,
        message: "Initial commit\n",
        author: SEED_IDENTITY,
        committer: SEED_IDENTITY,
      });
    }
    this.repos.set(key, {
      owner: options.owner,
      name: options.repo,
      id: this.ids.take(),
      defaultBranch,
      private: options.private ?? false,
      git,
      collaborators: new Set(options.collaborators ?? []),
      teams: new Set(options.teams ?? []),
      nextIssueNumber: 1,
      pulls: [],
      comments: [],
      labels: new Map(),
      verifications: new Map(),
      createdAt: isoSeconds(this.now()),
    });
  }

  bareRepoPath(owner: string, repo: string): string {
    return path.join(this.root, "repos", owner.toLowerCase(), `${repo.toLowerCase()}.git`);
  }

  /** Commits files to a branch as someone else would (e.g. a colleague's push); returns the sha. */
  async pushCommit(options: {
    owner: string;
    repo: string;
    branch: string;
    files: Record<string, string | null>;
    message?: string;
  }): Promise<string> {
    const identity = { name: "Someone Else", email: "someone@example.com", date: isoSeconds(this.now()) };
    return this.requireRepo(options.owner, options.repo).git.commitFiles({
      branch: options.branch,
      files: options.files,
      message: options.message ?? "External change\n",
      author: identity,
      committer: identity,
    });
  }

  pulls(owner: string, repo: string): PullSnapshot[] {
    const record = this.requireRepo(owner, repo);
    return record.pulls.map((pr) => ({
      number: pr.number,
      state: pr.state,
      title: pr.title,
      body: pr.body,
      head: pr.head,
      headSha: pr.headSha,
      base: pr.base,
      draft: pr.draft,
      author: pr.user.login,
      labels: [...pr.labels],
      requestedReviewers: [...pr.requestedReviewers],
      requestedTeams: [...pr.requestedTeams],
      comments: record.comments.filter((c) => c.issueNumber === pr.number).map((c) => ({ id: c.id, body: c.body, author: c.user.login })),
    }));
  }

  calls(filter: { operationId?: OperationId } = {}): CallRecord[] {
    return this.callLog
      .filter((call) => filter.operationId === undefined || call.operationId === filter.operationId)
      .map((call) => ({ ...call }));
  }

  /** Archive downloads served by the emulator's codeload, oldest first (see `DownloadRecord`). */
  downloads(): DownloadRecord[] {
    return this.downloadLog.map((download) => ({ ...download }));
  }

  /** Ids of the blobs whose text GraphQL queries were given, in order (REST `git/get-blob` reads are in `calls()`). */
  blobsRead(): string[] {
    return [...this.blobLog];
  }

  /** Clears the request logs: `calls()`, `downloads()` and `blobsRead()`. */
  resetCalls(): void {
    this.callLog = [];
    this.downloadLog = [];
    this.blobLog = [];
  }

  contractViolations(): ContractViolation[] {
    return structuredClone(this.violations);
  }

  assertNoContractViolations(): void {
    if (this.violations.length === 0) return;
    const lines = this.violations.map(
      (v) => `${v.method} ${v.path} (${v.operationId}) → ${v.status}: ${v.problems.map((p) => `${p.where}: ${p.message}`).join("; ")}`,
    );
    throw new Error(`GitHub emulator responses broke the OpenAPI contract (${this.specVersion}):\n${lines.join("\n")}`);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private requireRepo(owner: string, repo: string): RepoRecord {
    const record = this.repos.get(`${owner}/${repo}`.toLowerCase());
    if (!record) throw new Error(`unknown repository ${owner}/${repo}`);
    return record;
  }

  private authenticate(token: string | null): Actor | null {
    if (token === null) return null;
    if (this.options.tokens === undefined) return GITHUB_ACTIONS_BOT;
    const identity = this.options.tokens[token];
    if (!identity) return null;
    const type = identity.type ?? (identity.login.endsWith("[bot]") ? "Bot" : "User");
    const id = identity.id ?? Number.parseInt(createHash("sha256").update(identity.login).digest("hex").slice(0, 7), 16);
    return { login: identity.login, id, type, actionsToken: identity.actionsToken ?? false };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", this.url);
    const raw = await readBody(req);
    if (isCodeloadPath(url.pathname)) {
      await this.serveCodeload(req, res, method, url);
      return;
    }
    const token = bearerToken(req.headers.authorization);
    const actor = this.authenticate(token);
    const route = matchRoute(method, url.pathname);
    const operationId = route?.operation.operationId ?? null;
    const log = (status: number, injected: boolean): void => {
      this.callLog.push({
        method,
        path: url.pathname,
        operationId,
        status,
        actor: actor?.login ?? null,
        token: token === null ? null : tokenFingerprint(token),
        injected,
      });
    };
    const documentationUrl = operationId === null ? "https://docs.github.com/rest" : this.contract.documentationUrl(operationId);

    if (actor === null) {
      const hasCredentials = req.headers.authorization !== undefined;
      this.send(res, errorResult(new GitHubError(401, hasCredentials ? "Bad credentials" : "Requires authentication"), documentationUrl));
      log(401, false);
      return;
    }
    if (method === "POST" && url.pathname === "/graphql") {
      await this.serveGraphQL(res, raw, log);
      return;
    }
    if (route === null || operationId === null) {
      this.send(res, {
        status: 501,
        body: {
          message: `Not implemented by the GitHub emulator: ${method} ${url.pathname}`,
          documentation_url: documentationUrl,
          status: "501",
        },
      });
      log(501, false);
      return;
    }
    const injected: InjectedResponse | null = this.faults.takeInjectedResponse(operationId);
    if (injected) {
      this.send(res, injected);
      log(injected.status, true);
      return;
    }

    let result: HandlerResult;
    try {
      const repo = this.repos.get(`${route.params["owner"] ?? ""}/${route.params["repo"] ?? ""}`.toLowerCase());
      if (!repo) throw notFound();
      const body = parseJsonBody(raw);
      const problems = this.contract.validateRequest(operationId, {
        method,
        path: route.canonicalPath,
        query: Object.fromEntries(url.searchParams),
        headers: definedHeaders(req.headers),
        body,
      });
      if (problems.length > 0) throw invalidRequest(problems);
      const context: RequestContext = {
        operationId,
        params: route.params,
        url,
        body,
        actor,
        repo,
        templates: this.templates,
        ids: this.ids,
        faults: this.faults,
        treeEntryLimit: this.options.treeEntryLimit ?? 100_000,
        serverUrl: this.url,
        now: () => isoSeconds(this.now()),
      };
      result = await HANDLERS[operationId](context);
    } catch (error) {
      result =
        error instanceof GitHubError ? errorResult(error, documentationUrl) : this.internalError(error, method, url.pathname, operationId);
    }
    const { body, tampered } = this.faults.tamper(operationId, result.body);
    result = tampered ? { ...result, ...(body === undefined ? {} : { body }) } : result;
    const problems = this.contract.validateResponse(operationId, result.status, result.body);
    if (problems.length > 0) this.violations.push({ method, path: url.pathname, operationId, status: result.status, problems });
    this.send(res, result);
    log(result.status, false);
  }

  /** GitHub's GraphQL endpoint: checked against GitHub's GraphQL schema instead of the REST description (graphql.ts). */
  private async serveGraphQL(res: http.ServerResponse, raw: Buffer, log: (status: number, injected: boolean) => void): Promise<void> {
    let result: HandlerResult;
    try {
      result = await answerGraphQL(parseJsonBody(raw), {
        findRepo: (owner, name) => this.repos.get(`${owner}/${name}`.toLowerCase()),
        served: (oid) => this.blobLog.push(oid),
      });
    } catch (error) {
      result =
        error instanceof GitHubError
          ? errorResult(error, "https://docs.github.com/graphql")
          : this.internalError(error, "POST", "/graphql", null);
    }
    this.send(res, result);
    log(result.status, false);
  }

  /** The emulator's codeload: outside the REST contract, the fault switches and `calls()`. */
  private async serveCodeload(req: http.IncomingMessage, res: http.ServerResponse, method: string, url: URL): Promise<void> {
    const result = await serveCodeload({
      method,
      url,
      findRepo: (owner, repo) => this.repos.get(`${owner}/${repo}`.toLowerCase()),
      now: this.now(),
    });
    this.requestCounter += 1;
    const headers = { "x-github-request-id": `EMU0:${this.requestCounter.toString(16).toUpperCase().padStart(6, "0")}`, ...result.headers };
    res.writeHead(result.status, headers).end(method === "HEAD" ? undefined : result.body);
    this.downloadLog.push({
      method,
      path: url.pathname,
      owner: result.owner,
      repo: result.repo,
      ref: result.ref,
      sha: result.sha,
      status: result.status,
      bytes: result.status === 200 ? result.body.length : 0,
      authorization: req.headers.authorization !== undefined,
    });
  }

  /** An emulator bug: answer 500 like GitHub and record it so the test fails. */
  private internalError(error: unknown, method: string, pathname: string, operationId: OperationId | null): HandlerResult {
    const message = error instanceof Error ? error.message : String(error);
    this.violations.push({ method, path: pathname, operationId, status: 500, problems: [{ where: "emulator", message }] });
    return { status: 500, body: { message: "Server Error", documentation_url: "https://docs.github.com/rest", status: "500" } };
  }

  private send(res: http.ServerResponse, result: HandlerResult): void {
    this.requestCounter += 1;
    const headers: Record<string, string> = {
      "x-github-request-id": `EMU0:${this.requestCounter.toString(16).toUpperCase().padStart(6, "0")}`,
      "x-github-media-type": "github.v3; format=json",
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": "4999",
      "x-ratelimit-used": "1",
      "x-ratelimit-reset": String(Math.floor(this.now().getTime() / 1000) + 3600),
      "x-ratelimit-resource": "core",
      ...result.headers,
    };
    if (result.body === undefined) {
      res.writeHead(result.status, headers).end();
      return;
    }
    res.writeHead(result.status, { ...headers, "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(result.body));
  }
}

function errorResult(error: GitHubError, documentationUrl: string): HandlerResult {
  const body: Record<string, Json> = { message: error.message };
  if (error.errors !== undefined) body["errors"] = error.errors.map((e) => (typeof e === "string" ? e : { ...e }));
  body["documentation_url"] = documentationUrl;
  body["status"] = String(error.status);
  return { status: error.status, body, headers: error.headers };
}

function bearerToken(header: string | undefined): string | null {
  return /^(?:token|bearer)\s+(\S+)$/i.exec(header ?? "")?.[1] ?? null;
}

/** A short, one-way label for a token, safe to keep in logs and assertions. */
export function tokenFingerprint(token: string): string {
  return `sha256:${createHash("sha256").update(token).digest("hex").slice(0, 12)}`;
}

function definedHeaders(headers: http.IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = value;
  return out;
}

function parseJsonBody(raw: Buffer): Json | undefined {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString("utf8")) as Json;
  } catch {
    throw new GitHubError(400, "Problems parsing JSON");
  }
}

export function startGitHubEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return Emulator.start(options);
}
