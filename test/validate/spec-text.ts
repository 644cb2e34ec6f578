// A small spec around the entries a test cares about, validated as `validate` would, its problems
// as `validate` prints them.
import { formatProblem } from "../../src/problems.ts";
import { validateSpecBytes } from "../../src/validate/validate.ts";

export const SPEC_HEAD = `apiVersion: ingress-gitops/v1alpha1
kind: IngressSpec
metadata: {name: w}
cluster: {name: c, region: eu-west-1, vpcId: vpc-0123456789abcdef0}
gitops: {repoURL: "https://github.com/acme/gitops.git", path: clusters/c}
`;

/**
 * `w.yaml:line:col: …` lines for the spec SPEC_HEAD + body (the head is 5 lines, so the body starts
 * at line 6): its errors and warnings; the notes for the cluster (info) are tested on their own
 * (test/validate/eks-checks.test.ts).
 */
export function problemsOf(body: string): string[] {
  return validateSpecBytes("w.yaml", new TextEncoder().encode(`${SPEC_HEAD}${body}`))
    .problems.filter((p) => p.severity !== "info")
    .map(formatProblem);
}

/** A whole spec with one kong gateway behind an ALB and one route: the names tests vary are the arguments. */
export function kongSpecText(name: string, path: string, gateway: string): string {
  return `apiVersion: ingress-gitops/v1alpha1
kind: IngressSpec
metadata: {name: ${name}}
cluster: {name: c, region: eu-west-1, vpcId: vpc-0123456789abcdef0}
gitops: {repoURL: "https://github.com/acme/gitops.git", path: ${path}}
loadBalancers: [{name: alb, type: alb}]
gateways: [{name: ${gateway}, type: kong, loadBalancer: alb}]
routes: [{name: r, namespace: n, gateway: ${gateway}, rules: [{path: /, backend: {service: s, port: 80}}]}]
`;
}
