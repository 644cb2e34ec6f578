// A tiny smart-HTTP git server on loopback: node:http in front of `git http-backend` (CGI), for
// the git-CLI side of the side-by-side. Counts request and response body bytes, like the
// counting proxy in front of the emulator, so both sides are measured the same way.
import { spawn } from "node:child_process";
import http from "node:http";
import { closeServer, listenOnLoopback } from "../test/support/loopback.ts";
import { emptyTraffic, type Traffic } from "./support.ts";

const BACKEND = "/usr/lib/git-core/git-http-backend";

export class GitHttpServer {
  traffic: Traffic = emptyTraffic();
  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  /** Serves the bare repositories under `projectRoot` (pushes need `http.receivepack=true` in each). */
  static async start(projectRoot: string): Promise<GitHttpServer> {
    const server = http.createServer();
    const url = await listenOnLoopback(server);
    const self = new GitHttpServer(server, url);
    server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
      self.handle(projectRoot, req, res);
    });
    return self;
  }

  private handle(projectRoot: string, req: http.IncomingMessage, res: http.ServerResponse): void {
    this.traffic.requests += 1;
    const started = performance.now();
    res.on("finish", () => {
      this.traffic.serverMs += performance.now() - started;
    });
    const url = new URL(req.url ?? "/", this.url);
    const header = (name: string): string => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(", ") : (value ?? "");
    };
    const env: Record<string, string> = {
      PATH: process.env["PATH"] ?? "/usr/bin:/bin",
      GIT_PROJECT_ROOT: projectRoot,
      GIT_HTTP_EXPORT_ALL: "1",
      GIT_CONFIG_NOSYSTEM: "1",
      HOME: projectRoot,
      GATEWAY_INTERFACE: "CGI/1.1",
      SERVER_PROTOCOL: "HTTP/1.1",
      REQUEST_METHOD: req.method ?? "GET",
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.replace(/^\?/, ""),
      CONTENT_TYPE: header("content-type"),
      REMOTE_ADDR: "127.0.0.1",
      REMOTE_USER: "bench",
    };
    if (req.headers["content-length"] !== undefined) env["CONTENT_LENGTH"] = header("content-length");
    if (req.headers["content-encoding"] !== undefined) env["HTTP_CONTENT_ENCODING"] = header("content-encoding");
    if (req.headers["git-protocol"] !== undefined) env["HTTP_GIT_PROTOCOL"] = header("git-protocol");
    const cgi = spawn(BACKEND, [], { env, stdio: ["pipe", "pipe", "pipe"], timeout: 120_000, killSignal: "SIGKILL" });
    let head = Buffer.alloc(0);
    let headerDone = false;
    let stderr = "";
    cgi.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    cgi.stdout.on("data", (chunk: Buffer) => {
      if (headerDone) {
        this.traffic.responseBodyBytes += chunk.length;
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const crlf = head.indexOf("\r\n\r\n");
      const lf = head.indexOf("\n\n");
      const end = crlf !== -1 && (lf === -1 || crlf < lf) ? { at: crlf, length: 4 } : lf !== -1 ? { at: lf, length: 2 } : undefined;
      if (end === undefined) return;
      headerDone = true;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.subarray(0, end.at).toString("latin1").split(/\r?\n/)) {
        const colon = line.indexOf(":");
        if (colon === -1) continue;
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === "status") status = Number.parseInt(value, 10);
        else headers[name] = value;
      }
      res.writeHead(status, headers);
      const body = head.subarray(end.at + end.length);
      this.traffic.responseBodyBytes += body.length;
      if (body.length > 0) res.write(body);
    });
    cgi.on("close", (code) => {
      if (!headerDone) {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(`git http-backend exited ${code}: ${stderr}`);
        return;
      }
      res.end();
    });
    cgi.stdin.on("error", () => undefined);
    req.on("data", (chunk: Buffer) => {
      this.traffic.requestBodyBytes += chunk.length;
    });
    req.pipe(cgi.stdin);
  }

  reset(): void {
    this.traffic = emptyTraffic();
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
  }
}
