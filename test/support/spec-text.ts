// A spec file's text from only the parts a test is about: the required header is always the same.

/** `body` (controllers, loadBalancers, gateways, routes) under a valid header for spec `name`. */
export function specText(name: string, body: string): string {
  return `apiVersion: ingress-gitops/v1alpha1
kind: IngressSpec
metadata: {name: ${name}}
cluster: {name: c, region: eu-west-1, vpcId: vpc-0123456789abcdef0}
gitops: {repoURL: "https://github.com/acme/gitops.git", path: clusters/c}
${body}`;
}
