// Services as the manifests define them: the port a backend names, and which controller makes
// the load balancer of a Service of type LoadBalancer, with the scheme that controller decides.
import { ALBC_LOAD_BALANCER_CLASS, SERVICE_ANNOTATIONS } from "../controllers/albc.ts";
import { isKind, list, record, str, type Doc } from "./documents.ts";
import { serviceKey } from "./reader.ts";
import type { LoadBalancerRef, Making } from "./types.ts";

export type ServiceIndex = ReadonlyMap<string, Doc>;

export const isService = (doc: Doc) => isKind(doc, "", "Service") && doc.apiVersion === "v1";

export function serviceIndex(docs: readonly Doc[]): ServiceIndex {
  return new Map(docs.filter(isService).map((d) => [serviceKey(d.namespace, d.name), d]));
}

/** A port found, or why not: a path is never reported on port 0. */
export type PortLookup = { readonly ok: true; readonly port: number } | { readonly ok: false; readonly reason: string };

/**
 * The Service port a backend reaches: Ingress (`port.number` or `port.name`) and Gateway API
 * (`port`) name it by the Service's port, never its targetPort, so a name is looked up in the
 * Service's `spec.ports` (https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-v1/#IngressBackend).
 */
export function servicePort(services: ServiceIndex, namespace: string, service: string, port: unknown, portName: unknown): PortLookup {
  if (typeof port === "number") return { ok: true, port };
  const name = str(portName);
  if (name === undefined) return { ok: false, reason: `no port is given for Service ${namespace}/${service}` };
  const doc = services.get(serviceKey(namespace, service));
  if (doc === undefined) return { ok: false, reason: `port '${name}' of Service ${namespace}/${service}, which is not in these files` };
  const found = list(doc.spec["ports"])
    .map(record)
    .find((p) => str(p["name"]) === name);
  const number = found?.["port"];
  return typeof number === "number"
    ? { ok: true, port: number }
    : { ok: false, reason: `Service ${namespace}/${service} has no port named '${name}'` };
}

// The annotations that hand a Service without a class to the AWS Load Balancer Controller
// (kubernetes-sigs/aws-load-balancer-controller pkg/service/service_utils.go, IsServiceSupported).
const TYPE = "service.beta.kubernetes.io/aws-load-balancer-type";
const TARGET_TYPE = "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type";
const INTERNAL = "service.beta.kubernetes.io/aws-load-balancer-internal";

/** Who makes the load balancer of a Service of type LoadBalancer, and its scheme; or why none is read. */
export type ServiceLoadBalancer =
  | { readonly by: "aws-load-balancer-controller" | "in-tree"; readonly scheme: LoadBalancerRef["scheme"] }
  | { readonly by: "none"; readonly reason: string };

export function serviceLoadBalancer(annotations: Readonly<Record<string, string>>, loadBalancerClass: unknown): ServiceLoadBalancer {
  const albc = { by: "aws-load-balancer-controller", scheme: albcScheme(annotations) } as const;
  const cls = str(loadBalancerClass);
  if (cls !== undefined)
    return cls === ALBC_LOAD_BALANCER_CLASS ? albc : { by: "none", reason: `its loadBalancerClass '${cls}' is no AWS controller's` };
  const type = annotations[TYPE];
  if (type === "nlb-ip" || (type === "external" && ["ip", "instance"].includes(annotations[TARGET_TYPE] ?? ""))) return albc;
  // The in-tree cloud provider makes an NLB only for `nlb` and skips `external`
  // (kubernetes/cloud-provider-aws pkg/providers/v1/aws.go, EnsureLoadBalancer).
  if (type === "nlb") return { by: "in-tree", scheme: inTreeScheme(annotations) };
  if (type === "external")
    return { by: "none", reason: `'${TYPE}: external' without '${TARGET_TYPE}: ip|instance' is served by no controller` };
  return {
    by: "none",
    reason:
      "it names no load balancer type: the in-tree cloud provider makes a Classic Load Balancer of it, unless the AWS Load Balancer Controller's webhook gave it loadBalancerClass service.k8s.aws/nlb when it was created",
  };
}

/**
 * The AWS Load Balancer Controller reads `aws-load-balancer-scheme`, then the deprecated
 * `aws-load-balancer-internal`, and defaults to internal
 * (pkg/service/model_build_load_balancer.go, buildLoadBalancerScheme).
 */
export function albcScheme(annotations: Readonly<Record<string, unknown>>): LoadBalancerRef["scheme"] {
  const scheme = annotations[SERVICE_ANNOTATIONS.scheme];
  if (scheme === "internet-facing" || scheme === "internal") return scheme;
  const internal = annotations[INTERNAL];
  return typeof internal === "string" && GO_FALSE.has(internal) ? "internet-facing" : "internal";
}

/** The in-tree provider makes an internal load balancer for any value but "false", else internet-facing. */
function inTreeScheme(annotations: Readonly<Record<string, string>>): LoadBalancerRef["scheme"] {
  const internal = annotations[INTERNAL];
  return internal === undefined || internal === "" || internal === "false" ? "internet-facing" : "internal";
}

// Go's strconv.ParseBool, which the controller's annotation parser uses, reads these as false.
const GO_FALSE = new Set(["0", "f", "F", "false", "FALSE", "False"]);

/**
 * The targets a Service's NLB registers: the AWS Load Balancer Controller's are ip for `nlb-ip`
 * or `nlb-target-type: ip`, else instance, its default
 * (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/#nlb-target-type);
 * the in-tree provider registers instances only.
 */
export function serviceMaking(by: Making["by"], annotations: Readonly<Record<string, unknown>>, loadBalancerClass: unknown): Making {
  const ip = by === "aws-load-balancer-controller" && (annotations[TYPE] === "nlb-ip" || annotations[TARGET_TYPE] === "ip");
  const cls = str(loadBalancerClass);
  return { by, of: "Service", targetType: ip ? "ip" : "instance", ...(cls === undefined ? {} : { loadBalancerClass: cls }) };
}
