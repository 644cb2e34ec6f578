// What the render of a whole run would hand to a consumer that refuses it, found before anything
// is written: Argo CD Application names over 63 characters, or made by two specs in one Argo CD
// namespace, file names longer than file systems accept, and two objects of one spec with the
// same kind, namespace and name (an alb route named like the Ingress in front of a proxy), which
// two Applications would fight over. These depend on everything a
// provider renders, so they are read off the render rather than predicted from the spec.
import { DNS_LABEL_MAX, PATH_SEGMENT_MAX_BYTES } from "../controllers/names.ts";
import { report, type CheckContext } from "../validate/checks/context.ts";
import type { Problem } from "../problems.ts";
import type { ValidSpec } from "../validate/validate.ts";
import type { PathSegment } from "../load/yaml-source.ts";
import { isRecord } from "../is-record.ts";
import type { SpecFiles } from "./render-specs.ts";
import { SOURCE_ANNOTATION } from "./stamp.ts";

/** An Application already made by a spec of the run: where its name was written, and the spec's name. */
interface Made {
  /** `file:line:col`, said now: keeping the spec around to say it later would keep every spec of the run. */
  readonly at: string;
  readonly spec: string;
}

/**
 * The checks, fed one spec's render at a time: only the Application names are compared across
 * specs, so one spec's render is garbage before the next is made (a fleet's renders held at once
 * were a third of a 50,000-route run's memory).
 */
export interface NamePreflight {
  /** The problems of `files`, the render of `v`, and of its Applications against those of the specs added before. */
  add(v: ValidSpec, files: SpecFiles): Problem[];
}

export function namePreflight(): NamePreflight {
  const applications = new Map<string, Made>();
  return { add: (v, files) => specProblems(v, files, applications) };
}

function specProblems(v: ValidSpec, files: SpecFiles, applications: Map<string, Made>): Problem[] {
  const problems: Problem[] = [];
  const ctx: CheckContext = { spec: v.spec, source: v.source };
  // One object per kind, namespace and name: two Applications syncing one would fight over it.
  const objects = new Map<string, readonly PathSegment[]>();
  for (const file of files.files) {
    const object = file.documents?.[0];
    const metadata = isRecord(object) && isRecord(object["metadata"]) ? object["metadata"] : {};
    const blame = blameFor(v, metadata);
    const long = file.path.split("/").find((segment) => Buffer.byteLength(segment) > PATH_SEGMENT_MAX_BYTES);
    // Values files are Helm's input, not objects.
    if (isRecord(object) && typeof object["kind"] === "string" && !file.path.startsWith("values/")) {
      const namespace = typeof metadata["namespace"] === "string" ? `${metadata["namespace"]}/` : "";
      const identity = `${object["kind"]} ${namespace}${String(metadata["name"])}`;
      const same = objects.get(identity);
      if (same === undefined) objects.set(identity, blame);
      else
        problems.push(
          report(
            ctx,
            blame,
            `makes the ${identity} (${file.path}), which ${where(ctx, same)} makes too (the same kind, namespace and name); rename one`,
          ),
        );
    }
    if (long !== undefined)
      problems.push(
        report(
          ctx,
          blame,
          `makes the file name '${long.slice(0, 40)}…' (${Buffer.byteLength(long)} bytes, at most ${PATH_SEGMENT_MAX_BYTES} in a file system); shorten it`,
        ),
      );
    const kind = isRecord(object) ? object["kind"] : undefined;
    if (kind !== "Application" && kind !== "ApplicationSet") continue;
    const name = String(metadata["name"]);
    // Label tracking (Argo CD's default before 3.0) puts the name in a label value.
    if (name.length > DNS_LABEL_MAX)
      problems.push(
        report(
          ctx,
          blame,
          `makes the Argo CD ${kind} '${name}' (${name.length} characters, at most ${DNS_LABEL_MAX}: label tracking puts the name in a label value); shorten it`,
        ),
      );
    const key = `${String(metadata["namespace"])}/${name}`;
    const first = applications.get(key);
    if (first === undefined) applications.set(key, { at: where(ctx, blame), spec: v.spec.metadata.name });
    else
      problems.push(
        report(
          ctx,
          blame,
          `makes the Argo CD ${kind} '${name}' in namespace '${String(metadata["namespace"])}', which ${first.at} (spec '${first.spec}') makes too; one would overwrite the other: rename one`,
        ),
      );
  }
  return problems;
}

/** Each spec's gateways, load balancers and routes by stamped name, first index of each. */
const stampedIndexes = new WeakMap<ValidSpec, ReadonlyMap<string, PathSegment[]>>();

function stampedIndex(v: ValidSpec): ReadonlyMap<string, PathSegment[]> {
  let index = stampedIndexes.get(v);
  if (index === undefined) {
    // Built once per spec: looking each file's stamp up in the routes was quadratic (10,000 routes: 1.9 s).
    const entries: [string, PathSegment[]][] = [
      ...v.spec.gateways.map((g, i): [string, PathSegment[]] => [`gateway:${g.name}`, ["gateways", i, "name"]]),
      ...v.spec.loadBalancers.map((lb, i): [string, PathSegment[]] => [`loadBalancer:${lb.name}`, ["loadBalancers", i, "name"]]),
      ...v.spec.routes.map((r, i): [string, PathSegment[]] => [`route:${r.namespace}/${r.name}`, ["routes", i, "name"]]),
    ];
    const built = new Map<string, PathSegment[]>();
    for (const [key, at] of entries) if (!built.has(key)) built.set(key, at);
    index = built;
    stampedIndexes.set(v, index);
  }
  return index;
}

/** The field whose name went into an object's name: the spec entry it is stamped with, or the spec's name. */
function blameFor(v: ValidSpec, metadata: Record<string, unknown>): PathSegment[] {
  const annotations = isRecord(metadata["annotations"]) ? metadata["annotations"] : {};
  const stamped = annotations[SOURCE_ANNOTATION];
  return (typeof stamped === "string" ? stampedIndex(v).get(stamped) : undefined) ?? ["metadata", "name"];
}

function where(ctx: CheckContext, blame: readonly PathSegment[]): string {
  const at = ctx.source.locate(blame);
  return `${ctx.source.file}:${at.line}:${at.col}`;
}
