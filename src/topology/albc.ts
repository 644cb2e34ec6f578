// The AWS load balancers the manifests make or bind: an ALB per IngressGroup of class alb, an NLB
// per Service of type LoadBalancer that the AWS Load Balancer Controller or the in-tree cloud
// provider serves, and a load balancer made outside the cluster per TargetGroupBinding; and what
// the controller would refuse or never reach.
import { INGRESS_ANNOTATIONS, SERVICE_ANNOTATIONS } from "../controllers/albc.ts";
import { groupBy } from "../group-by.ts";
import { HINTS } from "../hints.ts";
import { Memo } from "../memo.ts";
import { shadowIndex } from "./alb-shadowing.ts";
import { about, isKind, list, record, str, type Doc } from "./documents.ts";
import { ingressClasses, ingressRules, isIngress, unresolved, type IngressRule } from "./ingress.ts";
import { portNumber, serviceKey, type Entry, type ReadFinding, type TopologyReader } from "./reader.ts";
import { FIELD_ANNOTATIONS } from "../controllers/albc-annotations.ts";
import { albcScheme, isService, serviceIndex, serviceLoadBalancer, serviceMaking, servicePort, type ServiceIndex } from "./services.ts";
import type { GatewayRef, LoadBalancerRef, Making } from "./types.ts";

export const albcReader: TopologyReader = ({ docs }) => {
  const services = serviceIndex(docs);
  const albs = albEntries(docs, services);
  const nlbs = loadBalancerServiceEntries(docs);
  const bindings = bindingEntries(docs, services);
  return {
    entries: [...albs.entries, ...nlbs.entries, ...bindings.entries],
    proxies: [],
    findings: [...albs.findings, ...nlbs.findings, ...bindings.findings, ...groupConflicts(albs.entries)],
  };
};

/** An ALB's scheme: the controller's default is internal. */
export function scheme(value: unknown): LoadBalancerRef["scheme"] {
  return value === "internet-facing" ? "internet-facing" : "internal";
}

/** The NLB the AWS Load Balancer Controller makes of a Service (or a Gateway's Service) with these annotations. */
export function nlbRef(name: string, annotations: Readonly<Record<string, unknown>>): LoadBalancerRef {
  return { name, type: "nlb", scheme: albcScheme(annotations), external: false };
}

