// The two ways an AWS load balancer reaches a proxy Service (Istio's or Kong's): an ALB Ingress
// when ALBC makes the ALB, a TargetGroupBinding when it was made outside the cluster.
import type { LoadBalancerModel, ResolvedHealthCheck, Topology } from "../../model/types.ts";
import type { TemplateSet, KubeObject } from "../templates.ts";
import { HINTS } from "../../hints.ts";
import { albAnnotations } from "./annotations.ts";

/** A Service a load balancer sends traffic to. */
export interface BoundService {
  readonly name: string;
  readonly namespace: string;
  readonly port: number;
  /** Name of the Ingress or TargetGroupBinding. */
  readonly objectName: string;
}

export interface ProxyService extends BoundService {
  /** The proxy's health endpoint; what the spec sets on the load balancer wins. */
  readonly healthCheck: ResolvedHealthCheck;
}

// In a shared IngressGroup the proxy's catch-all rule must be evaluated after the routes of
// alb gateways on the same ALB, so it takes the last order.
const CATCH_ALL_ORDER = "1000";

export function frontProxy(templates: TemplateSet, topology: Topology, lb: LoadBalancerModel, proxy: ProxyService): KubeObject {
  if (lb.external !== undefined) return targetGroupBinding(templates, topology, lb, proxy);
  const annotations = albAnnotations(lb, { ...proxy.healthCheck, ...lb.healthCheck });
  if (lb.groupName !== undefined) annotations["alb.ingress.kubernetes.io/group.order"] = CATCH_ALL_ORDER;
  return templates.render("ingress", {
    name: proxy.objectName,
    namespace: proxy.namespace,
    annotations,
    className: "alb",
    rules: [{ host: null, paths: [{ path: "/", pathType: "Prefix", service: proxy.name, port: proxy.port }] }],
  });
}

export function targetGroupBinding(templates: TemplateSet, topology: Topology, lb: LoadBalancerModel, proxy: BoundService): KubeObject {
  if (lb.external === undefined) throw new Error(`load balancer ${lb.name} is not external`);
  if (topology.cluster.vpcId === undefined) throw new Error("an external load balancer needs cluster.vpcId (validation should have refused this spec)");
  return templates.render("targetgroupbinding", {
    name: proxy.objectName,
    namespace: proxy.namespace,
    // The scheme of a load balancer made elsewhere is not in any Kubernetes object; record it so
    // the topology diff can still tell internal from internet-facing.
    annotations: {
      [HINTS.scheme]: lb.scheme,
      [HINTS.loadBalancer]: lb.name,
      [HINTS.loadBalancerType]: lb.type,
      [HINTS.tls]: String(lb.listen.some((l) => l.protocol === "HTTPS" || l.protocol === "TLS")),
    },
    targetGroupARN: lb.external.targetGroupArn,
    targetType: lb.targetType,
    vpcID: topology.cluster.vpcId,
    serviceName: proxy.name,
    servicePort: proxy.port,
    securityGroupId: lb.external.securityGroupId ?? null,
  });
}

/**
 * ALBC makes an NLB's listeners from the ports of the Service it watches, so `listen` can only
 * describe those ports; any other port would be silently ignored, hence said.
 */
export function listenBeyondServicePorts(lb: LoadBalancerModel, servicePorts: readonly number[], owner: string): string[] {
  const extra = lb.listen.filter((l) => !servicePorts.includes(l.port)).map((l) => l.port);
  return extra.length === 0 ? [] : [`load balancer '${lb.name}': listen port${extra.length > 1 ? "s" : ""} ${extra.join(", ")} not rendered; an NLB made by ALBC listens on the ports of ${owner} (${servicePorts.join(", ")})`];
}

/** Fields of an external load balancer that a TargetGroupBinding cannot carry. */
export function unusedOnExternal(lb: LoadBalancerModel): string[] {
  if (lb.external === undefined) return [];
  const unused: string[] = [];
  if (lb.certificateArns.length > 0) unused.push("certificateArns");
  if (lb.sslPolicy !== undefined) unused.push("sslPolicy");
  if (lb.wafAclArn !== undefined) unused.push("wafAclArn");
  if (lb.securityGroups.length > 0) unused.push("securityGroups");
  if (lb.inboundCidrs.length > 0) unused.push("inboundCidrs");
  if (Object.keys(lb.annotations).length > 0) unused.push("annotations");
  if (Object.keys(lb.healthCheck).length > 0) unused.push("healthCheck");
  return unused.map((field) => `load balancer '${lb.name}' is external: '${field}' belongs to whatever made it (Terraform, Pulumi) and is not rendered`);
}
