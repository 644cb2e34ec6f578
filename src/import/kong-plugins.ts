// The Kong plugins a hand-written route runs, as a spec route says them: KongPlugins of its
// namespace named by an Ingress's `konghq.com/plugins` annotation or by an HTTPRoute rule's
// ExtensionRef filters (kubernetes-ingress-controller internal/annotations, PluginsKey;
// internal/dataplane/translator/subtranslator/httproute.go, generateExtensionRefKongPlugin). Pure.
import { KONG_PLUGIN_FILTER, KONG_PLUGINS_ANNOTATION } from "../controllers/kong.ts";
import { kongPluginName } from "../controllers/names.ts";
import { isKind, list, record, str, type Doc } from "../topology/documents.ts";
import { objectLabel, type SpecObject } from "./load-balancers.ts";
import type { Notes } from "./notes.ts";

/** The fields of a KongPlugin a spec's plugin carries; any other (configFrom, ordering, protocols, disabled…) it cannot say. */
const SAID = new Set(["apiVersion", "kind", "metadata", "plugin", "config"]);

/** A KongPlugin a route object runs, as a spec's plugin says it. */
export interface ImportedPlugin {
  readonly plugin: SpecObject;
  readonly from: Doc;
}

/** The plugins of route object `doc` that a spec route can say; each one it cannot is noted, once. */
export function routePlugins(docs: readonly Doc[], doc: Doc, notes: Notes): ImportedPlugin[] {
  return pluginNames(doc, notes).flatMap((name): ImportedPlugin[] => {
    const plugin = docs.find(
      (d) => isKind(d, KONG_PLUGIN_FILTER.group, KONG_PLUGIN_FILTER.kind) && d.namespace === doc.namespace && d.name === name,
    );
    if (plugin === undefined) {
      notes.unexpressed(
        { doc },
        objectLabel(doc),
        `plugin '${name}': no KongPlugin of that name in ${doc.namespace} here (a KongClusterPlugin is not the spec's to say); the spec's route runs without it`,
      );
      return [];
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
      return [];
    }
    return [{ plugin: { name: kind, ...(raw["config"] === undefined ? {} : { config: raw["config"] }) }, from: plugin }];
  });
}

/** The spec route `routeName`'s plugins; each KongPlugin the render names otherwise is said to be a new one. */
export function pluginsOfRoute(imported: readonly ImportedPlugin[], routeName: string, notes: Notes): SpecObject[] {
  return imported.map(({ plugin, from }) => {
    const rendered = kongPluginName(routeName, String(plugin["name"]));
    if (rendered !== from.name)
      notes.chose(
        { doc: from },
        objectLabel(from),
        `the render names it ${from.namespace}/${rendered}, so it is a new KongPlugin: remove this one once the render is merged`,
      );
    return plugin;
  });
}

/** The KongPlugin names a route object runs, once each, in its order. */
function pluginNames(doc: Doc, notes: Notes): string[] {
  if (isKind(doc, "networking.k8s.io", "Ingress"))
    return [
      ...new Set(
        (doc.annotations[KONG_PLUGINS_ANNOTATION] ?? "")
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
