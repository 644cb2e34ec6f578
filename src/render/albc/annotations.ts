// The AWS Load Balancer Controller annotations that realize a load balancer model. Shared by every
// provider that puts something behind an ALB or NLB; key names come from the one table the
// validator also uses, so a raw annotation can never silently fight a modeled field.
import { FIELD_ANNOTATIONS } from "../../controllers/albc-annotations.ts";
import { SERVICE_ANNOTATIONS } from "../../controllers/albc.ts";
import { HINTS } from "../../hints.ts";
import type { AlbModel, NlbModel, ResolvedHealthCheck } from "../../model/types.ts";

type Annotations = Record<string, string>;

const ALB = FIELD_ANNOTATIONS.alb;
const NLB = FIELD_ANNOTATIONS.nlb;

function withHealthCheck(healthCheck: ResolvedHealthCheck, keys: typeof ALB | typeof NLB, out: Annotations): void {
  const { path, port, protocol } = healthCheck;
  if (path !== undefined) out[keys["healthCheck.path"]] = path;
  if (port !== undefined) out[keys["healthCheck.port"]] = port;
  if (protocol !== undefined) out[keys["healthCheck.protocol"]] = protocol;
}

/**
 * Annotations of an Ingress that creates (or joins) an ALB; scheme and target type always
 * explicit. ALBC applies health-check annotations to the target groups of this Ingress only, so
 * a proxy passes its own health check here without imposing it on the rest of an IngressGroup.
 */
export function albAnnotations(lb: AlbModel, healthCheck: ResolvedHealthCheck = lb.healthCheck): Annotations {
  const out: Annotations = {
    [HINTS.loadBalancer]: lb.knownAs,
    [ALB.scheme]: lb.scheme,
    [ALB.targetType]: lb.targetType,
    [ALB.listen]: JSON.stringify(lb.listen.map((l) => ({ [l.protocol]: l.port }))),
  };
  if (lb.certificateArns.length > 0) out[ALB.certificateArns] = lb.certificateArns.join(",");
  if (lb.sslPolicy !== undefined) out[ALB.sslPolicy] = lb.sslPolicy;
  if (lb.wafAclArn !== undefined) out[ALB.wafAclArn] = lb.wafAclArn;
  if (lb.securityGroups.length > 0) out[ALB.securityGroups] = lb.securityGroups.join(",");
  if (lb.inboundCidrs.length > 0) out[ALB.inboundCidrs] = lb.inboundCidrs.join(",");
  if (lb.groupName !== undefined) out[ALB.groupName] = lb.groupName;
  withHealthCheck(healthCheck, ALB, out);
  return { ...out, ...lb.annotations };
}

/**
 * Annotations of a Service of type LoadBalancer that must get no load balancer because one made
 * elsewhere is bound to it: EKS's cloud provider skips a Service whose type annotation says
 * "external" (cloud-provider-aws EnsureLoadBalancer answers ImplementedElsewhere), which would
 * otherwise give it a Classic Load Balancer; ALBC's service controller is off in that topology.
 */
export function noLoadBalancerAnnotations(): Annotations {
  return { [NLB.type]: "external" };
}

/** Annotations of a Service (or a Gateway's generated Service) that ALBC turns into an NLB. */
export function nlbAnnotations(lb: NlbModel): Annotations {
  const out: Annotations = {
    [HINTS.loadBalancer]: lb.knownAs,
    [NLB.type]: "external",
    [NLB.scheme]: lb.scheme,
    [NLB.targetType]: lb.targetType,
  };
  if (lb.certificateArns.length > 0) {
    out[NLB.certificateArns] = lb.certificateArns.join(",");
    const tlsPorts = lb.listen.filter((l) => l.protocol === "TLS").map((l) => l.port);
    if (tlsPorts.length > 0) out[SERVICE_ANNOTATIONS.sslPorts] = tlsPorts.join(",");
  }
  if (lb.sslPolicy !== undefined) out[NLB.sslPolicy] = lb.sslPolicy;
  if (lb.securityGroups.length > 0) out[NLB.securityGroups] = lb.securityGroups.join(",");
  if (lb.inboundCidrs.length > 0) out[NLB.inboundCidrs] = lb.inboundCidrs.join(",");
  // ip targets lose the client address unless the target group keeps it; instance targets keep it
  // through externalTrafficPolicy Local on the Service instead.
  if (lb.preserveClientIp && lb.targetType === "ip")
    out["service.beta.kubernetes.io/aws-load-balancer-target-group-attributes"] = "preserve_client_ip.enabled=true";
  withHealthCheck(lb.healthCheck, NLB, out);
  return { ...out, ...lb.annotations };
}
