// Kubernetes Ingresses, whichever controller serves them (the ALB controller in front, Kong behind).
import { list, record, str, type Doc } from "./documents.ts";
import { portNumber, type PathType, type ServiceRef } from "./reader.ts";

export interface IngressRule {
  /** Absent: any host. */
  readonly host?: string;
  readonly urlPath: string;
  readonly pathType: PathType;
  readonly service: ServiceRef;
}

/** The class an Ingress asks for, by field or by the annotation that preceded it. */
export function ingressClass(ingress: Doc): string | undefined {
  return str(ingress.spec["ingressClassName"]) ?? ingress.annotations["kubernetes.io/ingress.class"];
}

/** The rules with a Service backend; a resource backend is no way to a Service. */
export function ingressRules(doc: Doc): IngressRule[] {
  return list(doc.spec["rules"])
    .map(record)
    .flatMap((rule) => {
      const host = str(rule["host"]);
      return list(record(rule["http"])["paths"])
        .map(record)
        .flatMap((p) => {
          const service = record(record(p["backend"])["service"]);
          const name = str(service["name"]);
          if (name === undefined) return [];
          return [
            {
              ...(host === undefined ? {} : { host }),
              urlPath: str(p["path"]) ?? "/",
              pathType: str(p["pathType"]) === "Exact" ? ("Exact" as const) : ("Prefix" as const),
              service: { namespace: doc.namespace, name, port: portNumber(record(service["port"])["number"]) },
            },
          ];
        });
    });
}
