// Fields that only one type of load balancer or gateway understands. The JSON Schema accepts
// them everywhere (the contract's own example mixes them), so the refusal lives here.
import type { Problem } from "../../problems.ts";
import type { PathSegment } from "../../load/yaml-source.ts";
import { withArticle } from "./article.ts";
import { report, type Check, type CheckContext } from "./context.ts";

interface Rule {
  readonly field: string;
  readonly forTypes: readonly string[];
  readonly message: string;
}

const LOAD_BALANCER_RULES: readonly Rule[] = [
  { field: "wafAclArn", forTypes: ["alb"], message: "only an ALB takes a WAF web ACL" },
  { field: "groupName", forTypes: ["alb"], message: "only an ALB joins an IngressGroup" },
  {
    field: "preserveClientIp",
    forTypes: ["nlb"],
    message: "only an NLB keeps the client IP this way (externalTrafficPolicy Local); an ALB passes it in X-Forwarded-For",
  },
  { field: "service", forTypes: ["nlb"], message: "only an NLB exposes a Service directly" },
];

const GATEWAY_RULES: readonly Rule[] = [
  { field: "replicas", forTypes: ["istio", "kong"], message: "only istio and kong gateways run replicas of their own" },
  { field: "autoscaling", forTypes: ["istio", "kong"], message: "only istio and kong gateways run replicas of their own" },
  {
    field: "routeFormat",
    forTypes: ["istio", "kong"],
    message: "only istio and kong gateways choose the format of their routes (cilium and aws always render Gateway API, alb Ingresses)",
  },
  {
    field: "knownAs",
    forTypes: ["alb"],
    message: "only an alb gateway is known by a name of its own; the others are known by their objects' names",
  },
];

function applyRules(
  ctx: CheckContext,
  list: "loadBalancers" | "gateways",
  items: readonly object[],
  rules: readonly Rule[],
  noun: string,
): Problem[] {
  return items.flatMap((item, i) => {
    const fields = item as Record<string, unknown>;
    const type = String(fields["type"]);
    return rules
      .filter((rule) => fields[rule.field] !== undefined && !rule.forTypes.includes(type))
      .map((rule) => report(ctx, [list, i, rule.field] as PathSegment[], `${rule.message}; this ${noun} is ${type}`, { part: "key" }));
  });
}

export const typeSpecificFields: Check = (ctx) => [
  ...applyRules(ctx, "loadBalancers", ctx.spec.loadBalancers, LOAD_BALANCER_RULES, "load balancer"),
  ...applyRules(ctx, "gateways", ctx.spec.gateways, GATEWAY_RULES, "gateway"),
];

/** The route formats each gateway type renders: its own kind of route object, or Gateway API. */
const ROUTE_FORMATS: Readonly<Record<"istio" | "kong", readonly string[]>> = {
  istio: ["virtualService", "gatewayAPI"],
  kong: ["ingress", "gatewayAPI"],
};

export const routeFormatOfType: Check = (ctx) =>
  ctx.spec.gateways.flatMap((gateway, i) => {
    if ((gateway.type !== "istio" && gateway.type !== "kong") || gateway.routeFormat === undefined) return [];
    const formats = ROUTE_FORMATS[gateway.type];
    return formats.includes(gateway.routeFormat)
      ? []
      : [
          report(
            ctx,
            ["gateways", i, "routeFormat"],
            `${withArticle(gateway.type)} gateway's routes render as ${formats.join(" or ")}, not ${gateway.routeFormat}`,
            { part: "value" },
          ),
        ];
  });
