// Picks the schema for an apiVersion+kind. Kinds whose schema changes with the installed
// release (Gateway API, Argo CD, AWS Load Balancer Controller) are looked up in the release
// the context names; an unknown kind or release is reported, never passed.
import { GATEWAY_API_CHANNELS, GATEWAY_API_RELEASES } from "../controllers/gateway-api.ts";
import { ALBC_VERSIONS, ARGOCD_VERSIONS, CORE_SCHEMAS, CRD_SCHEMAS } from "./catalog.ts";
import type { CoreSchema, CrdFamily, CrdSchema } from "./catalog.ts";
import type { ValidationContext } from "./types.ts";

export type Resolved = { schema: CoreSchema; crd?: never } | { crd: CrdSchema; schema?: never } | { error: string };

const DEFAULT_ARGOCD_VERSION: (typeof ARGOCD_VERSIONS)[number] = "v3.5.1";
const DEFAULT_ALBC_VERSION: (typeof ALBC_VERSIONS)[number] = "v3.5.0";

/** "1.2.1" and "v1.2.1" name the same release. */
function withV(version: string): string {
  return version.startsWith("v") ? version : `v${version}`;
}

function familyVersion(family: CrdFamily, ctx: ValidationContext): { version: string } | { error: string } {
  switch (family) {
    case "gateway-api": {
      if (ctx.gatewayAPI === undefined) {
        return {
          error: "Gateway API kinds need the installed Gateway API release: set gatewayAPI {version, channel} in the validation context",
        };
      }
      const release = withV(ctx.gatewayAPI.version);
      if (
        !(GATEWAY_API_RELEASES as readonly string[]).includes(release) ||
        !(GATEWAY_API_CHANNELS as readonly string[]).includes(ctx.gatewayAPI.channel)
      ) {
        return {
          error: `no schema for Gateway API ${ctx.gatewayAPI.version} (${ctx.gatewayAPI.channel}); known releases: ${GATEWAY_API_RELEASES.join(", ")}, channels: ${GATEWAY_API_CHANNELS.join(", ")}`,
        };
      }
      return { version: `${release}/${ctx.gatewayAPI.channel}` };
    }
    case "argo-cd":
      return known("Argo CD", withV(ctx.argocdVersion ?? DEFAULT_ARGOCD_VERSION), ARGOCD_VERSIONS);
    case "aws-load-balancer-controller":
      return known("AWS Load Balancer Controller", withV(ctx.albcVersion ?? DEFAULT_ALBC_VERSION), ALBC_VERSIONS);
    case "istio":
    case "kong":
      return { version: "" };
  }
}

function known(project: string, version: string, versions: readonly string[]): { version: string } | { error: string } {
  return versions.includes(version)
    ? { version }
    : { error: `no schema for ${project} ${version}; known versions: ${versions.join(", ")}` };
}

export function resolveKind(apiVersion: string, kind: string, ctx: ValidationContext): Resolved {
  const core = CORE_SCHEMAS.find((s) => s.apiVersion === apiVersion && s.kind === kind);
  if (core !== undefined) return { schema: core };
  const candidates = CRD_SCHEMAS.filter((s) => s.apiVersion === apiVersion && s.kind === kind);
  const family = candidates[0]?.family;
  if (family === undefined) {
    const sameKind = [...new Set([...CORE_SCHEMAS, ...CRD_SCHEMAS].filter((s) => s.kind === kind).map((s) => s.apiVersion))];
    return {
      error:
        sameKind.length > 0
          ? `no schema for ${kind} in apiVersion ${apiVersion}; ${kind} is validated in ${sameKind.join(", ")}`
          : `no schema for apiVersion ${apiVersion} kind ${kind}: ingress-gitops does not know this kind, so it cannot be validated`,
    };
  }
  const selected = familyVersion(family, ctx);
  if ("error" in selected) return selected;
  const crd = candidates.find((s) => selected.version === "" || s.familyVersion === selected.version);
  return crd === undefined ? { error: `no schema for ${apiVersion} ${kind} in ${family} ${selected.version}` } : { crd };
}
