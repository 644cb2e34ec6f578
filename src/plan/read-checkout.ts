// The checkout a run plans against, read from a folder on disk (`render --out`, `plan --gitops`):
// each spec's folder, refused when a link or a file is in the way or another spec owns or nests with it.
import type { SpecFiles } from "../render/render-specs.ts";
import type { Checkout } from "./write-plan.ts";
import { claimConflicts } from "./claims.ts";
import { boundedMap } from "./bounded-map.ts";
import { blockerRefusal, readFolder } from "./checkout.ts";
import { pathsInTheWay } from "./in-the-way.ts";

const FOLDERS_AT_ONCE = 4;

export type CheckoutRead =
  { readonly ok: true; readonly checkout: Checkout } | { readonly ok: false; readonly refusals: readonly string[] };

export async function readCheckout(root: string, specs: readonly SpecFiles[]): Promise<CheckoutRead> {
  const checkout = new Map<string, string>();
  const records = new Map<string, string>();
  const refusals: string[] = [];
  // Folders are read a few at a time, each its files a few at a time (checkout.ts).
  const reads = await boundedMap(specs, FOLDERS_AT_ONCE, (spec) => readFolder(root, spec.folder));
  for (const [i, spec] of specs.entries()) {
    const read = reads[i];
    if (read === undefined) continue;
    if (!read.ok) {
      refusals.push(blockerRefusal(read.blocker, spec.folder));
      continue;
    }
    for (const [path, content] of read.files) checkout.set(path, content);
    for (const [path, content] of [...read.files, ...read.records]) records.set(path, content);
  }
  refusals.push(
    ...pathsInTheWay(specs, checkout.keys()),
    ...claimConflicts(
      specs.map((s) => ({ folder: s.folder, spec: s.spec, source: s.source })),
      records,
    ),
  );
  return refusals.length === 0 ? { ok: true, checkout } : { ok: false, refusals };
}
