// The spec's load balancers, read from the objects that make them by hand: an ALB from its
// Ingresses' annotations, an NLB from its Service's (or a Cilium Gateway's infrastructure
// annotations), a load balancer made elsewhere from its TargetGroupBinding. Pure.
import { checkAnnotation, FIELD_ANNOTATIONS } from "../controllers/albc-annotations.ts";
import { ALBC_LOAD_BALANCER_CLASS, INGRESS_ANNOTATIONS } from "../controllers/albc.ts";
import { HINTS } from "../hints.ts";
import { isKind, list, record, str, stringEntries, type Doc, type FieldPath } from "../topology/documents.ts";
import { ingressClasses, isIngress } from "../topology/ingress.ts";
import { serviceLoadBalancer } from "../topology/services.ts";
import type { Backend, LoadBalancerRef } from "../topology/types.ts";
import { awsGatewayOf, awsLoadBalancer } from "./aws-load-balancers.ts";
import type { Notes } from "./notes.ts";
import { resolveTargetPort } from "./workloads.ts";

export type SpecObject = Record<string, unknown>;

const ALB = FIELD_ANNOTATIONS.alb;
const NLB = FIELD_ANNOTATIONS.nlb;
/** The in-tree cloud provider's annotations (kubernetes.io/docs/reference/labels-annotations-taints/). */
const IN_TREE = { internal: "service.beta.kubernetes.io/aws-load-balancer-internal" } as const;
const GROUP_ORDER = "alb.ingress.kubernetes.io/group.order";

export const objectLabel = (doc: Doc) => `${doc.kind} ${doc.namespace}/${doc.name}`;

/** An object's annotations: the object, and the field that holds them. */
interface AnnotationsAt {
  readonly doc: Doc;
  readonly field: FieldPath;
}

const ANNOTATIONS = ["metadata", "annotations"];

/** The Ingresses of class alb that make the ALB the topology calls `name`: its IngressGroup, or the Ingress itself. */
export function albIngresses(docs: readonly Doc[], name: string): Doc[] {
  const classOf = ingressClasses(docs);
  return docs.filter((d) => {
    if (!isIngress(d) || classOf(d)?.controller !== "alb") return false;
    const a = d.annotations;
    return (a[INGRESS_ANNOTATIONS.groupName] ?? a[HINTS.loadBalancer] ?? `${d.namespace}/${d.name}`) === name;
  });
}

export interface ImportedLoadBalancer {
  readonly spec: SpecObject;
  /** The objects it was read from, which the spec now expresses. */
  readonly from: readonly Doc[];
}

export function importLoadBalancer(
  docs: readonly Doc[],
  lb: LoadBalancerRef,
  specName: string,
  notes: Notes,
  backends: readonly Backend[],
): ImportedLoadBalancer | undefined {
  const head = { name: specName, ...(specName === lb.name ? {} : { knownAs: lb.name }), type: lb.type };
  if (lb.external) return externalLoadBalancer(docs, lb, head, notes);
  const awsGateway = awsGatewayOf(docs, lb);
  if (awsGateway !== undefined) return awsLoadBalancer(docs, awsGateway, lb, head, backends, notes);
  if (lb.type === "alb") {
    const ingresses = albIngresses(docs, lb.name);
    return ingresses.length === 0 ? undefined : { spec: { ...head, ...albSettings(ingresses, lb, notes) }, from: ingresses };
  }
  const service = docs.find(
    (d) => isLoadBalancerService(d) && (d.annotations[HINTS.loadBalancer] ?? `${d.namespace}/${d.name}`) === lb.name,
  );
  if (service !== undefined) return { spec: { ...head, ...nlbService(docs, service, lb, notes) }, from: [service] };
  const gateway = docs.find(
    (d) =>
      isKind(d, "gateway.networking.k8s.io", "Gateway") &&
      (stringEntries(record(d.spec["infrastructure"])["annotations"])[HINTS.loadBalancer] ?? `${d.namespace}/${d.name}`) === lb.name,
  );
  if (gateway !== undefined) return { spec: { ...head, ...ciliumNlb(gateway, lb, notes) }, from: [] };
  return undefined;
}

