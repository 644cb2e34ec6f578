// What a spec asks for that no rendered file can carry: said as a positioned warning at validate
// (and by every command that renders), never dropped silently.
import type { Problem } from "../../problems.ts";
import { report, type Check } from "./context.ts";

/** Settings of a load balancer made elsewhere (Terraform, Pulumi) that a TargetGroupBinding cannot carry. */
const EXTERNAL_UNUSED = [
  "certificateArns",
  "sslPolicy",
  "wafAclArn",
  "securityGroups",
  "inboundCidrs",
  "annotations",
  "healthCheck",
] as const;

export const externalSettingsUnused: Check = (ctx) =>
  ctx.spec.loadBalancers.flatMap((lb, i) => {
    if (lb.external === undefined) return [];
    const set = EXTERNAL_UNUSED.filter((field) => {
      const value = (lb as Partial<Record<(typeof EXTERNAL_UNUSED)[number], unknown>>)[field];
      return value !== undefined && (typeof value !== "object" || value === null || Object.keys(value).length > 0);
    });
    return set.map((field) =>
      report(
        ctx,
        ["loadBalancers", i, field],
        `'${lb.name}' is external: '${field}' belongs to whatever made it (Terraform, Pulumi) and is not rendered`,
        { severity: "warning", part: "key" },
      ),
    );
  });

/** An external NLB's target group forwards one port: the TargetGroupBinding binds the first listener's. */
export const externalNlbBindsOnePort: Check = (ctx) =>
  ctx.spec.gateways.flatMap((g, i): Problem[] => {
    if (g.type !== "cilium" || g.listeners === undefined) return [];
    const lb = ctx.spec.loadBalancers.find((l) => l.name === g.loadBalancer);
    if (lb?.external === undefined || new Set(g.listeners.map((l) => l.port)).size <= 1) return [];
    return [
      report(
        ctx,
        ["gateways", i, "listeners"],
        `an external NLB's target group forwards one port, so only listener port ${g.listeners[0]?.port ?? 80} is bound`,
        { severity: "warning", part: "key" },
      ),
    ];
  });
