// The AWS Load Balancer Controller's entries: an ALB per Ingress of class alb (one per
// IngressGroup), an NLB per Service of type LoadBalancer, and a load balancer made outside the
// cluster per TargetGroupBinding; and the IngressGroups it would refuse.
import { ALB_INGRESS_CLASS, INGRESS_ANNOTATIONS, SERVICE_ANNOTATIONS } from "../controllers/albc.ts";
import { groupBy } from "../group-by.ts";
import { HINTS } from "../hints.ts";
import { isKind, list, record, str, type Doc } from "./documents.ts";
import { ingressClass, ingressRules } from "./ingress.ts";
import { portNumber, serviceKey, type Entry, type TopologyReader } from "./reader.ts";
import type { Finding, GatewayRef, LoadBalancerRef } from "./types.ts";

export const albcReader: TopologyReader = ({ docs }) => {
  const albs = albEntries(docs);
  return {
    entries: [...albs, ...loadBalancerServiceEntries(docs), ...bindingEntries(docs)],
    proxies: [],
    findings: groupConflicts(albs),
  };
};

/** Both of the controller's scheme defaults are internal. */
export function scheme(value: unknown): LoadBalancerRef["scheme"] {
  return value === "internet-facing" ? "internet-facing" : "internal";
}

/** The NLB the controller makes of a Service (or a Gateway's Service) with these annotations. */
export function nlbRef(name: string, annotations: Readonly<Record<string, unknown>>): LoadBalancerRef {
  return { name, type: "nlb", scheme: scheme(annotations[SERVICE_ANNOTATIONS.scheme]), external: false };
}

/** The NLB the controller makes of a Service with these annotations: one entry per port. */
export function nlbEntries(
  name: string,
  annotations: Readonly<Record<string, string>>,
  file: string,
  service: { readonly namespace: string; readonly name: string },
  ports: readonly number[],
): Entry[] {
  const lb = nlbRef(name, annotations);
  const tls = nlbTlsPorts(annotations);
  return ports.map((port) => ({ lb, tls: tls(port), file, service: { ...service, port }, rule: undefined }));
}

/** Which ports of an NLB terminate TLS: all of them with a certificate, unless ssl-ports names some. */
function nlbTlsPorts(annotations: Readonly<Record<string, string>>): (port: number) => boolean {
  if (annotations[SERVICE_ANNOTATIONS.sslCert] === undefined) return () => false;
  const ports = annotations[SERVICE_ANNOTATIONS.sslPorts];
  return (port) =>
    ports === undefined ||
    ports === "*" ||
    ports
      .split(",")
      .map((p) => p.trim())
      .includes(String(port));
}

/** The Services TargetGroupBindings bind: a Service bound so gets no load balancer of its own. */
export function boundServices(docs: readonly Doc[]): Set<string> {
  return new Set(docs.filter(isBinding).map((d) => serviceKey(d.namespace, str(record(d.spec["serviceRef"])["name"]) ?? "")));
}

const isBinding = (doc: Doc) => isKind(doc, "elbv2.k8s.aws", "TargetGroupBinding");

function albEntries(docs: readonly Doc[]): Entry[] {
  return docs.flatMap((doc) => {
    if (!isKind(doc, "networking.k8s.io", "Ingress")) return [];
    if (ingressClass(doc) !== ALB_INGRESS_CLASS) return [];
    const a = doc.annotations;
    // Every Ingress of an IngressGroup is one ALB, whatever else names it.
    const group = a[INGRESS_ANNOTATIONS.groupName];
    const lb: LoadBalancerRef = {
      name: group ?? a[HINTS.loadBalancer] ?? `${doc.namespace}/${doc.name}`,
      type: "alb",
      scheme: scheme(a[INGRESS_ANNOTATIONS.scheme]),
      external: false,
    };
    const tls = (a[INGRESS_ANNOTATIONS.listenPorts] ?? "").includes("HTTPS") || a[INGRESS_ANNOTATIONS.certificateArn] !== undefined;
    const gateway: GatewayRef = { name: a[HINTS.gateway] ?? lb.name, type: "alb" };
    return ingressRules(doc).map(({ service, ...rule }) => ({ lb, tls, file: doc.file, service, rule: { ...rule, gateway } }));
  });
}

/** A Service of type LoadBalancer that the controller turns into an NLB exposes itself, port by port. */
function loadBalancerServiceEntries(docs: readonly Doc[]): Entry[] {
  return docs.flatMap((doc) => {
    if (!isKind(doc, "", "Service") || doc.apiVersion !== "v1" || doc.spec["type"] !== "LoadBalancer") return [];
    const a = doc.annotations;
    const ports = list(doc.spec["ports"]).map((p) => portNumber(record(p)["port"]));
    return nlbEntries(
      a[HINTS.loadBalancer] ?? `${doc.namespace}/${doc.name}`,
      a,
      doc.file,
      { namespace: doc.namespace, name: doc.name },
      ports,
    );
  });
}

/** A load balancer made outside the cluster is known by ingress-gitops's hints, else by its target group's ARN. */
function bindingEntries(docs: readonly Doc[]): Entry[] {
  return docs.filter(isBinding).map((doc) => {
    const a = doc.annotations;
    const ref = record(doc.spec["serviceRef"]);
    const arn = str(doc.spec["targetGroupARN"]) ?? "";
    const lb: LoadBalancerRef = {
      name: a[HINTS.loadBalancer] ?? arn.split("/")[1] ?? doc.name,
      type: a[HINTS.loadBalancerType] === "alb" ? "alb" : "nlb",
      scheme: scheme(a[HINTS.scheme]),
      external: true,
    };
    const service = { namespace: doc.namespace, name: str(ref["name"]) ?? "", port: portNumber(ref["port"]) };
    return { lb, tls: a[HINTS.tls] === "true", file: doc.file, service, rule: undefined };
  });
}

/** Scheme is Exclusive in an IngressGroup: Ingresses that disagree make the controller refuse the whole group. */
function groupConflicts(albs: readonly Entry[]): Finding[] {
  return [...groupBy(albs, (e) => e.lb.name)].flatMap(([name, entries]) => {
    const schemes = [...new Set(entries.map((e) => e.lb.scheme))];
    if (schemes.length < 2) return [];
    const where = schemes
      .map((s) => `${s} in ${[...new Set(entries.filter((e) => e.lb.scheme === s).map((e) => e.file))].join(", ")}`)
      .join("; ");
    return [
      {
        severity: "error" as const,
        message: `ALB '${name}': its Ingresses disagree on scheme (${where}); the AWS Load Balancer Controller refuses the whole group`,
        path: entries[0]?.file ?? "",
      },
    ];
  });
}