export const isLoadBalancerService = (d: Doc) => isKind(d, "", "Service") && d.spec["type"] === "LoadBalancer";

function albSettings(ingresses: readonly Doc[], lb: LoadBalancerRef, notes: Notes): SpecObject {
  // One ALB's settings, from all of its Ingresses: the first to set a key wins, the rest are said.
  const annotations: Record<string, string> = {};
  for (const doc of ingresses)
    for (const [key, value] of Object.entries(doc.annotations)) {
      if (!key.startsWith("alb.ingress.kubernetes.io/")) continue;
      const known = annotations[key];
      if (known === undefined) annotations[key] = value;
      else if (known !== value && key !== GROUP_ORDER)
        notes.unexpressed(
          { doc, field: ["metadata", "annotations", key] },
          objectLabel(doc),
          `${key}: ${value} differs from ${known} on another Ingress of the ALB; the spec keeps ${known}`,
        );
    }
  const first = ingresses[0] as Doc;
  const where = (message: string) => {
    notes.chose({ doc: first }, objectLabel(first), message);
  };
  const out: SpecObject = { scheme: lb.scheme };
  if (annotations[ALB.scheme] === undefined) where(`no scheme annotation: ${lb.scheme}, as the AWS Load Balancer Controller decides`);
  out["targetType"] = annotations[ALB.targetType] ?? "instance";
  if (annotations[ALB.targetType] === undefined) where("no target-type annotation: instance, the AWS Load Balancer Controller's default");
  const certificates = splitList(annotations[ALB.certificateArns]);
  out["listen"] = listenPorts(annotations[ALB.listen], certificates.length > 0);
  if (certificates.length > 0) out["certificateArns"] = certificates;
  copy(annotations, out, { sslPolicy: ALB.sslPolicy, wafAclArn: ALB.wafAclArn, groupName: ALB.groupName });
  lists(annotations, out, { securityGroups: ALB.securityGroups, inboundCidrs: ALB.inboundCidrs });
  healthCheck(annotations, out, ALB);
  const raw = rawAnnotations("alb", annotations, ALB, { doc: first, field: ANNOTATIONS }, notes, {
    [GROUP_ORDER]: "the order within the IngressGroup: ingress-gitops orders the Ingresses of a group itself (a proxy's catch-all last)",
  });
  return Object.keys(raw).length === 0 ? out : { ...out, annotations: raw };
}

/**
 * The controller's default listeners: HTTP 80, or HTTPS 443 when a certificate is set
 * (kubernetes-sigs/aws-load-balancer-controller docs/guide/ingress/annotations.md#listen-ports).
 */
function listenPorts(value: string | undefined, withCertificate: boolean): { protocol: string; port: number }[] {
  if (value === undefined) return [withCertificate ? { protocol: "HTTPS", port: 443 } : { protocol: "HTTP", port: 80 }];
  try {
    return list(JSON.parse(value)).flatMap((entry) =>
      Object.entries(record(entry)).flatMap(([protocol, port]) => (typeof port === "number" ? [{ protocol, port }] : [])),
    );
  } catch {
    return [{ protocol: "HTTP", port: 80 }];
  }
}

