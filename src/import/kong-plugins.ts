// The Kong plugins a hand-written route runs, as a spec route says them: KongPlugins of its
// namespace named by an Ingress's `konghq.com/plugins` annotation or by an HTTPRoute rule's
// ExtensionRef filters (kubernetes-ingress-controller internal/annotations, PluginsKey;
// internal/dataplane/translator/subtranslator/httproute.go, generateExtensionRefKongPlugin). Pure.
import { KONG_PLUGIN_FILTER } from "../controllers/kong.ts";
import { kongPluginName } from "../controllers/names.ts";
import { isKind, list, record, str, type Doc } from "../topology/documents.ts";
import { objectLabel, type SpecObject } from "./load-balancers.ts";
import type { Notes } from "./notes.ts";

const PLUGINS_ANNOTATION = "konghq.com/plugins";
/** The fields of a KongPlugin a spec's plugin carries; any other (configFrom, ordering, protocols, disabled…) it cannot say. */
const SAID = new Set(["apiVersion", "kind", "metadata", "plugin", "config"]);

export interface ImportedPlugins {
  readonly plugins: readonly SpecObject[];
  readonly from: readonly Doc[];
}

/** The plugins of route object `doc` as the spec route `routeName` takes them; what it cannot say is noted. */
export function routePlugins(docs: readonly Doc[], doc: Doc, routeName: string, notes: Notes): ImportedPlugins {
  const names = pluginNames(doc, notes);
  const plugins: SpecObject[] = [];
  const from: Doc[] = [];
  for (const name of names) {
    const plugin = docs.find(
      (d) => isKind(d, KONG_PLUGIN_FILTER.group, KONG_PLUGIN_FILTER.kind) && d.namespace === doc.namespace && d.name === name,
    );
    if (plugin === undefined) {
      notes.unexpressed(
        { doc },
        objectLabel(doc),
        `plugin '${name}': no KongPlugin of that name in ${doc.namespace} here (a KongClusterPlugin is not the spec's to say); the spec's route runs without it`,
      );
      continue;
    }
    const raw = plugin.raw;
    const unsaid = Object.keys(raw).filter((k) => !SAID.has(k));
    const kind = str(raw["plugin"]);
    if (kind === undefined || unsaid.length > 0) {
      notes.unexpressed(
        { doc: plugin },
        objectLabel(plugin),
        `${kind === undefined ? "names no plugin" : `sets ${unsaid.join(", ")}`}, which a spec's plugin cannot say; the spec's route runs without it`,
      );
      continue;
    }
    const rendered = kongPluginName(routeName, kind);
    if (rendered !== plugin.name)
      notes.chose(
        { doc: plugin },
        objectLabel(plugin),
        `the render names it ${doc.namespace}/${rendered}, so it is a new KongPlugin: remove this one once the render is merged`,
      );
    plugins.push({ name: kind, ...(raw["config"] === undefined ? {} : { config: raw["config"] }) });
    from.push(plugin);
  }
  return { plugins, from };
}

/** The KongPlugin names a route object runs, once each, in its order. */
function pluginNames(doc: Doc, notes: Notes): string[] {
  if (isKind(doc, "networking.k8s.io", "Ingress"))
    return [
      ...new Set(
        (doc.annotations[PLUGINS_ANNOTATION] ?? "")
          .split(",")
          .map((n) => n.trim())
          .filter((n) => n !== ""),
      ),
    ];
  if (!isKind(doc, "gateway.networking.k8s.io", "HTTPRoute")) return [];
  const rules = list(doc.spec["rules"]).map((rule, i) => {
    const filters = list(record(rule)["filters"]).map(record);
    return filters.flatMap((f, j) => {
      const ref = record(f["extensionRef"]);
      if (f["type"] === "ExtensionRef" && ref["group"] === KONG_PLUGIN_FILTER.group && ref["kind"] === KONG_PLUGIN_FILTER.kind)
        return str(ref["name"]) ?? [];
      notes.unexpressed(
        { doc, field: ["spec", "rules", i, "filters", j] },
        objectLabel(doc),
        `filter ${String(f["type"])}: a spec route's rules filter only through its Kong plugins; the render's HTTPRoute has no such filter`,
      );
      return [];
    });
  });
  const all = [...new Set(rules.flat())];
  if (rules.some((r) => all.some((name) => !r.includes(name))))
    notes.chose(
      { doc, field: ["spec", "rules"] },
      objectLabel(doc),
      `its rules run different plugins; a spec route runs its plugins (${all.join(", ")}) on every rule`,
    );
  return all;
}
