// Checks across the specs of one run: each owns its own folder, and its name is its own.
import { foldersOverlap } from "./gitops-path.ts";
import { problem, type Problem } from "../problems.ts";
import type { TypedSpec } from "./validate.ts";

export function checkFleet(specs: readonly TypedSpec[]): Problem[] {
  const problems: Problem[] = [];
  specs.forEach((a, i) => {
    for (const b of specs.slice(0, i)) {
      const pathA = a.spec.gitops.path;
      const pathB = b.spec.gitops.path;
      if (foldersOverlap(pathA, pathB)) {
        const how =
          pathA === pathB
            ? "is also owned by"
            : pathA.startsWith(`${pathB}/`)
              ? "is inside the folder owned by"
              : "contains the folder owned by";
        problems.push(
          problem(
            a.file,
            a.source.locate(["gitops", "path"]),
            `gitops.path: '${pathA}' ${how} ${where(b, "gitops", "path")} ('${pathB}'); each spec must own a folder of its own`,
          ),
        );
      }
      if (a.spec.metadata.name === b.spec.metadata.name) {
        problems.push(
          problem(
            a.file,
            a.source.locate(["metadata", "name"]),
            `metadata.name: '${a.spec.metadata.name}' is also the name of ${where(b, "metadata", "name")}; names must be unique across specs`,
          ),
        );
      }
    }
  });
  return problems;
}

function where(spec: TypedSpec, ...path: string[]): string {
  const at = spec.source.locate(path);
  return `${spec.file}:${at.line}:${at.col}`;
}