function nlbService(docs: readonly Doc[], service: Doc, lb: LoadBalancerRef, notes: Notes): SpecObject {
  const a = service.annotations;
  const label = objectLabel(service);
  const cls = str(service.spec["loadBalancerClass"]);
  const inTree = a[NLB.type] === "nlb" && cls !== ALBC_LOAD_BALANCER_CLASS;
  const out: SpecObject = nlbCommon(a, lb, { doc: service, field: ANNOTATIONS }, notes);
  if (inTree)
    notes.chose(
      { doc: service, field: [...ANNOTATIONS, NLB.type] },
      label,
      "made by the in-tree cloud provider (aws-load-balancer-type: nlb); ingress-gitops hands it to the AWS Load Balancer Controller (type external, loadBalancerClass service.k8s.aws/nlb), which makes a new NLB with a new DNS name",
    );
  const tlsPorts = splitList(a["service.beta.kubernetes.io/aws-load-balancer-ssl-ports"]);
  const tls = (port: number) =>
    a[NLB.certificateArns] !== undefined && (tlsPorts.length === 0 || tlsPorts.includes("*") || tlsPorts.includes(String(port)));
  const ports = list(service.spec["ports"]).map(record);
  out["listen"] = ports.map((p) => ({
    protocol: str(p["protocol"]) === "UDP" ? "UDP" : tls(Number(p["port"])) ? "TLS" : "TCP",
    port: p["port"],
  }));
  if (service.spec["externalTrafficPolicy"] === "Local") out["preserveClientIp"] = true;
  // The API server refuses an update that gives a Service of type LoadBalancer a class it was made
  // without, and the controller's webhook adds none on an update: such a Service the controller
  // takes by its annotations keeps being taken by them.
  const byAnnotation = cls === undefined && serviceLoadBalancer(a, cls).by === "aws-load-balancer-controller";
  if (byAnnotation)
    notes.chose(
      { doc: service, field: [...ANNOTATIONS, NLB.type] },
      label,
      "no loadBalancerClass: the AWS Load Balancer Controller takes it by its aws-load-balancer-type annotation, and the API server lets no update add the class, so the spec's Service keeps none (selectedBy: annotation)",
    );
  out["service"] = {
    name: service.name,
    namespace: service.namespace,
    selector: stringEntries(service.spec["selector"]),
    ports: ports.map((p, i) => {
      const targetPort = resolveTargetPort(docs, service, i, p["targetPort"], notes);
      return {
        ...(str(p["name"]) === undefined ? {} : { name: p["name"] }),
        port: p["port"],
        ...(targetPort === undefined || targetPort === p["port"] ? {} : { targetPort }),
        ...(str(p["protocol"]) === "UDP" ? { protocol: "UDP" } : {}),
      };
    }),
    ...(byAnnotation ? { selectedBy: "annotation" } : {}),
  };
  return out;
}

/**
 * The scheme is the topology's reading of the object, so that the render reads back the same.
 * `annotations` is where the object keeps them (a Service's metadata, a Gateway's infrastructure).
 */
function nlbCommon(a: Readonly<Record<string, string>>, lb: LoadBalancerRef, annotations: AnnotationsAt, notes: Notes): SpecObject {
  const object = { doc: annotations.doc };
  const label = objectLabel(annotations.doc);
  if (a[NLB.scheme] === undefined && a[IN_TREE.internal] === undefined)
    notes.chose(object, label, `no scheme annotation: ${lb.scheme}, as the topology reads it`);
  const out: SpecObject = { scheme: lb.scheme, targetType: a[NLB.targetType] ?? "instance" };
  if (a[NLB.targetType] === undefined)
    notes.chose(object, label, "no nlb-target-type annotation: instance, the AWS Load Balancer Controller's default");
  const certificates = splitList(a[NLB.certificateArns]);
  if (certificates.length > 0) out["certificateArns"] = certificates;
  copy(a, out, { sslPolicy: NLB.sslPolicy });
  lists(a, out, { securityGroups: NLB.securityGroups, inboundCidrs: NLB.inboundCidrs });
  healthCheck(a, out, NLB);
  const consumed = {
    [NLB.type]: "",
    [IN_TREE.internal]: "",
    "service.beta.kubernetes.io/aws-load-balancer-ssl-ports": "",
    "service.beta.kubernetes.io/aws-load-balancer-target-group-attributes": "",
  };
  const raw = rawAnnotations("nlb", a, NLB, annotations, notes, {}, consumed);
  return Object.keys(raw).length === 0 ? out : { ...out, annotations: raw };
}

function ciliumNlb(gateway: Doc, lb: LoadBalancerRef, notes: Notes): SpecObject {
  const a = stringEntries(record(gateway.spec["infrastructure"])["annotations"]);
  const label = objectLabel(gateway);
  const infrastructure = ["spec", "infrastructure", "annotations"];
  const out = nlbCommon(a, lb, { doc: gateway, field: infrastructure }, notes);
  if (out["targetType"] !== "instance")
    notes.chose(
      { doc: gateway, field: [...infrastructure, NLB.targetType] },
      label,
      `nlb-target-type ${String(out["targetType"])} in front of Cilium: instance instead, since Cilium's gateway Service has only a dummy endpoint and ip targets register nothing (aws-load-balancer-controller#3754)`,
    );
  out["targetType"] = "instance";
  return out;
}

