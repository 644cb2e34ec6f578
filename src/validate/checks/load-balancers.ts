// Each load balancer fits what it fronts, and its own settings agree with each other.
import { isIP } from "node:net";
import { checkAnnotation, documentedKeys } from "../../controllers/albc-annotations.ts";
import type { Problem } from "../../problems.ts";
import { didYouMean } from "../suggest.ts";
import { gatewaysBehind } from "../spec-facts.ts";
import type { GatewayType, LoadBalancerType } from "../types.ts";
import { withArticle } from "./article.ts";
import { lineOf, report, type Check } from "./context.ts";

/** The contract's gateway-type table: what sits in front of each kind of gateway. */
const LOAD_BALANCER_FOR: Record<GatewayType, LoadBalancerType> = { cilium: "nlb", istio: "alb", kong: "alb", alb: "alb", aws: "alb" };

const PROTOCOLS: Record<LoadBalancerType, readonly string[]> = { alb: ["HTTP", "HTTPS"], nlb: ["TCP", "TLS", "UDP", "TCP_UDP"] };

export const gatewaysFitTheirLoadBalancer: Check = (ctx) =>
  ctx.spec.gateways.flatMap((g, i) => {
    const lb = ctx.spec.loadBalancers.find((l) => l.name === g.loadBalancer);
    const wanted = LOAD_BALANCER_FOR[g.type];
    if (lb === undefined) return [];
    if (g.type === "kong" && lb.targetType === "instance") {
      const at = ctx.spec.loadBalancers.indexOf(lb);
      return [
        report(
          ctx,
          ["loadBalancers", at, "targetType"],
          `ALB '${lb.name}' fronts kong gateway '${g.name}', whose health endpoint (8100 /status/ready) exists only on its pods: use targetType ip`,
        ),
      ];
    }
    if (g.type === "cilium" && lb.type === "nlb" && lb.targetType === "ip") {
      const at = ctx.spec.loadBalancers.indexOf(lb);
      return [
        report(
          ctx,
          ["loadBalancers", at, "targetType"],
          `NLB '${lb.name}' fronts cilium gateway '${g.name}', whose Service has no selector and only a dummy endpoint (192.192.192.192:9999), so ip targets register nothing (aws-load-balancer-controller#3754): use targetType instance, or leave it out, and the NLB targets the node ports Cilium serves`,
        ),
      ];
    }
    // ALBC makes an aws gateway into either: an ALB for HTTP and GRPC routes, an NLB for TCP, TLS and UDP ones.
    if (lb.type === wanted || g.type === "aws") return [];
    return [
      report(
        ctx,
        ["gateways", i, "loadBalancer"],
        `${withArticle(g.type)} gateway sits behind ${withArticle(wanted)}, but '${lb.name}' is ${withArticle(lb.type)}`,
      ),
    ];
  });

export const loadBalancerUse: Check = (ctx) =>
  ctx.spec.loadBalancers.flatMap((lb, i) => {
    const fronted = gatewaysBehind(ctx.spec, lb);
    const problems: Problem[] = [];
    if (lb.type === "nlb" && lb.service !== undefined && fronted.length > 0) {
      problems.push(
        report(
          ctx,
          ["loadBalancers", i, "service"],
          `an NLB either exposes one Service or fronts a gateway, not both; gateway '${fronted[0]?.name ?? ""}' uses '${lb.name}'`,
          { part: "key" },
        ),
      );
    }
    if (lb.type === "nlb") {
      for (const extra of fronted.slice(1)) {
        const at = ctx.spec.gateways.indexOf(extra);
        problems.push(
          report(
            ctx,
            ["gateways", at, "loadBalancer"],
            `NLB '${lb.name}' already fronts gateway '${fronted[0]?.name ?? ""}'; an NLB forwards to exactly one gateway Service`,
          ),
        );
      }
    }
    const hasService = lb.type === "nlb" && lb.service !== undefined;
    if (fronted.length === 0 && !hasService) {
      const why = lb.type === "nlb" ? "no gateway uses it and it has no service" : "no gateway uses it";
      problems.push(
        report(ctx, ["loadBalancers", i, "name"], `load balancer '${lb.name}' fronts nothing (${why}); nothing is rendered for it`, {
          severity: "warning",
        }),
      );
    }
    return problems;
  });

