// The load balancer an aws gateway is: ALBC makes it from the Gateway itself, configured by the
// LoadBalancerConfiguration its infrastructure.parametersRef names (scheme, subnets, security
// groups, source ranges, certificates per HTTPS listener, WAF, attributes) and by the
// TargetGroupConfiguration of each backend Service (target type, health check)
// (kubernetes-sigs/aws-load-balancer-controller docs/guide/gateway/loadbalancerconfig.md,
// docs/guide/gateway/targetgroupconfig.md). Pure.
import { ALBC_GATEWAY_GROUP } from "../controllers/albc.ts";
import { balancerOf, loadBalancerConfiguration, awsLoadBalancerName } from "../topology/aws.ts";
import { isKind, list, record, str, type Doc } from "../topology/documents.ts";
import { isGateway } from "../topology/gateway-api.ts";
import type { Backend, LoadBalancerRef } from "../topology/types.ts";
import { objectLabel, type ImportedLoadBalancer, type SpecObject } from "./load-balancers.ts";
import type { Notes } from "./notes.ts";

/** The Gateway of ALBC's GatewayClass that is the load balancer the topology calls `lb.name`. */
export function awsGatewayOf(docs: readonly Doc[], lb: LoadBalancerRef): Doc | undefined {
  return docs.find((d) => isGateway(d) && balancerOf(docs, d) === lb.type && awsLoadBalancerName(docs, d) === lb.name);
}

/** The LoadBalancerConfiguration fields the spec carries; any other is said. */
const READ = new Set([
  "scheme",
  "securityGroups",
  "sourceRanges",
  "loadBalancerSubnets",
  "loadBalancerAttributes",
  "listenerConfigurations",
  "wafV2",
]);
const LISTENER_READ = new Set(["protocolPort", "defaultCertificate", "certificates", "sslPolicy"]);

export function awsLoadBalancer(
  docs: readonly Doc[],
  gateway: Doc,
  lb: LoadBalancerRef,
  head: SpecObject,
  backends: readonly Backend[],
  notes: Notes,
): ImportedLoadBalancer {
  const { configuration } = loadBalancerConfiguration(docs, gateway);
  const spec = record(configuration?.spec);
  const out: SpecObject = { ...head, scheme: lb.scheme };
  if (configuration === undefined || spec["scheme"] === undefined)
    notes.chose(
      { doc: configuration ?? gateway },
      objectLabel(configuration ?? gateway),
      `no scheme: ${lb.scheme}, ALBC's default for a Gateway`,
    );
  const targets = targetGroups(docs, backends, out, notes);
  out["listen"] = listenOf(gateway, lb.type);
  if (configuration !== undefined) {
    for (const key of Object.keys(spec))
      if (!READ.has(key))
        notes.unexpressed(
          { doc: configuration, field: ["spec", key] },
          objectLabel(configuration),
          `${key}: not expressed by the spec's load balancer fields; the render's LoadBalancerConfiguration leaves it out`,
        );
    certificates(configuration, out, notes);
    const strings = (value: unknown) => list(value).flatMap((v) => str(v) ?? []);
    const securityGroups = strings(spec["securityGroups"]);
    if (securityGroups.length > 0) out["securityGroups"] = securityGroups;
    const sourceRanges = strings(spec["sourceRanges"]);
    if (sourceRanges.length > 0) out["inboundCidrs"] = sourceRanges;
    const subnets = list(spec["loadBalancerSubnets"]).flatMap((s) => str(record(s)["identifier"]) ?? []);
    if (subnets.length > 0) out["subnets"] = subnets;
    const attributes = Object.fromEntries(
      list(spec["loadBalancerAttributes"]).flatMap((a) => {
        const key = str(record(a)["key"]);
        const value = str(record(a)["value"]);
        return key === undefined || value === undefined ? [] : [[key, value]];
      }),
    );
    if (Object.keys(attributes).length > 0) out["attributes"] = attributes;
    const webACL = str(record(spec["wafV2"])["webACL"]);
    if (webACL !== undefined) out["wafAclArn"] = webACL;
  }
  return { spec: out, from: [...(configuration === undefined ? [] : [configuration]), ...targets] };
}

/**
 * The spec's listen ports, one per listener port: an NLB's TLS listener passes TLS through, so
 * its NLB listens on TCP; a port with a TCP and a UDP listener is one TCP_UDP listener.
 */
function listenOf(gateway: Doc, type: LoadBalancerRef["type"]): SpecObject[] {
  const byPort = new Map<number, Set<string>>();
  for (const l of list(gateway.spec["listeners"]).map(record)) {
    const port = Number(l["port"]);
    const protocol = str(l["protocol"]) ?? "";
    const as = type === "nlb" && protocol === "TLS" ? "TCP" : protocol;
    byPort.set(port, (byPort.get(port) ?? new Set()).add(as));
  }
  return [...byPort].map(([port, protocols]) => ({
    protocol: protocols.has("TCP") && protocols.has("UDP") ? "TCP_UDP" : ([...protocols][0] ?? (type === "alb" ? "HTTP" : "TCP")),
    port,
  }));
}

