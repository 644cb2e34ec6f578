// Names are unique, and every name a spec refers to exists.
import type { Problem } from "../../problems.ts";
import { didYouMean } from "../suggest.ts";
import type { PathSegment } from "../../load/yaml-source.ts";
import { lineOf, report, type Check, type CheckContext } from "./context.ts";

function duplicates<T>(
  ctx: CheckContext,
  list: "loadBalancers" | "gateways" | "routes",
  items: readonly T[],
  identity: (item: T) => string,
  noun: string,
): Problem[] {
  const first = new Map<string, number>();
  const problems: Problem[] = [];
  items.forEach((item, i) => {
    const id = identity(item);
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, i);
    else
      problems.push(
        report(
          ctx,
          [list, i, "name"],
          `${noun} '${id}' is already defined at ${list}[${earlier}] (${lineOf(ctx, [list, earlier, "name"])})`,
        ),
      );
  });
  return problems;
}

export const uniqueNames: Check = (ctx) => [
  ...duplicates(ctx, "loadBalancers", ctx.spec.loadBalancers, (lb) => lb.name, "load balancer"),
  ...duplicates(ctx, "gateways", ctx.spec.gateways, (g) => g.name, "gateway"),
  ...duplicates(ctx, "routes", ctx.spec.routes, (r) => `${r.namespace}/${r.name}`, "route"),
];

function unknownReference(ctx: CheckContext, path: readonly PathSegment[], noun: string, name: string, known: string[]): Problem {
  const list = known.length > 0 ? ` (known: ${known.join(", ")})` : ` (the spec defines no ${noun}s)`;
  return report(ctx, path, `unknown ${noun} '${name}'${didYouMean(name, known)}${list}`);
}

export const knownReferences: Check = (ctx) => {
  const lbNames = ctx.spec.loadBalancers.map((lb) => lb.name);
  const gatewayNames = ctx.spec.gateways.map((g) => g.name);
  return [
    ...ctx.spec.gateways.flatMap((g, i) =>
      lbNames.includes(g.loadBalancer)
        ? []
        : [unknownReference(ctx, ["gateways", i, "loadBalancer"], "load balancer", g.loadBalancer, lbNames)],
    ),
    ...ctx.spec.routes.flatMap((r, i) =>
      gatewayNames.includes(r.gateway) ? [] : [unknownReference(ctx, ["routes", i, "gateway"], "gateway", r.gateway, gatewayNames)],
    ),
  ];
};
