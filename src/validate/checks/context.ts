import { problem, type Problem, type Severity } from "../../problems.ts";
import { displayPath } from "../schema.ts";
import type { IngressSpec } from "../types.ts";
import type { PathSegment, SourceDocument } from "../../load/yaml-source.ts";

export interface CheckContext {
  readonly spec: IngressSpec;
  readonly source: SourceDocument;
}

/** A semantic check: pure, from a schema-valid spec to the problems it finds. */
export type Check = (ctx: CheckContext) => Problem[];

export interface ReportOptions {
  severity?: Severity;
  part?: "key" | "value";
}

/** A problem about the field at `path`, named the way the README names fields. */
export function report(ctx: CheckContext, path: readonly PathSegment[], message: string, options: ReportOptions = {}): Problem {
  const where = displayPath(path);
  return problem(ctx.source.file, ctx.source.locate(path, options.part), `${where === "" ? "" : `${where}: `}${message}`, options.severity);
}

/** `line N` of a field, for messages that point at a second place. */
export function lineOf(ctx: CheckContext, path: readonly PathSegment[]): string {
  return `line ${ctx.source.locate(path).line}`;
}
