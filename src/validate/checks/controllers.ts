// Controller settings agree with the topology, and one Gateway API release suits them all.
import { chartMinor, GATEWAY_API_CONTROLLERS, knownChartMinors } from "../../controllers/gateway-api.ts";
import type { Problem } from "../../problems.ts";
import { clusterGatewayApi, enabledControllers, needsServiceController, needsServiceControllerOff } from "../spec-facts.ts";
import type { PathSegment } from "../../load/yaml-source.ts";
import { report, type Check, type CheckContext } from "./context.ts";

export const knownChartVersions: Check = (ctx) =>
  GATEWAY_API_CONTROLLERS.flatMap((controller) => {
    const settings = ctx.spec.controllers[controller];
    if (settings === undefined || knownChartMinors(controller).includes(chartMinor(settings.chartVersion))) return [];
    const known = knownChartMinors(controller)
      .map((m) => `${m}.x`)
      .join(", ");
    return [
      report(
        ctx,
        ["controllers", controller, "chartVersion"],
        `ingress-gitops is tested with ${controller} charts ${known}, not ${settings.chartVersion}`,
      ),
    ];
  });

export const gatewayApiRelease: Check = (ctx) => {
  const resolution = clusterGatewayApi(ctx.spec);
  if (resolution === undefined || resolution.ok) return [];
  return [report(ctx, gatewayApiAnchor(ctx), resolution.reason)];
};

/** Where a Gateway API problem belongs: the pinned version, the listing, or the gateway that needs it. */
function gatewayApiAnchor(ctx: CheckContext): PathSegment[] {
  if (ctx.spec.controllers.gatewayAPI?.version !== undefined) return ["controllers", "gatewayAPI", "version"];
  if (ctx.spec.controllers.gatewayAPI !== undefined) return ["controllers", "gatewayAPI"];
  const first = ctx.spec.gateways.findIndex((g) => g.type === "cilium" || g.type === "aws");
  return ["gateways", first, "type"];
}

export const ciliumNeedsKubeProxyReplacement: Check = (ctx) => {
  const cilium = ctx.spec.controllers.cilium;
  const gateway = ctx.spec.gateways.find((g) => g.type === "cilium");
  if (cilium?.kubeProxyReplacement !== false || gateway === undefined) return [];
  return [
    report(
      ctx,
      ["controllers", "cilium", "kubeProxyReplacement"],
      `Cilium's Gateway API needs kube-proxy replacement, and gateway '${gateway.name}' is a cilium gateway`,
    ),
  ];
};

export const serviceControllerAgrees: Check = (ctx) => {
  const off = ctx.spec.loadBalancers.filter((lb) => needsServiceControllerOff(ctx.spec, lb));
  const on = ctx.spec.loadBalancers.filter((lb) => needsServiceController(ctx.spec, lb));
  const explicit = ctx.spec.controllers.awsLoadBalancerController?.serviceController;
  const at = ["controllers", "awsLoadBalancerController", "serviceController"];
  const problems: Problem[] = [];
  const [firstOff] = off;
  const [firstOn] = on;
  if (explicit === true && firstOff !== undefined) {
    problems.push(
      report(
        ctx,
        at,
        `must be false: external NLB '${firstOff.name}' binds the LoadBalancer Service Cilium makes for its gateway, which ALBC's service controller would give a second NLB`,
      ),
    );
  }
  if (explicit === false && firstOn !== undefined) {
    problems.push(report(ctx, at, `must be true: ALBC's service controller creates NLB '${firstOn.name}'`));
  }
  if (explicit === undefined && firstOff !== undefined && firstOn !== undefined) {
    const i = ctx.spec.loadBalancers.indexOf(firstOn);
    problems.push(
      report(
        ctx,
        ["loadBalancers", i, "name"],
        `NLB '${firstOn.name}' needs ALBC's service controller on, but external NLB '${firstOff.name}' in front of Cilium needs it off; one cluster cannot have both`,
      ),
    );
  }
  return problems;
};

export const albcKnowsItsVpc: Check = (ctx) => {
  if (!enabledControllers(ctx.spec).has("awsLoadBalancerController") || ctx.spec.cluster.vpcId !== undefined) return [];
  if (ctx.spec.loadBalancers.some((lb) => lb.external !== undefined)) return []; // Already an error there.
  return [
    report(
      ctx,
      ["cluster"],
      "no vpcId: the AWS Load Balancer Controller will ask the instance metadata service for it, which fails with an IMDSv2 hop limit of 1",
      { severity: "warning", part: "key" },
    ),
  ];
};
