// Each gateway's own settings are coherent.
import type { Problem } from "../../problems.ts";
import { lineOf, report, type Check } from "./context.ts";

export const gatewayListeners: Check = (ctx) =>
  ctx.spec.gateways.flatMap((gateway, i) => {
    const problems: Problem[] = [];
    const listeners = gateway.listeners ?? [];
    if (gateway.listeners !== undefined && (gateway.type === "kong" || gateway.type === "alb")) {
      const why = gateway.type === "kong" ? "the Kong proxy listens on the ALB's behalf" : "an alb gateway listens with its ALB";
      problems.push(
        report(ctx, ["gateways", i, "listeners"], `unused: ${why}; set the load balancer's 'listen' instead`, {
          severity: "warning",
          part: "key",
        }),
      );
      return problems;
    }
    listeners.forEach((listener, j) => {
      const at = ["gateways", i, "listeners", j] as const;
      const sameName = listeners.findIndex((l) => l.name === listener.name);
      if (sameName < j)
        problems.push(
          report(
            ctx,
            [...at, "name"],
            `listener '${listener.name}' is already defined (${lineOf(ctx, ["gateways", i, "listeners", sameName, "name"])})`,
          ),
        );
      const samePort = listeners.findIndex((l) => l.port === listener.port);
      const other = listeners[samePort];
      if (samePort < j && other !== undefined) {
        // A TCP and a UDP listener on one port are one TCP_UDP port of an NLB.
        const tcpUdp = other.protocol !== listener.protocol && [other.protocol, listener.protocol].every((p) => p === "TCP" || p === "UDP");
        if (other.protocol !== listener.protocol && !tcpUdp) {
          problems.push(
            report(
              ctx,
              [...at, "port"],
              `port ${listener.port} is already an ${other.protocol} listener (${lineOf(ctx, ["gateways", i, "listeners", samePort, "port"])}); one port speaks one protocol`,
            ),
          );
        } else if (
          listeners.findIndex((l) => l.port === listener.port && l.protocol === listener.protocol && l.hostname === listener.hostname) < j
        ) {
          problems.push(
            report(
              ctx,
              [...at, "hostname"],
              `another listener already serves ${listener.hostname ?? "any host"} on port ${listener.port}`,
              { part: "key" },
            ),
          );
        }
      }
      // An aws gateway's certificates are its ALB's (checks/aws-gateways.ts).
      if (listener.protocol === "HTTPS" && listener.tls === undefined && gateway.type !== "aws") {
        problems.push(report(ctx, [...at, "protocol"], "an HTTPS listener needs tls.secretName, the Secret holding its certificate"));
      }
      if (listener.protocol === "HTTP" && listener.tls !== undefined) {
        problems.push(report(ctx, [...at, "tls"], "tls is for HTTPS listeners; this one is HTTP", { part: "key" }));
      }
    });
    return problems;
  });

export const gatewaySettings: Check = (ctx) =>
  ctx.spec.gateways.flatMap((gateway, i) => {
    const problems: Problem[] = [];
    if (gateway.type === "istio" && gateway.namespace === "istio-system") {
      problems.push(
        report(
          ctx,
          ["gateways", i, "namespace"],
          "an Istio gateway must not run in istio-system: istio-base labels it istio-injection=disabled, so the gateway's 'image: auto' pods never get an image; use a namespace of its own such as istio-ingress",
        ),
      );
    }
    if (gateway.type === "alb" && gateway.namespace !== undefined) {
      problems.push(
        report(
          ctx,
          ["gateways", i, "namespace"],
          "unused: an alb gateway has no object of its own; each route's Ingress lives in the route's namespace",
          { severity: "warning", part: "key" },
        ),
      );
    }
    if (
      (gateway.type === "istio" || gateway.type === "kong") &&
      gateway.autoscaling !== undefined &&
      gateway.autoscaling.minReplicas > gateway.autoscaling.maxReplicas
    ) {
      problems.push(
        report(
          ctx,
          ["gateways", i, "autoscaling", "minReplicas"],
          `minReplicas ${gateway.autoscaling.minReplicas} is above maxReplicas ${gateway.autoscaling.maxReplicas}`,
        ),
      );
    }
    if ((gateway.type === "istio" || gateway.type === "kong") && gateway.replicas !== undefined && gateway.autoscaling !== undefined) {
      // istio/gateway 1.30.3 deployment.yaml and kong 3.2.0 deployment.yaml set `replicas` only when autoscaling is off.
      problems.push(
        report(
          ctx,
          ["gateways", i, "replicas"],
          `ignored when autoscaling is set: the ${gateway.type === "istio" ? "istio/gateway" : "kong"} chart leaves the replica count to the HorizontalPodAutoscaler; remove replicas and set autoscaling.minReplicas (now ${gateway.autoscaling.minReplicas}) instead`,
          { part: "key" },
        ),
      );
    }
    const firstKong = ctx.spec.gateways.findIndex((g) => g.type === "kong");
    if (gateway.type === "kong" && firstKong < i) {
      problems.push(
        report(
          ctx,
          ["gateways", i, "type"],
          `gateway '${ctx.spec.gateways[firstKong]?.name ?? ""}' is already this cluster's kong gateway; two Kong installations would both claim the 'kong' IngressClass`,
        ),
      );
    }
    if (!ctx.spec.routes.some((r) => r.gateway === gateway.name)) {
      problems.push(
        report(ctx, ["gateways", i, "name"], `no route uses gateway '${gateway.name}'; it will serve nothing`, { severity: "warning" }),
      );
    }
    return problems;
  });
