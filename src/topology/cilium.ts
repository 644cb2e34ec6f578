// Cilium's Gateway API: every Gateway's Service `cilium-gateway-<name>` is a proxy to the
// HTTPRoutes attached to it; a Gateway of class cilium is an NLB's entry unless a
// TargetGroupBinding binds its Service to a load balancer made elsewhere.
import { CILIUM_GATEWAY_CLASS, ciliumGatewayService } from "../controllers/cilium.ts";
import { HINTS } from "../hints.ts";
import { list, record, str, stringEntries, type Doc } from "./documents.ts";
import { boundServices, nlbEntries } from "./albc.ts";
import { routeHops, isGateway } from "./gateway-api.ts";
import { portNumber, serviceKey, type Entry, type Proxy, type ReadFinding, type TopologyReader } from "./reader.ts";

export const ciliumReader: TopologyReader = ({ docs }) => {
  const gateways = docs.filter(isGateway);
  const proxies = gateways.map((gateway): Proxy => ({
    namespace: gateway.namespace,
    service: ciliumGatewayService(gateway.name),
    routes: () => routeHops(docs, gateway, { name: gateway.name, type: "cilium" }),
    // Its Service exists only with the Gateway, which is its own entry.
    unreached: undefined,
  }));
  const read = gatewayEntries(docs, gateways);
  return { entries: read.flatMap((r) => r.entries), proxies, findings: read.flatMap((r) => r.findings) };
};

function gatewayEntries(docs: readonly Doc[], gateways: readonly Doc[]): { entries: Entry[]; findings: ReadFinding[] }[] {
  const bound = boundServices(docs);
  return gateways.flatMap((doc) => {
    if (str(doc.spec["gatewayClassName"]) !== CILIUM_GATEWAY_CLASS) return [];
    const service = ciliumGatewayService(doc.name);
    if (bound.has(serviceKey(doc.namespace, service))) return [];
    // Without a CiliumGatewayClassConfig the Service has no loadBalancerClass: its annotations decide.
    // Cilium copies spec.infrastructure.annotations onto the Service it makes, where the controller reads them.
    const a = stringEntries(record(doc.spec["infrastructure"])["annotations"]);
    // A TCP and a UDP listener on one port are one port of the NLB (a TCP_UDP listener).
    const ports = [...new Set(list(doc.spec["listeners"]).map((l) => portNumber(record(l)["port"])))];
    return nlbEntries(
      a[HINTS.loadBalancer] ?? `${doc.namespace}/${doc.name}`,
      a,
      undefined,
      doc,
      { namespace: doc.namespace, name: service },
      ports,
    );
  });
}
