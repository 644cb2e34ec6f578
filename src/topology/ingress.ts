// Kubernetes Ingresses, whichever controller serves them (the ALB controller in front, Kong behind):
// which controller an Ingress is for, and its rules with every Service port resolved.
import { ALB_INGRESS_CLASS } from "../controllers/albc.ts";
import { KONG_INGRESS_CLASS } from "../controllers/kong.ts";
import { about, isKind, list, record, str, type Doc, type FieldPath } from "./documents.ts";
import type { PathType, ReadFinding, ServiceRef } from "./reader.ts";
import { servicePort, type ServiceIndex } from "./services.ts";

export const isIngress = (doc: Doc) => isKind(doc, "networking.k8s.io", "Ingress");

export interface IngressRule {
  /** Absent: any host. */
  readonly host?: string;
  readonly urlPath: string;
  readonly pathType: PathType;
  /** As written: the ALB controller orders a rule's paths by it. */
  readonly declaredType: "Exact" | "Prefix" | "ImplementationSpecific";
  readonly service: ServiceRef;
}

/** The controllers that serve IngressClasses here, by the name each puts in `spec.controller`. */
export type IngressController = "alb" | "kong" | "other";

// https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/ingress_class/ and
// https://docs.konghq.com/kubernetes-ingress-controller/latest/reference/ingress-class/.
const CONTROLLERS: Readonly<Record<string, IngressController>> = {
  "ingress.k8s.aws/alb": "alb",
  "ingress-controllers.konghq.com/kong": "kong",
};

// Without an IngressClass in the files, the class the controller's chart creates
// (aws-load-balancer-controller `ingressClass: alb`, kong `ingressController.ingressClass: kong`).
const CHART_CLASSES: Readonly<Record<string, IngressController>> = { [ALB_INGRESS_CLASS]: "alb", [KONG_INGRESS_CLASS]: "kong" };

const DEFAULT_CLASS = "ingressclass.kubernetes.io/is-default-class";
const CLASS_ANNOTATION = "kubernetes.io/ingress.class";

export interface IngressClassOf {
  readonly className: string;
  readonly controller: IngressController;
  /** The IngressClass object, when the files have it. */
  readonly ingressClass?: Doc;
}

/**
 * Which class an Ingress asks for and which controller serves it: `spec.ingressClassName`
 * through its IngressClass, else the deprecated annotation, which controllers match by name
 * (ALBC's and Kong's `--ingress-class`), else the IngressClass marked default
 * (https://kubernetes.io/docs/concepts/services-networking/ingress/#default-ingress-class).
 */
export function ingressClasses(docs: readonly Doc[]): (ingress: Doc) => IngressClassOf | undefined {
  const classes = docs.filter((d) => isKind(d, "networking.k8s.io", "IngressClass"));
  const classOf = (className: string): IngressClassOf => {
    const ingressClass = classes.find((c) => c.name === className);
    if (ingressClass === undefined) return { className, controller: CHART_CLASSES[className] ?? "other" };
    return { className, controller: CONTROLLERS[str(ingressClass.spec["controller"]) ?? ""] ?? "other", ingressClass };
  };
  const fallback = classes.find((c) => c.annotations[DEFAULT_CLASS] === "true");
  return (ingress) => {
    const annotated = ingress.annotations[CLASS_ANNOTATION];
    if (annotated !== undefined) {
      const cls = CHART_CLASSES[annotated];
      return cls === undefined ? classOf(annotated) : { className: annotated, controller: cls };
    }
    const className = str(ingress.spec["ingressClassName"]) ?? fallback?.name;
    return className === undefined ? undefined : classOf(className);
  };
}

export interface IngressRules {
  /** The paths of each entry of `rules[]`, in order. */
  readonly blocks: readonly (readonly IngressRule[])[];
  /** The defaultBackend: what no rule matches, on any host. */
  readonly fallback: IngressRule | undefined;
  /** Backends whose port cannot be found. */
  readonly findings: readonly ReadFinding[];
}

export function ingressRules(doc: Doc, services: ServiceIndex): IngressRules {
  const findings: ReadFinding[] = [];
  const rule = (host: string | undefined, path: Record<string, unknown>, backend: unknown, field: FieldPath): IngressRule[] => {
    const service = record(record(backend)["service"]);
    const name = str(service["name"]);
    // A resource backend is no way to a Service.
    if (name === undefined) return [];
    const port = record(service["port"]);
    const found = servicePort(services, doc.namespace, name, port["number"], port["name"]);
    const urlPath = str(path["path"]) ?? "/";
    if (!found.ok) {
      findings.push(unresolved(doc, `${host ?? "*"} ${urlPath}`, found.reason, field));
      return [];
    }
    const declared = str(path["pathType"]);
    const declaredType = declared === "Exact" || declared === "Prefix" ? declared : "ImplementationSpecific";
    return [
      {
        ...(host === undefined ? {} : { host }),
        urlPath,
        pathType: declaredType === "Exact" ? "Exact" : "Prefix",
        declaredType,
        service: { namespace: doc.namespace, name, port: found.port },
      },
    ];
  };
  const blocks = list(doc.spec["rules"])
    .map(record)
    .map((r, ri) =>
      list(record(r["http"])["paths"])
        .map(record)
        .flatMap((p, pi) => rule(str(r["host"]), p, p["backend"], ["spec", "rules", ri, "http", "paths", pi, "backend"])),
    );
  const [fallback] =
    doc.spec["defaultBackend"] === undefined
      ? []
      : rule(undefined, { path: "/", pathType: "Prefix" }, doc.spec["defaultBackend"], ["spec", "defaultBackend"]);
  return { blocks, fallback, findings };
}

/** Every path of an Ingress, its defaultBackend last. */
export function allRules({ blocks, fallback }: IngressRules): IngressRule[] {
  return [...blocks.flat(), ...(fallback === undefined ? [] : [fallback])];
}

export function unresolved(doc: Doc, what: string, reason: string, field?: FieldPath): ReadFinding {
  return {
    severity: "warning",
    message: `unresolved: ${doc.kind} ${doc.namespace}/${doc.name} ${what}: ${reason}; not read as a path`,
    ...about(doc, field),
  };
}
