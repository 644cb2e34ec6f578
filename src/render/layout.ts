// Where each rendered file lives inside a spec's folder (gitops.path). Stable and documented:
//   root.yaml                              the app-of-apps (apply once, or point a parent app at it)
//   apps/<name>.yaml                       one Argo CD Application per chart, CRD set and gateway
//   values/<name>.yaml                     Helm values of the chart Application of the same name
//   manifests/<app>/<namespace>/<kind>-<name>.yaml   manifests, synced by the Application <app>
import type { KubeObject } from "./templates.ts";

export const ROOT_FILE = "root.yaml";
export const APPS_DIR = "apps";
export const VALUES_DIR = "values";
export const MANIFESTS_DIR = "manifests";

export function appFile(name: string): string {
  return `${APPS_DIR}/${name}.yaml`;
}

export function valuesFile(name: string): string {
  return `${VALUES_DIR}/${name}.yaml`;
}

export function manifestsDir(app: string): string {
  return `${MANIFESTS_DIR}/${app}`;
}

/** Istio's Gateway and Gateway API's share a kind name; the group keeps their files apart. */
export function manifestFile(app: string, object: KubeObject): string {
  const group = object.apiVersion.includes("/") ? object.apiVersion.split("/")[0] : "";
  const prefix = group === "networking.istio.io" ? "istio-" : "";
  const { namespace, name } = object.metadata;
  const folder = typeof namespace === "string" ? namespace : "_cluster";
  return `${manifestsDir(app)}/${folder}/${prefix}${object.kind.toLowerCase()}-${typeof name === "string" ? name : "unnamed"}.yaml`;
}
