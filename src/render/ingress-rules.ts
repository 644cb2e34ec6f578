// A route as networking.k8s.io/v1 Ingress rules: one rule per host (none: any host), each with
// every path of the route. Shared by the ALB (class alb) and Kong (class kong) Ingresses.
import type { RouteModel } from "../model/types.ts";

export function ingressRules(route: RouteModel) {
  const paths = route.rules.map((rule) => ({
    path: rule.path,
    pathType: rule.pathType,
    service: rule.backend.service,
    port: rule.backend.port,
  }));
  return (route.hosts ?? [null]).map((host) => ({ host, paths }));
}
