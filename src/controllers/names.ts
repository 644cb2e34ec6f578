// The limits of whoever consumes the names ingress-gitops derives from spec names, and the names
// no reader of the manifests needs back (those it does are in src/controllers/). One place, so
// that the renderer and the validation that refuses too-long names never disagree.

/** Helm refuses longer release names (helm/helm pkg/chartutil `maxReleaseNameLen = 53`). */
export const HELM_RELEASE_MAX = 53;
/** A DNS-1123/1035 label: Service names, and label values such as Argo CD's tracking label. */
export const DNS_LABEL_MAX = 63;
/** What the file systems of Linux, macOS and Windows accept for one path segment (NAME_MAX). */
export const PATH_SEGMENT_MAX_BYTES = 255;

/** Argo CD Application `<metadata.name>-<app>`, where `app` is unique within the spec. */
export function applicationName(spec: string, app: string): string {
  return `${spec}-${app}`;
}

/** The short name of the Application of a gateway's own objects, what fronts it and its routes. */
export function gatewayAppName(gateway: string): string {
  return `routes-${gateway}`;
}

/** The KongPlugin of one plugin on one route, in the route's namespace. */
export function kongPluginName(route: string, plugin: string): string {
  return `${route}-${plugin}`;
}