/** Every HTTPS listener's configuration gives the same certificates in the render: the first one's are kept, a different one said. */
function certificates(configuration: Doc, out: SpecObject, notes: Notes): void {
  const listeners = list(configuration.spec["listenerConfigurations"]).map(record);
  const first = listeners[0];
  if (first === undefined) return;
  const arns = (l: Record<string, unknown>) => [
    ...(str(l["defaultCertificate"]) === undefined ? [] : [String(l["defaultCertificate"])]),
    ...list(l["certificates"]).flatMap((c) => str(c) ?? []),
  ];
  listeners.forEach((l, i) => {
    const at = { doc: configuration, field: ["spec", "listenerConfigurations", i] };
    for (const key of Object.keys(l))
      if (!LISTENER_READ.has(key))
        notes.unexpressed(
          at,
          objectLabel(configuration),
          `listener ${String(l["protocolPort"])}: ${key} is not expressed; the render leaves it out`,
        );
    if (i > 0 && (JSON.stringify(arns(l)) !== JSON.stringify(arns(first)) || l["sslPolicy"] !== first["sslPolicy"]))
      notes.unexpressed(
        at,
        objectLabel(configuration),
        `listener ${String(l["protocolPort"])}: its certificates or SSL policy differ from ${String(first["protocolPort"])}'s; the spec gives every HTTPS listener ${String(first["protocolPort"])}'s`,
      );
  });
  if (arns(first).length > 0) out["certificateArns"] = arns(first);
  const sslPolicy = str(first["sslPolicy"]);
  if (sslPolicy !== undefined) out["sslPolicy"] = sslPolicy;
}

/**
 * One target type and health check per load balancer in the spec, rendered on every backend's
 * TargetGroupConfiguration: the first backend's health check is kept, a differing one said, and
 * ip targets only when every one has them. Without one, ALBC registers instance targets
 * (docs/guide/gateway/targetgroupconfig.md, targetType).
 */
function targetGroups(docs: readonly Doc[], backends: readonly Backend[], out: SpecObject, notes: Notes): Doc[] {
  const configs = docs.filter(
    (d) =>
      isKind(d, ALBC_GATEWAY_GROUP, "TargetGroupConfiguration") &&
      backends.some((b) => b.namespace === d.namespace && b.service === str(record(d.spec["targetReference"])["name"])),
  );
  const first = configs[0];
  if (first === undefined) {
    out["targetType"] = "instance";
    notes.chose(
      "",
      `loadBalancers ${String(out["name"])}`,
      "no TargetGroupConfiguration for its backends: instance targets, ALBC's default",
    );
    return [];
  }
  const settings = (d: Doc) => record(d.spec["defaultConfiguration"]);
  const shared = (d: Doc) => {
    const s = settings(d);
    return JSON.stringify([s["targetType"] ?? "instance", s["healthCheckConfig"], s["targetGroupAttributes"]]);
  };
  for (const config of configs) {
    for (const key of Object.keys(config.spec))
      if (key !== "targetReference" && key !== "defaultConfiguration")
        notes.unexpressed(
          { doc: config, field: ["spec", key] },
          objectLabel(config),
          `${key}: not expressed; the render's TargetGroupConfiguration has a default configuration only`,
        );
    for (const key of Object.keys(settings(config)))
      if (!["targetType", "healthCheckConfig", "targetGroupAttributes"].includes(key))
        notes.unexpressed(
          { doc: config, field: ["spec", "defaultConfiguration", key] },
          objectLabel(config),
          `${key}: not expressed; the render leaves it out`,
        );
    if (shared(config) !== shared(first))
      notes.unexpressed(
        { doc: config, field: ["spec", "defaultConfiguration"] },
        objectLabel(config),
        `differs from ${objectLabel(first)}; the spec gives every target group of its load balancer one target type (ip only where all have it) and ${objectLabel(first)}'s health check`,
      );
  }
  const s = settings(first);
  // As the topology reads the load balancer's Making: ip only when every target group says so.
  out["targetType"] = configs.every((c) => str(settings(c)["targetType"]) === "ip") ? "ip" : "instance";
  const health = record(s["healthCheckConfig"]);
  const path = str(health["healthCheckPath"]);
  const rawPort = health["healthCheckPort"];
  const port = typeof rawPort === "number" ? String(rawPort) : str(rawPort);
  const protocol = str(health["healthCheckProtocol"]);
  if (path !== undefined || port !== undefined || protocol !== undefined)
    out["healthCheck"] = {
      ...(path === undefined ? {} : { path }),
      ...(port === undefined ? {} : { port }),
      ...(protocol === undefined ? {} : { protocol }),
    };
  for (const a of list(s["targetGroupAttributes"]).map(record)) {
    if (str(a["key"]) === "preserve_client_ip.enabled" && str(a["value"]) === "true") out["preserveClientIp"] = true;
    else
      notes.unexpressed(
        { doc: first, field: ["spec", "defaultConfiguration", "targetGroupAttributes"] },
        objectLabel(first),
        `target group attribute ${String(a["key"])}: not expressed (the spec carries preserve_client_ip.enabled only, as preserveClientIp)`,
      );
  }
  return configs;
}
