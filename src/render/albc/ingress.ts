// The two ways an AWS load balancer reaches a proxy Service (Istio's or Kong's): an ALB Ingress
// when ALBC makes the ALB, a TargetGroupBinding when it was made outside the cluster.
import type { AlbModel, ExternalAlbModel, ExternalLoadBalancerModel, ResolvedHealthCheck } from "../../model/types.ts";
import type { TemplateSet, KubeObject } from "../templates.ts";
import { ALB_INGRESS_CLASS } from "../../controllers/albc.ts";
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

/**
 * The name of the Ingress that fronts a proxy: the release's, unless the load balancer is known
 * (`knownAs`) as the Ingress `<namespace>/<name>` a person wrote in the proxy's namespace. An
 * ungrouped ALB is that Ingress's (the controller's implicit IngressGroup is its namespace/name),
 * so keeping the name keeps the ALB.
 */
export function frontName(lb: AlbModel | ExternalAlbModel, namespace: string, release: string): string {
  const prefix = `${namespace}/`;
  return !lb.external && lb.groupName === undefined && lb.knownAs.startsWith(prefix) ? lb.knownAs.slice(prefix.length) : release;
}

export function frontProxy(templates: TemplateSet, lb: AlbModel | ExternalAlbModel, proxy: ProxyService): KubeObject {
  if (lb.external) return targetGroupBinding(templates, lb, proxy);
  const annotations = albAnnotations(lb, { ...proxy.healthCheck, ...lb.healthCheck });
  if (lb.groupName !== undefined) annotations["alb.ingress.kubernetes.io/group.order"] = CATCH_ALL_ORDER;
  return templates.render("ingress", {
    name: proxy.objectName,
    namespace: proxy.namespace,
    annotations,
    className: ALB_INGRESS_CLASS,
    rules: [{ host: null, paths: [{ path: "/", pathType: "Prefix", service: proxy.name, port: proxy.port }] }],
  });
}

export function targetGroupBinding(templates: TemplateSet, lb: ExternalLoadBalancerModel, proxy: BoundService): KubeObject {
  return templates.render("targetgroupbinding", {
    name: proxy.objectName,
    namespace: proxy.namespace,
    // The scheme of a load balancer made elsewhere is not in any Kubernetes object; record it so
    // the topology diff can still tell internal from internet-facing.
    annotations: {
      [HINTS.scheme]: lb.scheme,
      [HINTS.loadBalancer]: lb.knownAs,
      [HINTS.loadBalancerType]: lb.type,
      [HINTS.tls]: String(lb.listen.some((l) => l.protocol === "HTTPS" || l.protocol === "TLS")),
    },
    targetGroupARN: lb.binding.targetGroupArn,
    targetType: lb.targetType,
    vpcID: lb.binding.vpcId,
    serviceName: proxy.name,
    servicePort: proxy.port,
    securityGroupId: lb.binding.securityGroupId ?? null,
  });
}
