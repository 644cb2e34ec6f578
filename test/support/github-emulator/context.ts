/** What a route handler receives and returns. */
import type { Json } from "./contract.ts";
import type { Faults } from "./faults.ts";
import type { Actor, IdSequence, RepoRecord } from "./model.ts";
import type { OperationId } from "./operations.ts";
import type { Templates } from "./templates.ts";

export interface RequestContext {
  operationId: OperationId;
  params: Record<string, string>;
  /** Full request URL (query parameters, pagination links). */
  url: URL;
  body: Json | undefined;
  actor: Actor;
  repo: RepoRecord;
  templates: Templates;
  ids: IdSequence;
  faults: Faults;
  treeEntryLimit: number;
  /** The emulator's own base URL (e.g. `http://127.0.0.1:PORT`), for redirects to `/_codeload`. */
  serverUrl: string;
  /** Current time as GitHub prints it (ISO 8601, seconds precision). */
  now(): string;
}

export interface HandlerResult {
  status: number;
  body?: Json;
  headers?: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => Promise<HandlerResult>;

/** Reads an object-valued request body; the OpenAPI check has already vetted its shape. */
export function bodyObject(ctx: RequestContext): Record<string, Json> {
  const body = ctx.body;
  return typeof body === "object" && body !== null && !Array.isArray(body) ? body : {};
}

export function optionalString(value: Json | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}
