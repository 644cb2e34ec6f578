// The spec's routes, one per hand-written route object (an Ingress, an HTTPRoute, a
// VirtualService) and named as it is, so the render makes an object of the same identity; what
// each carries is taken from the exposures the topology reader found through it. Pure.
import { isKind, list, record, str, type Doc } from "../topology/documents.ts";
import { exposureKey, exposureLabel, type RouteExposure } from "../topology/types.ts";
import { objectLabel, type SpecObject } from "./load-balancers.ts";
import type { Notes } from "./notes.ts";

/** A path and the name of the Service it goes to, as a route object writes it, to tell its exposures from its neighbours'. */
interface Candidate {
  readonly path: string;
  readonly service: string;
}

function candidates(doc: Doc): Candidate[] | undefined {
  if (isKind(doc, "networking.k8s.io", "Ingress"))
    return list(doc.spec["rules"]).flatMap((rule) =>
      list(record(record(rule)["http"])["paths"]).map((p) => ({
        path: str(record(p)["path"]) ?? "/",
        service: str(record(record(record(p)["backend"])["service"])["name"]) ?? "",
      })),
    );
  if (isKind(doc, "gateway.networking.k8s.io", "HTTPRoute"))
    return list(doc.spec["rules"]).flatMap((rule) => {
      const service = str(record(list(record(rule)["backendRefs"])[0])["name"]) ?? "";
      const matches = list(record(rule)["matches"]);
      return (matches.length === 0 ? [{}] : matches).map((m) => ({ path: str(record(record(m)["path"])["value"]) ?? "/", service }));
    });
  if (isKind(doc, "networking.istio.io", "VirtualService"))
    return list(doc.spec["http"]).flatMap((http) => {
      const host = str(record(record(list(record(http)["route"])[0])["destination"])["host"]) ?? "";
      const service = host.split(".")[0] ?? "";
      const matches = list(record(http)["match"]);
      return (matches.length === 0 ? [{}] : matches).map((m) => {
        const uri = record(record(m)["uri"]);
        return { path: str(uri["exact"]) ?? str(uri["prefix"]) ?? str(uri["regex"]) ?? "/", service };
      });
    });
  return undefined;
}

/** The route object (Ingress, HTTPRoute, VirtualService) in `file` that makes exposure `e`. */
export function routeObjectOf(docs: readonly Doc[], e: RouteExposure, file: string | undefined): Doc | undefined {
  return docs.find(
    (doc) => doc.file === file && (candidates(doc) ?? []).some((c) => c.path === e.urlPath && c.service === e.backend.service),
  );
}

export interface ImportedRoutes {
  readonly routes: readonly SpecObject[];
  /** The route objects the spec now expresses. */
  readonly from: readonly Doc[];
  /** How many of the exposures the routes keep. */
  readonly kept: number;
}

/**
 * `exposures`: the route exposures of one gateway; `origins`: the file each was read from.
 * `gateway`: the spec's name for it. Each host + path is kept once: a second one on the same
 * gateway would be refused by validation (and is shadowed or served twice in the cluster).
 */
export function importRoutes(
  docs: readonly Doc[],
  exposures: readonly RouteExposure[],
  origins: ReadonlyMap<unknown, string>,
  gateway: string,
  notes: Notes,
): ImportedRoutes {
  const byDoc = new Map<Doc, RouteExposure[]>();
  const seen = new Map<string, string>();
  for (const e of exposures) {
    // A Gateway's routes reach the load balancer once per listener port: the same exposure again.
    if (seen.get(exposureKey(e)) === JSON.stringify(e)) continue;
    const file = origins.get(e);
    const doc = routeObjectOf(docs, e, file);
    if (doc === undefined) {
      notes.unexpressed(
        file ?? "",
        exposureLabel(e),
        `no Ingress, HTTPRoute or VirtualService here makes this path, so the spec cannot keep it`,
      );
      continue;
    }
    const key = exposureKey(e);
    if (seen.has(key)) {
      notes.unexpressed(
        { doc },
        objectLabel(doc),
        `${exposureLabel(e)} → ${e.backend.namespace}/${e.backend.service}: this host and path is already served on this gateway (the load balancer sends it to only one); not kept`,
      );
      continue;
    }
    if (e.backend.port === 0) {
      notes.unexpressed({ doc }, objectLabel(doc), `${exposureLabel(e)}: the backend's port does not resolve to a number; not kept`);
      continue;
    }
    seen.set(key, JSON.stringify(e));
    byDoc.set(doc, [...(byDoc.get(doc) ?? []), e]);
  }
  const routes = [...byDoc].flatMap(([doc, paths]) => routesOf(doc, paths, gateway, notes));
  return { routes, from: [...byDoc.keys()], kept: seen.size };
}

/** One route per backend namespace and set of hosts: a spec route serves each of its hosts on each of its rules. */
function routesOf(doc: Doc, paths: readonly RouteExposure[], gateway: string, notes: Notes): SpecObject[] {
  const rules = new Map<string, { rule: SpecObject; namespace: string; hosts: Set<string> }>();
  // A VirtualService reaches any namespace of the mesh, so it keeps its own; other routes live with their backends.
  const meshWide = isKind(doc, "networking.istio.io", "VirtualService");
  for (const p of paths) {
    const namespace = meshWide ? doc.namespace : p.backend.namespace;
    const elsewhere = namespace === p.backend.namespace ? {} : { namespace: p.backend.namespace };
    const rule = { path: p.urlPath, pathType: p.pathType, backend: { service: p.backend.service, port: p.backend.port, ...elsewhere } };
    const key = JSON.stringify([namespace, rule]);
    const known = rules.get(key) ?? { rule, namespace, hosts: new Set<string>() };
    known.hosts.add(p.host);
    rules.set(key, known);
  }
  const groups = new Map<string, { namespace: string; hosts: string[]; rules: SpecObject[] }>();
  for (const { rule, namespace, hosts } of rules.values()) {
    const sorted = [...hosts].sort();
    const key = JSON.stringify([namespace, sorted]);
    const group = groups.get(key) ?? { namespace, hosts: sorted, rules: [] };
    group.rules.push(rule);
    groups.set(key, group);
  }
  const sections = list(doc.spec["parentRefs"]).flatMap((p) => str(record(p)["sectionName"]) ?? []);
  if (sections.length > 0)
    notes.unexpressed(
      { doc, field: ["spec", "parentRefs"] },
      objectLabel(doc),
      `attaches to listener ${sections.join(", ")} only (sectionName); the spec's route attaches to every listener of its gateway whose hostname matches`,
    );
  return [...groups.values()].map((g, i) => {
    const name = i === 0 ? doc.name : `${doc.name}-${i + 1}`;
    if (g.namespace !== doc.namespace || i > 0)
      notes.chose(
        { doc },
        objectLabel(doc),
        `the spec's route ${g.namespace}/${name} (a route lives in its backends' namespace and serves each of its hosts on each of its paths); the render makes a new object, so remove this one once the render is merged`,
      );
    return {
      name,
      namespace: g.namespace,
      gateway,
      ...(g.hosts.includes("*") ? {} : { hosts: g.hosts }),
      rules: g.rules,
    };
  });
}
