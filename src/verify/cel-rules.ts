// A JSON Schema validator skips the CRDs' CEL `x-kubernetes-validations`. These are hand-written
// equivalents of the few Gateway API rules that generated output can plausibly break; the
// messages quote the upstream rule messages. Everything else in CEL is not checked.
import { pointerChild } from "./json-pointer.ts";
import type { Violation } from "./messages.ts";
import { isRecord } from "../is-record.ts";
import type { ValidationContext } from "./types.ts";

type Rule = (doc: Record<string, unknown>, ctx: ValidationContext) => Violation[];

function records(value: unknown): [index: number, item: Record<string, unknown>][] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, i) => (isRecord(item) ? [[i, item]] : []));
}

function spec(doc: Record<string, unknown>): Record<string, unknown> {
  return isRecord(doc.spec) ? doc.spec : {};
}

// HTTPRoute: "value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']".
const httpRoutePaths: Rule = (doc) =>
  records(spec(doc).rules).flatMap(([r, rule]) =>
    records(rule.matches).flatMap(([m, match]) => {
      const path = match.path;
      if (typeof path !== "object" || path === null) return [];
      const { type = "PathPrefix", value } = path as { type?: unknown; value?: unknown };
      if ((type !== "PathPrefix" && type !== "Exact") || typeof value !== "string" || value.startsWith("/")) return [];
      return [
        {
          path: pointerChild(pointerChild(pointerChild(pointerChild(pointerChild("/spec/rules", r), "matches"), m), "path"), "value"),
          message: `value must be an absolute path and start with '/' when type is ${type} (got "${value}")`,
        },
      ];
    }),
  );

/**
 * Releases whose Gateway CRD still says "tls must be specified for protocols ['HTTPS', 'TLS']":
 * v1.0.0's does (config/crd/standard/gateway.networking.k8s.io_gateways.yaml at v1.0.0); by
 * v1.2.1 the rule is gone, and an HTTPS listener may take its certificate from elsewhere (ALBC's
 * from its LoadBalancerConfiguration).
 */
const TLS_REQUIRED_IN: ReadonlySet<string> = new Set(["v1.0.0"]);

// Gateway listeners: "tls must be specified for protocols ['HTTPS', 'TLS']" (see TLS_REQUIRED_IN), "tls must not be
// specified for protocols ['HTTP', 'TCP', 'UDP']", "hostname must not be specified for protocols ['TCP', 'UDP']".
const gatewayListeners: Rule = (doc, ctx) =>
  records(spec(doc).listeners).flatMap(([i, listener]) => {
    const at = pointerChild("/spec/listeners", i);
    const protocol = listener.protocol;
    const findings: Violation[] = [];
    // A TLS listener needs tls in every release ("tls mode must be set for protocol TLS" from v1.2).
    const httpsNeedsTls = ctx.gatewayAPI === undefined || TLS_REQUIRED_IN.has(ctx.gatewayAPI.version.replace(/^(?!v)/, "v"));
    if (((protocol === "HTTPS" && httpsNeedsTls) || protocol === "TLS") && listener.tls === undefined) {
      findings.push({ path: pointerChild(at, "tls"), message: `tls must be specified for protocol ${protocol}` });
    }
    if ((protocol === "HTTP" || protocol === "TCP" || protocol === "UDP") && listener.tls !== undefined) {
      findings.push({ path: pointerChild(at, "tls"), message: `tls must not be specified for protocol ${protocol}` });
    }
    if ((protocol === "TCP" || protocol === "UDP") && listener.hostname !== undefined) {
      findings.push({ path: pointerChild(at, "hostname"), message: `hostname must not be specified for protocol ${protocol}` });
    }
    return findings;
  });

const RULES: Readonly<Record<string, Rule>> = {
  "gateway.networking.k8s.io/v1 HTTPRoute": httpRoutePaths,
  "gateway.networking.k8s.io/v1 Gateway": gatewayListeners,
};

export function celFindings(apiVersion: string, kind: string, doc: Record<string, unknown>, ctx: ValidationContext): Violation[] {
  return RULES[`${apiVersion} ${kind}`]?.(doc, ctx) ?? [];
}