/** The NLB of a Service with these annotations (and class), which `from` makes: one entry per port, or why none. */
export function nlbEntries(
  name: string,
  annotations: Readonly<Record<string, string>>,
  loadBalancerClass: unknown,
  from: Doc,
  service: { readonly namespace: string; readonly name: string },
  ports: readonly number[],
): { readonly entries: Entry[]; readonly findings: ReadFinding[] } {
  const made = serviceLoadBalancer(annotations, loadBalancerClass);
  if (made.by === "none")
    return {
      entries: [],
      findings: [
        {
          severity: "warning",
          message: `unresolved: Service ${serviceKey(service.namespace, service.name)} of type LoadBalancer: ${made.reason}; not read as a path`,
          ...about(from),
        },
      ],
    };
  const lb: LoadBalancerRef = { name, type: "nlb", scheme: made.scheme, external: false };
  const making = serviceMaking(made.by, annotations, loadBalancerClass);
  const tls = nlbTlsPorts(annotations);
  return {
    entries: ports.map((port) => ({ lb, making, tls: tls(port), file: from.file, service: { ...service, port }, rule: undefined })),
    findings: [],
  };
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

// The controller's bounds for `group.order` (pkg/ingress/group_loader.go), default 0.
const GROUP_ORDER_ANNOTATION = "alb.ingress.kubernetes.io/group.order";
const GROUP_ORDER = { min: -1000, max: 1000, fallback: 0 };

interface Member {
  readonly doc: Doc;
  /** Where it is in the files: entries keep that order, whatever order the ALB evaluates them in. */
  readonly index: number;
  readonly order: number;
  readonly lb: LoadBalancerRef;
  readonly making: Making;
  readonly tls: boolean;
  readonly gateway: GatewayRef;
}

interface Placed {
  readonly member: Member;
  readonly rule: IngressRule;
  /** Where the rule is in its Ingress. */
  readonly position: number;
}

function albEntries(docs: readonly Doc[], services: ServiceIndex): { entries: Entry[]; findings: ReadFinding[] } {
  const classOf = ingressClasses(docs);
  const findings: ReadFinding[] = [];
  // Once per IngressClass, not per Ingress: finding its parameters is a search of every document.
  const paramsByClass = new Memo<Doc | undefined, Record<string, unknown>>();
  const paramsOf = (ingressClass: Doc | undefined) => paramsByClass.get(ingressClass, () => classParams(docs, ingressClass, findings));
  const members = docs.flatMap((doc, index): Member[] => {
    const cls = isIngress(doc) ? classOf(doc) : undefined;
    if (cls?.controller !== "alb") return [];
    const a = doc.annotations;
    const params = paramsOf(cls.ingressClass);
    const order = groupOrder(a[GROUP_ORDER_ANNOTATION]);
    if (order === undefined) {
      findings.push({
        severity: "error",
        message: `Ingress ${doc.namespace}/${doc.name}: group.order '${a[GROUP_ORDER_ANNOTATION] ?? ""}' is not an integer in [${GROUP_ORDER.min}, ${GROUP_ORDER.max}]; the AWS Load Balancer Controller refuses its group`,
        ...about(doc, ["metadata", "annotations", GROUP_ORDER_ANNOTATION]),
      });
      return [];
    }
    // Every Ingress of an IngressGroup is one ALB, whatever else names it. The class's
    // IngressClassParams, when it has one, decide group and scheme for all its Ingresses
    // (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/ingress_class/#ingressclassparams-specification).
    const group = str(record(params["group"])["name"]) ?? a[INGRESS_ANNOTATIONS.groupName];
    const lb: LoadBalancerRef = {
      name: group ?? a[HINTS.loadBalancer] ?? `${doc.namespace}/${doc.name}`,
      type: "alb",
      scheme: scheme(str(params["scheme"]) ?? a[INGRESS_ANNOTATIONS.scheme]),
      external: false,
    };
    const tls = (a[INGRESS_ANNOTATIONS.listenPorts] ?? "").includes("HTTPS") || a[INGRESS_ANNOTATIONS.certificateArn] !== undefined;
    // The controller's default target type is instance (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#target-type).
    const making: Making = {
      by: "aws-load-balancer-controller",
      of: "Ingress",
      targetType: a[FIELD_ANNOTATIONS.alb.targetType] === "ip" ? "ip" : "instance",
    };
    return [{ doc, index, order, lb, making, tls, gateway: { name: a[HINTS.gateway] ?? lb.name, type: "alb" } }];
  });
  const entries = [...groupBy(members, (m) => m.lb.name).values()].flatMap((group) => {
    const placed = evaluationOrder(group, services, findings);
    const kept: Placed[] = [];
    const earlierRules = shadowIndex<Placed>();
    for (const p of placed) {
      // Two files defining one Ingress are one object in the cluster: not a shadow but a conflict, reported as a path served twice.
      const earlier = earlierRules.first(p.rule, (k) => !twoCopies(k.member.doc, p.member.doc));
      if (earlier !== undefined) findings.push(shadowed(p, earlier));
      else {
        kept.push(p);
        earlierRules.add(p, p.rule);
      }
    }
    kept.sort((a, b) => a.member.index - b.member.index || a.position - b.position);
    return kept.map(({ member, rule: { service, ...rule } }) => ({
      lb: member.lb,
      making: member.making,
      tls: member.tls,
      file: member.doc.file,
      service,
      rule: { ...rule, gateway: member.gateway, routeKind: "Ingress" as const },
    }));
  });
  return { entries, findings };
}

/** The spec of the IngressClassParams an IngressClass names ({} when it names none); one not in the files is a finding. */
function classParams(docs: readonly Doc[], ingressClass: Doc | undefined, findings: ReadFinding[]): Record<string, unknown> {
  const ref = record(ingressClass?.spec["parameters"]);
  if (ingressClass === undefined || str(ref["apiGroup"]) !== "elbv2.k8s.aws" || str(ref["kind"]) !== "IngressClassParams") return {};
  const found = docs.find((d) => isKind(d, "elbv2.k8s.aws", "IngressClassParams") && d.name === str(ref["name"]));
  if (found !== undefined) return found.spec;
  const message = `unresolved: IngressClass ${ingressClass.name} takes its ALB's group and scheme from IngressClassParams ${str(ref["name"]) ?? ""}, which is not in these files; its Ingresses are read by their annotations`;
  if (!findings.some((f) => f.message === message))
    findings.push({ severity: "warning", message, ...about(ingressClass, ["spec", "parameters"]) });
  return {};
}

function groupOrder(value: string | undefined): number | undefined {
  if (value === undefined) return GROUP_ORDER.fallback;
  const order = Number(value);
  return /^-?\d+$/.test(value.trim()) && order >= GROUP_ORDER.min && order <= GROUP_ORDER.max ? order : undefined;
}

/**
 * The order the ALB evaluates a group's rules in: its Ingresses by ascending group.order, ties
 * by namespace/name (pkg/ingress/group_loader.go, sortGroupMembers); within each entry of an
 * Ingress's `rules[]`, exact paths first, then prefixes longest first, then the rest as written
 * (kubernetes-sigs/aws-load-balancer-controller#2409); default backends last, as the listener's
 * default action.
 */
function evaluationOrder(group: readonly Member[], services: ServiceIndex, findings: ReadFinding[]): Placed[] {
  const sorted = [...group].sort((a, b) => a.order - b.order || compareName(a.doc, b.doc));
  const read = sorted.map((member) => ({ member, rules: ingressRules(member.doc, services) }));
  findings.push(...read.flatMap((r) => r.rules.findings));
  const ruled = read.flatMap(({ member, rules }) => {
    // Where each rule is as written, found once: `indexOf` per rule was quadratic in an Ingress's paths.
    const written = new Map<IngressRule, number>();
    rules.blocks.flat().forEach((rule, position) => written.has(rule) || written.set(rule, position));
    return rules.blocks.flatMap((block) => sortPaths(block).map((rule) => ({ member, rule, position: written.get(rule) ?? -1 })));
  });
  const fallbacks = read.flatMap(({ member, rules }) =>
    rules.fallback === undefined ? [] : [{ member, rule: rules.fallback, position: rules.blocks.flat().length }],
  );
  return [...ruled, ...fallbacks];
}

const twoCopies = (a: Doc, b: Doc) => a !== b && a.namespace === b.namespace && a.name === b.name;

const compareName = (a: Doc, b: Doc) => {
  const x = `${a.namespace}/${a.name}`;
  const y = `${b.namespace}/${b.name}`;
  return x < y ? -1 : x > y ? 1 : 0;
};

function sortPaths(block: readonly IngressRule[]): IngressRule[] {
  const rank = (r: IngressRule) => (r.declaredType === "Exact" ? 0 : r.declaredType === "Prefix" ? 1 : 2);
  return [...block].sort((a, b) => rank(a) - rank(b) || (rank(a) === 1 ? b.urlPath.length - a.urlPath.length : 0));
}

function shadowed(p: Placed, by: Placed): ReadFinding {
  const label = (x: Placed) => `${x.rule.host ?? "*"} ${x.rule.urlPath} (Ingress ${x.member.doc.namespace}/${x.member.doc.name})`;
  return {
    severity: "warning",
    message: `not exposed: ${label(p)} is shadowed on ALB '${p.member.lb.name}' by ${label(by)}, which the ALB evaluates first (group.order ${by.member.order}, then ${p.member.order})`,
    ...about(p.member.doc),
  };
}

/** A Service of type LoadBalancer exposes itself, port by port, through the NLB its controller makes. */
function loadBalancerServiceEntries(docs: readonly Doc[]): { entries: Entry[]; findings: ReadFinding[] } {
  const read = docs.flatMap((doc) => {
    if (!isService(doc) || doc.spec["type"] !== "LoadBalancer") return [];
    const ports = list(doc.spec["ports"]).map((p) => portNumber(record(p)["port"]));
    const name = doc.annotations[HINTS.loadBalancer] ?? `${doc.namespace}/${doc.name}`;
    return [nlbEntries(name, doc.annotations, doc.spec["loadBalancerClass"], doc, { namespace: doc.namespace, name: doc.name }, ports)];
  });
  return { entries: read.flatMap((r) => r.entries), findings: read.flatMap((r) => r.findings) };
}

/** A load balancer made outside the cluster is known by ingress-gitops's hints, else by its target group's ARN. */
function bindingEntries(docs: readonly Doc[], services: ServiceIndex): { entries: Entry[]; findings: ReadFinding[] } {
  const findings: ReadFinding[] = [];
  const entries = docs.filter(isBinding).flatMap((doc): Entry[] => {
    const a = doc.annotations;
    const ref = record(doc.spec["serviceRef"]);
    const arn = str(doc.spec["targetGroupARN"]) ?? "";
    const lb: LoadBalancerRef = {
      name: a[HINTS.loadBalancer] ?? arn.split("/")[1] ?? doc.name,
      type: a[HINTS.loadBalancerType] === "alb" ? "alb" : "nlb",
      scheme: scheme(a[HINTS.scheme]),
      external: true,
    };
    const name = str(ref["name"]) ?? "";
    // serviceRef.port is the Service's port, by number or by name.
    const port = servicePort(services, doc.namespace, name, ref["port"], ref["port"]);
    if (!port.ok) {
      findings.push(unresolved(doc, `serviceRef`, port.reason, ["spec", "serviceRef"]));
      return [];
    }
    const service = { namespace: doc.namespace, name, port: port.port };
    const making: Making = {
      by: "outside",
      of: "TargetGroupBinding",
      targetType: str(doc.spec["targetType"]) === "ip" ? "ip" : "instance",
    };
    return [{ lb, making, tls: a[HINTS.tls] === "true", file: doc.file, service, rule: undefined }];
  });
  return { entries, findings };
}

/** Scheme is Exclusive in an IngressGroup: Ingresses that disagree make the controller refuse the whole group. */
function groupConflicts(albs: readonly Entry[]): ReadFinding[] {
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
