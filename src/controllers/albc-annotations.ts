// The AWS Load Balancer Controller's documented annotations: the spec's raw `annotations` are
// checked against them, and the fields the spec models are set through one table, so the
// renderer and the validator agree on which key each field owns.
import catalogue from "../../schema/albc/annotations-v3.5.0.json" with { type: "json" };
import { INGRESS_ANNOTATIONS, SERVICE_ANNOTATIONS } from "./albc.ts";

interface Documented {
  key: string;
  keyPattern?: string;
  allowedValues?: string[];
  deprecated?: unknown;
}

/** What ALBC makes: an ALB from an Ingress, an NLB from a Service (upstream facts, so not the spec's type). */
type LoadBalancerType = "alb" | "nlb";

const byType: Record<LoadBalancerType, { prefix: string; annotations: Documented[] }> = {
  alb: catalogue.ingress,
  nlb: catalogue.service,
};

/** Annotation keys that the spec's own fields set; a raw annotation must not fight them. */
export const FIELD_ANNOTATIONS = {
  alb: {
    scheme: INGRESS_ANNOTATIONS.scheme,
    targetType: "alb.ingress.kubernetes.io/target-type",
    listen: INGRESS_ANNOTATIONS.listenPorts,
    certificateArns: INGRESS_ANNOTATIONS.certificateArn,
    sslPolicy: "alb.ingress.kubernetes.io/ssl-policy",
    wafAclArn: "alb.ingress.kubernetes.io/wafv2-acl-arn",
    securityGroups: "alb.ingress.kubernetes.io/security-groups",
    inboundCidrs: "alb.ingress.kubernetes.io/inbound-cidrs",
    groupName: INGRESS_ANNOTATIONS.groupName,
    "healthCheck.path": "alb.ingress.kubernetes.io/healthcheck-path",
    "healthCheck.port": "alb.ingress.kubernetes.io/healthcheck-port",
    "healthCheck.protocol": "alb.ingress.kubernetes.io/healthcheck-protocol",
  },
  nlb: {
    type: "service.beta.kubernetes.io/aws-load-balancer-type",
    scheme: SERVICE_ANNOTATIONS.scheme,
    targetType: "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type",
    certificateArns: SERVICE_ANNOTATIONS.sslCert,
    sslPolicy: "service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy",
    securityGroups: "service.beta.kubernetes.io/aws-load-balancer-security-groups",
    inboundCidrs: "service.beta.kubernetes.io/load-balancer-source-ranges",
    "healthCheck.path": "service.beta.kubernetes.io/aws-load-balancer-healthcheck-path",
    "healthCheck.port": "service.beta.kubernetes.io/aws-load-balancer-healthcheck-port",
    "healthCheck.protocol": "service.beta.kubernetes.io/aws-load-balancer-healthcheck-protocol",
  },
} as const satisfies Record<LoadBalancerType, Readonly<Record<string, string>>>;

export type AnnotationVerdict =
  { ok: true } | { ok: false; reason: "wrong-prefix" | "unknown" | "owned-by-field" | "bad-value"; detail: string };

export function checkAnnotation(type: LoadBalancerType, key: string, value: string): AnnotationVerdict {
  const { prefix, annotations } = byType[type];
  if (!key.startsWith(prefix)) {
    const other = type === "alb" ? "an nlb" : "an alb";
    return {
      ok: false,
      reason: "wrong-prefix",
      detail: `${type === "alb" ? "an ALB" : "an NLB"} takes ${prefix}* annotations${key.startsWith(byType[type === "alb" ? "nlb" : "alb"].prefix) ? ` (this key is for ${other})` : ""}`,
    };
  }
  const owner = Object.entries(FIELD_ANNOTATIONS[type]).find(([, annotation]) => annotation === key);
  if (owner !== undefined)
    return { ok: false, reason: "owned-by-field", detail: `the spec sets this one: use the load balancer's '${owner[0]}' field` };
  const documented = annotations.find((a) => a.key === key || (a.keyPattern !== undefined && new RegExp(a.keyPattern).test(key)));
  if (documented === undefined) {
    return { ok: false, reason: "unknown", detail: "not an AWS Load Balancer Controller v3.5 annotation" };
  }
  if (documented.allowedValues !== undefined && !documented.allowedValues.includes(value)) {
    return { ok: false, reason: "bad-value", detail: `'${value}' is not one of ${documented.allowedValues.join(", ")}` };
  }
  return { ok: true };
}

export function documentedKeys(type: LoadBalancerType): string[] {
  return byType[type].annotations.filter((a) => a.keyPattern === undefined).map((a) => a.key);
}
