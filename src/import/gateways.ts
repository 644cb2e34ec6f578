// The spec's gateways, one per gateway the exposures pass through: an alb gateway per ALB that
// routes to backends itself, and a cilium, istio or kong gateway read from its objects. Pure.
import { isKind, list, record, str, type Doc } from "../topology/documents.ts";
import type { GatewayRef } from "../topology/types.ts";
import { objectLabel, type SpecObject } from "./load-balancers.ts";
import type { Notes } from "./notes.ts";

/** `name`: the spec's; `namespace`: where the load balancer in front reaches it (its proxy Service's). */
export function importGateway(
  docs: readonly Doc[],
  ref: GatewayRef,
  name: string,
  loadBalancer: string,
  namespace: string | undefined,
  notes: Notes,
): { readonly spec: SpecObject; readonly from: readonly Doc[] } {
  const head = { name, ...(ref.type === "alb" && name !== ref.name ? { knownAs: ref.name } : {}), type: ref.type };
  switch (ref.type) {
    case "cilium": {
      const gateway = docs.find((d) => isKind(d, "gateway.networking.k8s.io", "Gateway") && d.name === ref.name);
      if (gateway === undefined) return { spec: { ...head, loadBalancer }, from: [] };
      return {
        spec: { ...head, namespace: gateway.namespace, loadBalancer, listeners: gatewayListeners(gateway, notes) },
        from: [gateway],
      };
    }
    case "istio": {
      const gateway = docs.find((d) => isKind(d, "networking.istio.io", "Gateway") && d.name === ref.name);
      if (gateway === undefined) return { spec: { ...head, loadBalancer }, from: [] };
      return { spec: { ...head, namespace: gateway.namespace, loadBalancer, listeners: istioListeners(gateway, notes) }, from: [gateway] };
    }
    case "kong":
      return { spec: { ...head, ...(namespace === undefined ? {} : { namespace }), loadBalancer }, from: [] };
    default:
      return { spec: { ...head, loadBalancer }, from: [] };
  }
}

function gatewayListeners(gateway: Doc, notes: Notes): SpecObject[] {
  return list(gateway.spec["listeners"])
    .map(record)
    .flatMap((l, i) => {
      const protocol = str(l["protocol"]);
      if (protocol !== "HTTP" && protocol !== "HTTPS") {
        notes.unexpressed(
          { doc: gateway, field: ["spec", "listeners", i] },
          objectLabel(gateway),
          `listener ${String(l["name"])} (${String(protocol)}): the spec's gateways listen for HTTP and HTTPS only`,
        );
        return [];
      }
      if (l["allowedRoutes"] !== undefined)
        notes.unexpressed(
          { doc: gateway, field: ["spec", "listeners", i, "allowedRoutes"] },
          objectLabel(gateway),
          `listener ${String(l["name"])}: allowedRoutes is not expressed; the render's Gateway admits routes from every namespace (from: All), so a route this one refuses would attach`,
        );
      const secret = str(record(list(record(l["tls"])["certificateRefs"])[0])["name"]);
      const hostname = str(l["hostname"]);
      return [
        {
          name: l["name"],
          protocol,
          port: l["port"],
          ...(hostname === undefined ? {} : { hostname }),
          ...(secret === undefined ? {} : { tls: { secretName: secret } }),
        },
      ];
    });
}

/** An Istio server may list several hosts (`namespace/host` too); a spec listener has one. */
function istioListeners(gateway: Doc, notes: Notes): SpecObject[] {
  return list(gateway.spec["servers"])
    .map(record)
    .flatMap((server, i) => {
      const port = record(server["port"]);
      const protocol = str(port["protocol"]);
      if (protocol !== "HTTP" && protocol !== "HTTPS") {
        notes.unexpressed(
          { doc: gateway, field: ["spec", "servers", i] },
          objectLabel(gateway),
          `server ${i} (${String(protocol)}): the spec's gateways listen for HTTP and HTTPS only`,
        );
        return [];
      }
      const hosts = list(server["hosts"]).map((h) => {
        const host = str(h) ?? "*";
        return host.includes("/") ? host.slice(host.indexOf("/") + 1) : host;
      });
      const secret = str(record(server["tls"])["credentialName"]);
      const base = str(port["name"]) ?? `${protocol.toLowerCase()}-${String(port["number"])}`;
      return (hosts.length === 0 ? ["*"] : hosts).map((host, j) => ({
        name: j === 0 ? base : `${base}-${j + 1}`,
        protocol,
        port: port["number"],
        ...(host === "*" ? {} : { hostname: host }),
        ...(secret === undefined ? {} : { tls: { secretName: secret } }),
      }));
    });
}
