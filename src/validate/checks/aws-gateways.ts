// An aws gateway IS its load balancer: ALBC makes one ALB or NLB per Gateway, from the Gateway
// and its LoadBalancerConfiguration, so it can be neither external nor shared, and what ALBC's
// Gateway does not read must not be written as if it did.
import type { Problem } from "../../problems.ts";
import { gatewaysBehind, loadBalancerOf } from "../spec-facts.ts";
import { report, type Check } from "./context.ts";

/** subnets and attributes are fields of an aws gateway's LoadBalancerConfiguration; the others take annotations. */
export const awsOnlyLoadBalancerFields: Check = (ctx) =>
  ctx.spec.loadBalancers.flatMap((lb, i): Problem[] => {
    if (gatewaysBehind(ctx.spec, lb).some((g) => g.type === "aws")) return [];
    const annotation = (field: "subnets" | "attributes") =>
      lb.type === "alb"
        ? `alb.ingress.kubernetes.io/${field === "subnets" ? "subnets" : "load-balancer-attributes"}`
        : `service.beta.kubernetes.io/aws-load-balancer-${field === "subnets" ? "subnets" : "attributes"}`;
    return (["subnets", "attributes"] as const).flatMap((field) =>
      lb[field] === undefined
        ? []
        : [
            report(
              ctx,
              ["loadBalancers", i, field],
              `only an aws gateway's load balancer takes ${field} as a field; this one is made from ${lb.type === "alb" ? "Ingresses" : "a Service"}: set the ${annotation(field)} annotation instead`,
              {
                part: "key",
              },
            ),
          ],
    );
  });

export const awsGatewayOwnsItsLoadBalancer: Check = (ctx) =>
  ctx.spec.gateways.flatMap((gateway, i): Problem[] => {
    if (gateway.type !== "aws") return [];
    const lb = loadBalancerOf(ctx.spec, gateway);
    if (lb === undefined) return [];
    const at = ctx.spec.loadBalancers.indexOf(lb);
    const kind = lb.type.toUpperCase();
    const problems: Problem[] = [];
    if (lb.external !== undefined) {
      problems.push(
        report(
          ctx,
          ["loadBalancers", at, "external"],
          `ALBC makes the ${kind} of aws gateway '${gateway.name}' from the Gateway itself, so it cannot be one made elsewhere; remove external, or use ${lb.type === "alb" ? "an istio or kong" : "a cilium"} gateway to bind it`,
          { part: "key" },
        ),
      );
    }
    if (lb.type === "nlb" && lb.service !== undefined)
      problems.push(
        report(
          ctx,
          ["loadBalancers", at, "service"],
          `NLB '${lb.name}' is aws gateway '${gateway.name}' itself (ALBC makes one NLB per Gateway), so it cannot also expose a Service; give the Service an NLB of its own, or route to it with a TCP route`,
          { part: "key" },
        ),
      );
    // Two aws gateways on one load balancer: the later one is told, once.
    const others = gatewaysBehind(ctx.spec, lb).filter((g) => g.type !== "aws" || ctx.spec.gateways.indexOf(g) > i);
    for (const other of others) {
      problems.push(
        report(
          ctx,
          ["gateways", ctx.spec.gateways.indexOf(other), "loadBalancer"],
          `${kind} '${lb.name}' is aws gateway '${gateway.name}' itself (ALBC makes one ${kind} per Gateway); give this gateway a load balancer of its own`,
        ),
      );
    }
    // The annotations and the IngressGroup are read only from Ingresses and Services
    // (docs/guide/ingress/annotations.md, docs/guide/service/annotations.md): refused rather than lost.
    if (Object.keys(lb.annotations).length > 0)
      problems.push(
        report(
          ctx,
          ["loadBalancers", at, "annotations"],
          `ALBC reads no annotations for the ${kind} of aws gateway '${gateway.name}' (its LoadBalancerConfiguration carries what the spec says); use the load balancer's fields (subnets, attributes, securityGroups, inboundCidrs, certificateArns${lb.type === "alb" ? ", wafAclArn" : ""}), or an Ingress- or Service-based gateway for the rest`,
          { part: "key" },
        ),
      );
    if (lb.type === "alb" && lb.groupName !== undefined)
      problems.push(
        report(
          ctx,
          ["loadBalancers", at, "groupName"],
          `unused: the ALB of aws gateway '${gateway.name}' is its Gateway, not an IngressGroup`,
          {
            severity: "warning",
            part: "key",
          },
        ),
      );
    (gateway.listeners ?? []).forEach((listener, j) => {
      if (listener.tls !== undefined)
        problems.push(
          report(
            ctx,
            ["gateways", i, "listeners", j, "tls"],
            `ALBC's Gateway cannot take a certificate from a Secret (certificateRefs, docs/guide/gateway/gateway.md); remove tls and set loadBalancers[${at}].certificateArns, or leave both out for ALBC to discover an ACM certificate by the listener's hostname`,
            { part: "key" },
          ),
        );
    });
    return problems;
  });