export const externalBindings: Check = (ctx) =>
  ctx.spec.loadBalancers.flatMap((lb, i) => {
    if (lb.external === undefined) return [];
    const fronted = gatewaysBehind(ctx.spec, lb);
    const problems: Problem[] = [];
    const albGateway = fronted.find((g) => g.type === "alb");
    if (albGateway !== undefined) {
      problems.push(
        report(
          ctx,
          ["loadBalancers", i, "external"],
          `gateway '${albGateway.name}' is of type alb, whose Ingresses always create their own ALB; bind an external ALB to an istio or kong gateway instead`,
          { part: "key" },
        ),
      );
    }
    if (lb.type === "nlb" && lb.service !== undefined) {
      problems.push(
        report(
          ctx,
          ["loadBalancers", i, "service"],
          "an external load balancer binds a gateway's Service; 'service' asks ALBC to create an NLB",
          { part: "key" },
        ),
      );
    }
    if (ctx.spec.cluster.vpcId === undefined) {
      problems.push(
        report(ctx, ["cluster"], `load balancer '${lb.name}' is bound through a TargetGroupBinding, which needs cluster.vpcId`, {
          part: "key",
        }),
      );
    }
    return problems;
  });

export const listeners: Check = (ctx) =>
  ctx.spec.loadBalancers.flatMap((lb, i) => {
    const listen = lb.listen ?? [];
    const problems: Problem[] = [];
    const seen = new Map<number, number>();
    listen.forEach((l, j) => {
      if (!PROTOCOLS[lb.type].includes(l.protocol)) {
        problems.push(
          report(
            ctx,
            ["loadBalancers", i, "listen", j, "protocol"],
            `an ${lb.type.toUpperCase()} listens with ${PROTOCOLS[lb.type].join(", ")}, not ${l.protocol}`,
          ),
        );
      }
      const earlier = seen.get(l.port);
      if (earlier !== undefined) {
        problems.push(
          report(
            ctx,
            ["loadBalancers", i, "listen", j, "port"],
            `port ${l.port} is already a listener (${lineOf(ctx, ["loadBalancers", i, "listen", earlier, "port"])})`,
          ),
        );
      } else {
        seen.set(l.port, j);
      }
    });
    const secure = listen.some((l) => l.protocol === "HTTPS" || l.protocol === "TLS");
    if (lb.type === "nlb" && listen.some((l) => l.protocol === "TLS") && (lb.certificateArns ?? []).length === 0) {
      problems.push(report(ctx, ["loadBalancers", i, "listen"], "a TLS listener needs certificateArns", { part: "key" }));
    }
    for (const field of ["certificateArns", "sslPolicy"] as const) {
      if (lb[field] !== undefined && !secure) {
        problems.push(
          report(ctx, ["loadBalancers", i, field], `unused: '${lb.name}' has no ${lb.type === "alb" ? "HTTPS" : "TLS"} listener`, {
            severity: "warning",
            part: "key",
          }),
        );
      }
    }
    return problems;
  });

export const inboundCidrs: Check = (ctx) =>
  ctx.spec.loadBalancers.flatMap((lb, i) =>
    (lb.inboundCidrs ?? []).flatMap((cidr, j) =>
      isCidr(cidr)
        ? []
        : [report(ctx, ["loadBalancers", i, "inboundCidrs", j], `'${cidr}' is not an IPv4 or IPv6 CIDR such as 10.0.0.0/8`)],
    ),
  );

function isCidr(text: string): boolean {
  const [address = "", bits, ...rest] = text.split("/");
  const family = isIP(address);
  if (family === 0 || bits === undefined || rest.length > 0 || !/^[0-9]{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

export const rawAnnotations: Check = (ctx) =>
  ctx.spec.loadBalancers.flatMap((lb, i) =>
    Object.entries(lb.annotations).flatMap(([key, value]) => {
      const verdict = checkAnnotation(lb.type, key, value);
      if (verdict.ok) return [];
      const hint = verdict.reason === "unknown" ? didYouMean(key, documentedKeys(lb.type)) : "";
      return [report(ctx, ["loadBalancers", i, "annotations", key], `${verdict.detail}${hint}`, { part: "key" })];
    }),
  );
