// A load balancer that keeps its name and its paths can still be made anew: the topology's paths
// are equal, and yet another controller makes it (a new load balancer, a new DNS name), its
// targets move to new target groups, or the API server refuses the Service's update. Adoption
// runs into exactly these (an in-tree NLB handed to the AWS Load Balancer Controller, targets
// that must change type); the plan says each, with the paths it concerns.
import {
  exposureKey,
  exposureLabel,
  loadBalancerLabel,
  type Exposure,
  type Finding,
  type LoadBalancerRef,
  type Making,
  type TopologyReading,
} from "../topology/types.ts";

const MAKERS: Readonly<Record<Making["by"], string>> = {
  "aws-load-balancer-controller": "the AWS Load Balancer Controller",
  "in-tree": "the in-tree cloud provider",
  outside: "nothing in the cluster",
};

const OBJECTS: Readonly<Record<Making["of"], string>> = {
  Ingress: "its IngressGroup",
  Service: "a Service of type LoadBalancer",
  Gateway: "a Gateway",
  TargetGroupBinding: "a TargetGroupBinding",
};

interface Side {
  readonly lb: LoadBalancerRef;
  readonly file: string;
  readonly making: Making;
}

/** What changes in how the load balancer `after` is made, named by its paths after the change. */
export function remadeFindings(before: Side, after: Side, exposures: readonly Exposure[]): Finding[] {
  // A load balancer made outside the cluster stays whatever the manifests say of it.
  if (before.lb.external || after.lb.external) return [];
  const lb = loadBalancerLabel(after.lb);
  const through = [...new Set(exposures.filter((p) => p.loadBalancer.name === after.lb.name).map(exposureLabel))];
  const paths = through.length === 0 ? "" : ` (${through.join(", ")})`;
  const b = before.making;
  const a = after.making;
  const findings: Finding[] = [];
  if (b.by !== a.by)
    findings.push({
      severity: "error",
      message: `${lb} keeps its paths${paths} but is made by ${MAKERS[a.by]} instead of ${MAKERS[b.by]}: that is a new ${after.lb.type.toUpperCase()} with a new DNS name, and whatever resolves the old one loses these paths`,
      path: after.file,
      group: `${after.lb.type.toUpperCase()}s are replaced`,
      destroys: { kind: "load balancer", name: lb },
    });
  // The controller provisions a load balancer for each IngressGroup, Service and Gateway
  // (docs/guide/gateway/customization.md: "the Load Balancer provisioned for that individual Gateway").
  else if (b.of !== a.of)
    findings.push({
      severity: "error",
      message: `${lb} keeps its name and paths${paths} but is made of ${OBJECTS[a.of]} instead of ${OBJECTS[b.of]}: ${MAKERS[a.by]} makes a new ${after.lb.type.toUpperCase()} for it, with a new DNS name, and deletes the old one with ${OBJECTS[b.of]}`,
      path: after.file,
      group: `${after.lb.type.toUpperCase()}s are replaced`,
      destroys: { kind: "load balancer", name: lb },
    });
  if (b.loadBalancerClass !== a.loadBalancerClass)
    findings.push({
      severity: "warning",
      message:
        `${lb}: its Service's loadBalancerClass changes from ${b.loadBalancerClass ?? "none"} to ${a.loadBalancerClass ?? "none"}, which the API server refuses on a Service of type LoadBalancer ("may not change once set", kubernetes pkg/apis/core/validation/validation.go, validateLoadBalancerClassField): ` +
        `Argo CD's sync of it fails until the Service is deleted and created again, unless the cluster's copy already has the class (the AWS Load Balancer Controller's webhook sets it on Services created while it runs)` +
        keepWithoutClass(b, a),
      path: after.file,
      group: "Services change loadBalancerClass",
    });
  // A load balancer replaced anyway (another maker, another scheme) gets new target groups with it.
  if (b.targetType !== a.targetType && b.by === a.by && b.of === a.of && before.lb.scheme === after.lb.scheme)
    findings.push({
      severity: "warning",
      message: `${lb} registers ${a.targetType} targets instead of ${b.targetType}${paths}: a target group's type cannot be modified (ELBv2 ModifyTargetGroup has no TargetType), so the controller moves these paths to new target groups; the load balancer and its DNS name stay`,
      path: after.file,
      group: "load balancers change target type",
    });
  return findings;
}

/**
 * A Service the controller already takes by its annotations need not gain the class: the spec's
 * NLB Service can go without it. Only then; one another maker made is replaced whatever its class.
 */
function keepWithoutClass(b: Making, a: Making): string {
  const albc = b.by === "aws-load-balancer-controller" && a.by === b.by;
  return albc && b.loadBalancerClass === undefined
    ? "; the controller takes it by its aws-load-balancer-type annotation already, so set `selectedBy: annotation` in the load balancer's `service` to keep it without a class"
    : "";
}

/**
 * Paths kept through a gateway of the same name that another proxy Service now serves: other
 * pods take the traffic (a gateway the render installs beside a hand-written one), which must be
 * up before the load balancer moves to them. One finding per move, with its paths.
 */
export function reproxiedFindings(before: TopologyReading, after: TopologyReading): Finding[] {
  const was = new Map(before.exposures.map((p) => [sameWay(p), before.proxies.get(p)]));
  const moves = new Map<string, { from: string; to: string; gateway: Exposure["gateway"]; paths: Set<string>; file: string }>();
  for (const p of after.exposures) {
    const to = after.proxies.get(p);
    const from = was.get(sameWay(p));
    if (to === undefined || from === undefined || from === to) continue;
    const key = JSON.stringify([from, to, p.gateway.name]);
    const move = moves.get(key) ?? { from, to, gateway: p.gateway, paths: new Set(), file: after.origins.get(p) ?? "" };
    move.paths.add(exposureLabel(p));
    moves.set(key, move);
  }
  return [...moves.values()].map(({ from, to, gateway, paths, file }) => ({
    severity: "warning",
    message: `${gateway.type} gateway '${gateway.name}' keeps its paths (${[...paths].join(", ")}) but serves them from Service ${to} instead of ${from}: other pods take this traffic, and those behind ${from} no longer get it`,
    path: file,
    group: "gateways are served by other pods",
  }));
}

/** A path through one load balancer and one gateway, whatever serves it. */
const sameWay = (p: Exposure) => JSON.stringify([exposureKey(p), p.loadBalancer.name, p.gateway.type, p.gateway.name]);
