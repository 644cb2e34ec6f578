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

interface Made {
  readonly ctx: CheckContext;
  readonly spec: string;
  readonly blame: readonly PathSegment[];
}

/** `rendered[i]` is the render of `valid[i]`. */
export function renderedNameProblems(valid: readonly ValidSpec[], rendered: readonly SpecFiles[]): Problem[] {
  const problems: Problem[] = [];
  const applications = new Map<string, Made>();
  rendered.forEach((files, i) => {
    const v = valid[i];
    if (v === undefined) return;
    const ctx: CheckContext = { spec: v.spec, source: v.source };
    // One object per kind, namespace and name: two Applications syncing one would fight over it.
    const objects = new Map<string, Made>();
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
        if (same === undefined) objects.set(identity, { ctx, spec: v.spec.metadata.name, blame });
        else
          problems.push(
            report(
              ctx,
              blame,
              `makes the ${identity} (${file.path}), which ${where(same)} makes too (the same kind, namespace and name); rename one`,
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
      if (first === undefined) applications.set(key, { ctx, spec: v.spec.metadata.name, blame });
      else
        problems.push(
          report(
            ctx,
            blame,
            `makes the Argo CD ${kind} '${name}' in namespace '${String(metadata["namespace"])}', which ${where(first)} (spec '${first.spec}') makes too; one would overwrite the other: rename one`,
          ),
        );
    }
  });
  return problems;
}

/** The field whose name went into an object's name: the spec entry it is stamped with, or the spec's name. */
function blameFor(v: ValidSpec, metadata: Record<string, unknown>): PathSegment[] {
  const annotations = isRecord(metadata["annotations"]) ? metadata["annotations"] : {};
  const stamped = annotations[SOURCE_ANNOTATION];
  const entry = typeof stamped === "string" ? stamped : "";
  const colon = entry.indexOf(":");
  const kind = entry.slice(0, colon);
  const name = entry.slice(colon + 1);
  const at = (field: string, i: number): PathSegment[] => (i < 0 ? ["metadata", "name"] : [field, i, "name"]);
  switch (kind) {
    case "gateway":
      return at(
        "gateways",
        v.spec.gateways.findIndex((g) => g.name === name),
      );
    case "loadBalancer":
      return at(
        "loadBalancers",
        v.spec.loadBalancers.findIndex((lb) => lb.name === name),
      );
    case "route":
      return at(
        "routes",
        v.spec.routes.findIndex((r) => `${r.namespace}/${r.name}` === name),
      );
    default:
      return ["metadata", "name"];
  }
}

function where(made: Made): string {
  const at = made.ctx.source.locate(made.blame);
  return `${made.ctx.source.file}:${at.line}:${at.col}`;
}
