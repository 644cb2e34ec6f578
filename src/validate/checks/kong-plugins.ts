// A KongPlugin whose plugin Kong does not have is accepted by the API server and then refused by
// Kong's controller, so the route runs without it; refused here with the names Kong has.
import { didYouMean } from "../suggest.ts";
import { isRecord } from "../../is-record.ts";
import { report, type Check } from "./context.ts";

/**
 * The plugins Kong 3.9 bundles (Kong/kong kong/constants.lua, `local plugins`, lines 1-46, the same
 * at tags 3.9.0 and 3.9.3). Kong chart 3.2.0, which kong/ingress 0.24.0 pins, runs image `kong:3.9`.
 */
export const KONG_BUNDLED_PLUGINS: readonly string[] = [
  "jwt",
  "acl",
  "correlation-id",
  "cors",
  "oauth2",
  "tcp-log",
  "udp-log",
  "file-log",
  "http-log",
  "key-auth",
  "hmac-auth",
  "basic-auth",
  "ip-restriction",
  "request-transformer",
  "response-transformer",
  "request-size-limiting",
  "rate-limiting",
  "response-ratelimiting",
  "syslog",
  "loggly",
  "datadog",
  "ldap-auth",
  "statsd",
  "bot-detection",
  "aws-lambda",
  "request-termination",
  "prometheus",
  "proxy-cache",
  "session",
  "acme",
  "grpc-gateway",
  "grpc-web",
  "pre-function",
  "post-function",
  "azure-functions",
  "zipkin",
  "opentelemetry",
  "ai-proxy",
  "ai-prompt-decorator",
  "ai-prompt-template",
  "ai-prompt-guard",
  "ai-request-transformer",
  "ai-response-transformer",
  "standard-webhooks",
  "redirect",
];

export const kongPluginsExist: Check = (ctx) => {
  const kongValues = ctx.spec.controllers.kong?.values ?? {};
  // Another image may bundle other plugins: nothing to check against then.
  if (isRecord(kongValues["gateway"]) && "image" in kongValues["gateway"]) return [];
  const known = [...KONG_BUNDLED_PLUGINS, ...customPlugins(kongValues)];
  return ctx.spec.routes.flatMap((route, i) =>
    (route.plugins ?? []).flatMap((plugin, j) =>
      known.includes(plugin.name)
        ? []
        : [
            report(
              ctx,
              ["routes", i, "plugins", j, "name"],
              `Kong 3.9 has no plugin '${plugin.name}'${didYouMean(plugin.name, known)}; add a custom one through controllers.kong.values gateway.plugins`,
            ),
          ],
    ),
  );
};

/** Plugins installed through the chart (`plugins.configMaps[]/secrets[].pluginName` of its gateway). */
function customPlugins(values: Record<string, unknown>): string[] {
  const gateway = isRecord(values["gateway"]) ? values["gateway"] : {};
  const plugins = isRecord(gateway["plugins"]) ? gateway["plugins"] : {};
  return ["configMaps", "secrets"].flatMap((kind) => {
    const list = plugins[kind];
    return Array.isArray(list)
      ? list.flatMap((p: unknown) => (isRecord(p) && typeof p["pluginName"] === "string" ? [p["pluginName"]] : []))
      : [];
  });
}
