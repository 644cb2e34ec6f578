// The spec's gateways, one per gateway the exposures pass through: an alb gateway per ALB that
// routes to backends itself, and a cilium, istio or kong gateway read from its objects. Pure.
import { GATEWAY_LISTENER_PORTS } from "../controllers/istio-gateway.ts";
import { KONG_GATEWAY_LISTENER } from "../controllers/kong.ts";
import { isKind, list, record, str, type Doc } from "../topology/documents.ts";
import { kongGateways } from "../topology/kong.ts";
import type { GatewayRef } from "../topology/types.ts";
import { objectLabel, type SpecObject } from "./load-balancers.ts";
import type { ListenerSupport } from "./listener-protocols.ts";
import type { Notes } from "./notes.ts";

/** How the spec's gateway is to be made. */
export interface GatewayImport {
  /** The spec's name for it. */
  readonly name: string;
  readonly loadBalancer: string;
  /** Where the load balancer in front reaches it (its proxy Service's namespace). */
  readonly namespace: string | undefined;
  readonly support: ListenerSupport;
  /** istio and kong: whether its routes are Gateway API ones (routeFormat gatewayAPI) or the controller's own kind. */
  readonly gatewayApi: boolean;
}

export function importGateway(
  docs: readonly Doc[],
  ref: GatewayRef,
  { name, loadBalancer, namespace, support, gatewayApi }: GatewayImport,
  notes: Notes,
): { readonly spec: SpecObject; readonly from: readonly Doc[] } {
  const head = { name, ...(ref.type === "alb" && name !== ref.name ? { knownAs: ref.name } : {}), type: ref.type };
  if (gatewayApi && (ref.type === "istio" || ref.type === "kong"))
    return gatewayApiProxy(docs, { type: ref.type, name: ref.name }, head, { name, loadBalancer, namespace, support, gatewayApi }, notes);
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
 * An istio or kong gateway whose routes are Gateway API: the spec keeps its Gateway's admitted
 * namespaces, and for istio its listeners on the gateway chart's Service ports (80, 443); a kong
 * Gateway listens once, HTTP on the proxy's port 80, where the ALB sends.
 */
function gatewayApiProxy(
  docs: readonly Doc[],
  { type, name: refName }: { readonly type: "istio" | "kong"; readonly name: string },
  head: SpecObject,
  { loadBalancer, namespace, support }: GatewayImport,
  notes: Notes,
): { readonly spec: SpecObject; readonly from: readonly Doc[] } {
  const isApiGateway = (d: Doc) => isKind(d, "gateway.networking.k8s.io", "Gateway");
  // Kong's proxy serves every Gateway of its class (topology/kong.ts); an istio one is its own.
  const [gateway, ...more] = type === "kong" ? kongGateways(docs) : docs.filter((d) => isApiGateway(d) && d.name === refName);
  const base = { ...head, ...(namespace === undefined ? {} : { namespace }), loadBalancer, routeFormat: "gatewayAPI" };
  if (gateway === undefined) return { spec: base, from: [] };
  for (const other of more)
    notes.chose(
      { doc: other },
      objectLabel(other),
      `the spec's ${type} gateway renders one Gateway, ${objectLabel(gateway)}'s; the routes attached here attach to it`,
    );
  const listeners = type === "istio" ? istioApiListeners(gateway, support, notes) : [];
  // Only the listeners the spec's Gateway has say what it admits.
  const allowedRoutes = admitted(gateway, notes, (l) =>
    type === "istio"
      ? listeners.some((k) => k["name"] === l["name"])
      : l["protocol"] === KONG_GATEWAY_LISTENER.protocol && l["port"] === KONG_GATEWAY_LISTENER.port,
  );
  if (type === "kong") noteKongListeners(gateway, notes);
  return {
    spec: {
      ...base,
      namespace: type === "istio" ? gateway.namespace : (namespace ?? gateway.namespace),
      ...(listeners.length === 0 ? {} : { listeners }),
      ...(allowedRoutes === undefined ? {} : { allowedRoutes }),
    },
    from: [gateway, ...more],
  };
}

/** An istio Gateway API Gateway's listeners the spec can keep: those on the gateway chart's Service ports. */
function istioApiListeners(gateway: Doc, support: ListenerSupport, notes: Notes): SpecObject[] {
  const all = list(gateway.spec["listeners"]).map(record);
  return gatewayListeners(gateway, "istio", support, notes).filter((l) => {
    if (GATEWAY_LISTENER_PORTS.includes(Number(l["port"]))) return true;
    notes.unexpressed(
      { doc: gateway, field: ["spec", "listeners", all.findIndex((a) => a["name"] === l["name"])] },
      objectLabel(gateway),
      `listener ${String(l["name"])} on port ${String(l["port"])}: the istio/gateway chart's Service has ports ${GATEWAY_LISTENER_PORTS.join(" and ")} only`,
    );
    return false;
  });
}

/** A kong gateway's one listener is not the spec's to say: every other than HTTP on 80 is noted. */
function noteKongListeners(gateway: Doc, notes: Notes): void {
  list(gateway.spec["listeners"])
    .map(record)
    .forEach((l, i) => {
      if (l["protocol"] === KONG_GATEWAY_LISTENER.protocol && l["port"] === KONG_GATEWAY_LISTENER.port) return;
      notes.unexpressed(
        { doc: gateway, field: ["spec", "listeners", i] },
        objectLabel(gateway),
        `listener ${String(l["name"])} (${String(l["protocol"])} ${String(l["port"])}): a kong gateway's Gateway listens for HTTP on ${KONG_GATEWAY_LISTENER.port}, the proxy port its ALB sends to`,
      );
    });
}

/**
 * A spec's TLS listener passes TLS through (Passthrough); an aws gateway takes its certificates
 * from its load balancer, never a Secret (its LoadBalancerConfiguration's listener configurations).
 */
function gatewayListeners(gateway: Doc, type: "cilium" | "aws" | "istio", support: ListenerSupport, notes: Notes): SpecObject[] {
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
      const secret = type !== "aws" && protocol === "HTTPS" ? str(record(list(record(l["tls"])["certificateRefs"])[0])["name"]) : undefined;
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
function admitted(gateway: Doc, notes: Notes, kept: (listener: Record<string, unknown>) => boolean = () => true): SpecObject | undefined {
  const listeners = list(gateway.spec["listeners"]).map(record);
  const each = listeners.map((l) => (kept(l) ? admittedBy(gateway, l) : "dropped"));
  const keptOnes = each.filter((a) => a !== "dropped");
  const [first] = keptOnes;
  if (first !== undefined && keptOnes.every((a) => a !== undefined && JSON.stringify(a) === JSON.stringify(first)))
    return first === "All" ? undefined : first;
  listeners.forEach((l, i) => {
    if (each[i] !== "All" && each[i] !== "dropped")
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
