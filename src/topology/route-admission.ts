// Which routes a Gateway accepts and which backends a route may reach, read from the manifests
// as the Gateway API spec defines them, so that role separation shows in the topology: a route
// from a namespace no listener admits, or to a Service in another namespace that no
// ReferenceGrant opens, serves nothing.
import { isKind, list, record, str, stringEntries, type Doc } from "./documents.ts";

const GROUP = "gateway.networking.k8s.io";

/** The label the API server puts on every namespace (Kubernetes 1.22+), the only one the name alone tells. */
const NAME_LABEL = "kubernetes.io/metadata.name";

/**
 * Whether any listener of `gateway` admits routes from `namespace`: allowedRoutes.namespaces.from
 * is Same when unset (gateway-api apis/v1/gateway_types.go, RouteNamespaces.From default). A
 * selector on other labels than the namespace's name cannot be decided from manifests, so the
 * route is taken as admitted rather than guessed away.
 */
export function admits(gateway: Doc, namespace: string): boolean {
  return list(gateway.spec["listeners"]).some((l) => {
    const namespaces = record(record(record(l)["allowedRoutes"])["namespaces"]);
    switch (str(namespaces["from"]) ?? "Same") {
      case "All":
        return true;
      case "Selector":
        return selects(record(namespaces["selector"]), namespace);
      default:
        return namespace === gateway.namespace;
    }
  });
}

function selects(selector: Record<string, unknown>, namespace: string): boolean {
  const labels = stringEntries(selector["matchLabels"]);
  if (labels[NAME_LABEL] !== undefined && labels[NAME_LABEL] !== namespace) return false;
  return list(selector["matchExpressions"])
    .map(record)
    .every((e) => {
      if (str(e["key"]) !== NAME_LABEL) return true;
      const values = list(e["values"]).map(str);
      const operator = str(e["operator"]);
      return operator === "In" ? values.includes(namespace) : operator === "NotIn" ? !values.includes(namespace) : true;
    });
}

/**
 * Whether an HTTPRoute in `from` may send to Service `service` in `to`: the same namespace, or a
 * ReferenceGrant in `to` that names HTTPRoutes of `from` and that Service, or every Service
 * (gateway-api site/content/en/api-types/referencegrant.md).
 */
export function granted(docs: readonly Doc[], from: string, to: string, service: string): boolean {
  if (from === to) return true;
  return docs.some(
    (grant) =>
      isKind(grant, GROUP, "ReferenceGrant") &&
      grant.namespace === to &&
      list(grant.spec["from"])
        .map(record)
        .some((f) => str(f["group"]) === GROUP && str(f["kind"]) === "HTTPRoute" && str(f["namespace"]) === from) &&
      list(grant.spec["to"])
        .map(record)
        .some((t) => (str(t["group"]) ?? "") === "" && str(t["kind"]) === "Service" && (str(t["name"]) ?? service) === service),
  );
}
