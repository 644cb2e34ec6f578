// The spec's gateways, one per gateway the exposures pass through: an alb gateway per ALB that
// routes to backends itself, and a cilium, istio or kong gateway read from its objects. Pure.
import { isKind, list, record, str, type Doc } from "../topology/documents.ts";
import type { GatewayRef } from "../topology/types.ts";
import { objectLabel, type SpecObject } from "./load-balancers.ts";
import type { ListenerSupport } from "./listener-protocols.ts";
import type { Notes } from "./notes.ts";

/** `name`: the spec's; `namespace`: where the load balancer in front reaches it (its proxy Service's). */
export function importGateway(
  docs: readonly Doc[],
  ref: GatewayRef,
  name: string,
  loadBalancer: string,
  namespace: string | undefined,
  support: ListenerSupport,
  notes: Notes,
): { readonly spec: SpecObject; readonly from: readonly Doc[] } {
  const head = { name, ...(ref.type === "alb" && name !== ref.name ? { knownAs: ref.name } : {}), type: ref.type };
  switch (ref.type) {
    case "cilium":
    case "aws": {
      const gateway = docs.find((d) => isKind(d, "gateway.networking.k8s.io", "Gateway") && d.name === ref.name);
      if (gateway === undefined) return { spec: { ...head, loadBalancer }, from: [] };
      const allowedRoutes = admitted(gateway, notes);
      return {
        spec: {
          ...head,
          namespace: gateway.namespace,
          loadBalancer,
          listeners: gatewayListeners(gateway, ref.type, support, notes),
          ...(allowedRoutes === undefined ? {} : { allowedRoutes }),
        },
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

/**
 * A spec's TLS listener passes TLS through (Passthrough); an aws gateway takes its certificates
 * from its load balancer, never a Secret (its LoadBalancerConfiguration's listener configurations).
 */
function gatewayListeners(gateway: Doc, type: "cilium" | "aws", support: ListenerSupport, notes: Notes): SpecObject[] {
  return list(gateway.spec["listeners"])
    .map(record)
    .flatMap((l, i) => {
      const protocol = str(l["protocol"]) ?? "";
      const at = { doc: gateway, field: ["spec", "listeners", i] };
      if (!support.protocols.has(protocol)) {
        notes.unexpressed(at, objectLabel(gateway), `listener ${String(l["name"])} (${protocol}): ${support.why(protocol)}`);
        return [];
      }
      if (protocol === "TLS" && (str(record(l["tls"])["mode"]) ?? "Terminate") !== "Passthrough") {
        notes.unexpressed(
          at,
          objectLabel(gateway),
          `listener ${String(l["name"])}: a TLS listener that terminates TLS; the spec's TLS listeners pass it through (Passthrough)`,
        );
        return [];
      }
      const secret =
        type === "cilium" && protocol === "HTTPS" ? str(record(list(record(l["tls"])["certificateRefs"])[0])["name"]) : undefined;
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

/** The namespaces a listener admits routes from, as the spec says them; `"All"` for every one, undefined when the spec cannot say it. */
function admittedBy(gateway: Doc, listener: Record<string, unknown>): SpecObject | "All" | undefined {
  const allowed = record(listener["allowedRoutes"]);
  if (allowed["kinds"] !== undefined) return undefined;
  const namespaces = record(allowed["namespaces"]);
  // Gateway API's default is Same (https://gateway-api.sigs.k8s.io/reference/spec/#routenamespaces).
  const from = str(namespaces["from"]) ?? "Same";
  if (from === "All") return "All";
  if (from === "Same") return { namespaces: [gateway.namespace] };
  if (from !== "Selector") return undefined;
  const selector = record(namespaces["selector"]);
  const expressions = list(selector["matchExpressions"]).map(record);
  if (expressions.length === 0) return { selector: record(selector["matchLabels"]) };
  // The form the render writes a list of namespaces in: kubernetes.io/metadata.name In [...].
  const [only] = expressions;
  if (
    expressions.length === 1 &&
    selector["matchLabels"] === undefined &&
    only !== undefined &&
    only["key"] === "kubernetes.io/metadata.name" &&
    only["operator"] === "In"
  )
    return { namespaces: list(only["values"]).flatMap((v) => str(v) ?? []) };
  return undefined;
}

/** A spec gateway admits the same namespaces on every listener: kept when the hand-written one does, said otherwise. */
function admitted(gateway: Doc, notes: Notes): SpecObject | undefined {
  const listeners = list(gateway.spec["listeners"]).map(record);
  const each = listeners.map((l) => admittedBy(gateway, l));
  const [first] = each;
  if (first !== undefined && each.every((a) => a !== undefined && JSON.stringify(a) === JSON.stringify(first)))
    return first === "All" ? undefined : first;
  listeners.forEach((l, i) => {
    if (each[i] !== "All")
      notes.unexpressed(
        { doc: gateway, field: ["spec", "listeners", i, ...(l["allowedRoutes"] === undefined ? [] : ["allowedRoutes"])] },
        objectLabel(gateway),
        `listener ${String(l["name"])}: allowedRoutes is not expressed (${each[i] === undefined ? "route kinds, or a selector the spec cannot say" : "not the same on every listener"}); the render's Gateway admits routes from every namespace (from: All), so a route this one refuses would attach`,
      );
  });
  return undefined;
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
