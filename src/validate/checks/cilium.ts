// Cilium is either a complete EKS install or already there: kube-proxy replacement knows the API
// server, and a preinstalled Cilium is given nothing it would never receive.
import type { Problem } from "../../problems.ts";
import { controllerSettings, enabledControllers, frontsCilium } from "../spec-facts.ts";
import type { PathSegment } from "../../load/yaml-source.ts";
import { report, type Check, type CheckContext } from "./context.ts";

const ENDPOINT_FIX =
  "add controllers.cilium.apiServer: {host: <the cluster endpoint without https://>, port: 443} (aws eks describe-cluster --name <cluster> --query cluster.endpoint)";

export const ciliumKnowsTheApiServer: Check = (ctx) => {
  if (!enabledControllers(ctx.spec).has("cilium")) return [];
  const cilium = controllerSettings(ctx.spec, "cilium");
  if (cilium.install === "preinstalled" || !cilium.kubeProxyReplacement || cilium.apiServer !== undefined) return [];
  const host = cilium.values["k8sServiceHost"];
  // cilium _helpers.tpl: `auto` reads kube-public/cluster-info with `lookup`, which is always empty
  // under Argo CD's `helm template`, and then `fail`s, so the chart never renders.
  if (host === "auto") {
    return [
      report(
        ctx,
        ["controllers", "cilium", "values", "k8sServiceHost"],
        `'auto' asks the cluster at render time, which Argo CD's helm template cannot (lookup is empty there), so the chart fails to render; ${ENDPOINT_FIX} instead`,
      ),
    ];
  }
  if (typeof host === "string" && host !== "") return [];
  // cilium-agent/daemonset.yaml sets KUBERNETES_SERVICE_HOST/PORT only from a non-empty k8sServiceHost.
  const why =
    "with kube-proxy replacement there is no kube-proxy to route Cilium's own agents to the API server's Service address, so they need the EKS API endpoint itself";
  return [report(ctx, kubeProxyReplacementAnchor(ctx), `${why}: ${ENDPOINT_FIX}`)];
};

/** The field that asks for kube-proxy replacement: the explicit setting, the listing, or the gateway that needs Cilium. */
function kubeProxyReplacementAnchor(ctx: CheckContext): PathSegment[] {
  const listed = ctx.spec.controllers.cilium;
  if (listed !== undefined)
    return [
      "controllers",
      "cilium",
      ...(ctx.source.has(["controllers", "cilium", "kubeProxyReplacement"]) ? ["kubeProxyReplacement"] : []),
    ];
  return ["gateways", ctx.spec.gateways.findIndex((g) => g.type === "cilium"), "type"];
}

export const preinstalledCiliumTakesNoSettings: Check = (ctx) => {
  const cilium = ctx.spec.controllers.cilium;
  if (cilium?.install !== "preinstalled") return [];
  const problems: Problem[] = [];
  if (Object.keys(cilium.values).length > 0) {
    problems.push(
      report(
        ctx,
        ["controllers", "cilium", "values"],
        "Cilium is preinstalled: ingress-gitops renders no Cilium Application, so these values would reach nothing; set them on the existing install",
        { part: "key" },
      ),
    );
  }
  if (cilium.apiServer !== undefined) {
    problems.push(
      report(
        ctx,
        ["controllers", "cilium", "apiServer"],
        "unused: Cilium is preinstalled, so its k8sServiceHost is the existing install's to set",
        { severity: "warning", part: "key" },
      ),
    );
  }
  return problems;
};

/**
 * What the cluster must do beside syncing the render, said as notes (info) so they reach `validate`,
 * the plan's findings and the PR: with kube-proxy replacement the EKS kube-proxy add-on must go
 * (or it and Cilium both program every Service); in ENI mode aws-node must stay off the nodes; a
 * preinstalled Cilium must already have what the gateways need (the keys the cilium provider
 * renders when it installs Cilium), and its operator reads the Gateway API CRDs only at start.
 */
export const ciliumInstallNotes: Check = (ctx) => {
  if (!enabledControllers(ctx.spec).has("cilium")) return [];
  const cilium = controllerSettings(ctx.spec, "cilium");
  const warn = (path: readonly PathSegment[], message: string) => report(ctx, path, message, { severity: "info", part: "key" });
  if (cilium.install === "preinstalled") {
    if (!ctx.spec.gateways.some((g) => g.type === "cilium")) return [];
    const keepClientIp = ctx.spec.loadBalancers.some(
      (lb) => lb.type === "nlb" && lb.preserveClientIp === true && frontsCilium(ctx.spec, lb),
    );
    const needs = [
      "kubeProxyReplacement=true",
      'k8sServiceHost="<the EKS endpoint\'s host>"',
      "k8sServicePort=443",
      ...(enabledControllers(ctx.spec).has("istio") ? ["socketLB.hostNamespaceOnly=true"] : []),
      "gatewayAPI.enabled=true",
      'gatewayAPI.gatewayClass.create="true"',
      ...(keepClientIp ? ['gatewayAPI.externalTrafficPolicy="Local"'] : []),
    ];
    return [
      warn(
        ["controllers", "cilium", "install"],
        `Cilium is preinstalled, so ingress-gitops renders no Cilium Application; the existing install needs an EKS datapath (ENI mode or chaining to the AWS VPC CNI) and ${needs.join(", ")}; the cilium-operator reads the Gateway API CRDs only at start, so restart it once they are synced`,
      ),
    ];
  }
  return [
    ...(cilium.kubeProxyReplacement
      ? [
          warn(
            kubeProxyReplacementAnchor(ctx),
            "kube-proxy replacement is on: remove the EKS kube-proxy add-on (aws eks delete-addon --addon-name kube-proxy) once Cilium runs, or kube-proxy and Cilium both program every Service",
          ),
        ]
      : []),
    ...(cilium.install === "eni"
      ? [
          warn(
            ["controllers", "cilium", "install"],
            "ENI mode: Cilium hands out the pods' VPC addresses itself, so keep the VPC CNI's aws-node DaemonSet off the nodes and give cilium-operator the EC2 ENI permissions",
          ),
        ]
      : []),
  ];
};