/** The TargetGroupBinding that binds a load balancer made elsewhere, named as the topology names it. */
export function bindingOf(docs: readonly Doc[], lb: LoadBalancerRef): Doc | undefined {
  return docs.find(
    (d) =>
      isKind(d, "elbv2.k8s.aws", "TargetGroupBinding") &&
      (d.annotations[HINTS.loadBalancer] ?? (str(d.spec["targetGroupARN"]) ?? "").split("/")[1] ?? d.name) === lb.name,
  );
}

function externalLoadBalancer(docs: readonly Doc[], lb: LoadBalancerRef, head: SpecObject, notes: Notes): ImportedLoadBalancer | undefined {
  const binding = bindingOf(docs, lb);
  if (binding === undefined) return undefined;
  const label = objectLabel(binding);
  if (binding.annotations[HINTS.scheme] === undefined)
    notes.chose(
      { doc: binding },
      label,
      `a load balancer made outside the cluster: no object says its scheme; ${lb.scheme} assumed, check it`,
    );
  if (binding.annotations[HINTS.loadBalancerType] === undefined)
    notes.chose({ doc: binding }, label, `a load balancer made outside the cluster: no object says its type; ${lb.type} assumed, check it`);
  const targetType = str(binding.spec["targetType"]);
  const spec: SpecObject = {
    ...head,
    scheme: lb.scheme,
    ...(targetType === undefined ? {} : { targetType }),
    external: { targetGroupArn: str(binding.spec["targetGroupARN"]) ?? "" },
  };
  return { spec, from: [binding] };
}

function splitList(value: string | undefined): string[] {
  return value === undefined
    ? []
    : value
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
}

function copy(a: Readonly<Record<string, string>>, out: SpecObject, fields: Record<string, string>): void {
  for (const [field, key] of Object.entries(fields)) if (a[key] !== undefined) out[field] = a[key];
}

function lists(a: Readonly<Record<string, string>>, out: SpecObject, fields: Record<string, string>): void {
  for (const [field, key] of Object.entries(fields)) if (a[key] !== undefined) out[field] = splitList(a[key]);
}

function healthCheck(a: Readonly<Record<string, string>>, out: SpecObject, keys: typeof ALB | typeof NLB): void {
  const path = a[keys["healthCheck.path"]];
  const port = a[keys["healthCheck.port"]];
  const protocol = a[keys["healthCheck.protocol"]];
  if (path === undefined && port === undefined && protocol === undefined) return;
  out["healthCheck"] = {
    ...(path === undefined ? {} : { path }),
    ...(port === undefined ? {} : { port }),
    ...(protocol === undefined ? {} : { protocol }),
  };
}

/** What the spec's fields do not model passes through as raw annotations when the controller documents it; the rest is said. */
function rawAnnotations(
  type: "alb" | "nlb",
  a: Readonly<Record<string, string>>,
  fields: typeof ALB | typeof NLB,
  annotations: AnnotationsAt,
  notes: Notes,
  unsupported: Readonly<Record<string, string>>,
  consumed: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const owned = new Set<string>(Object.values(fields));
  const label = objectLabel(annotations.doc);
  const at = (key: string) => ({ doc: annotations.doc, field: [...annotations.field, key] });
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(a)) {
    if (owned.has(key) || key in consumed || key.startsWith("ingress-gitops.io/")) continue;
    if (!key.startsWith(type === "alb" ? "alb.ingress.kubernetes.io/" : "service.beta.kubernetes.io/")) continue;
    const why = unsupported[key];
    if (why !== undefined) {
      notes.unexpressed(at(key), label, `${key}: ${value}: not expressed (${why})`);
      continue;
    }
    const verdict = checkAnnotation(type, key, value);
    if (verdict.ok) out[key] = value;
    else notes.unexpressed(at(key), label, `${key}: ${value}: not expressed (${verdict.detail})`);
  }
  return out;
}
