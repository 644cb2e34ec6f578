// Renders the README sections that restate code: the spec reference (from the JSON Schema) and
// the Gateway API compatibility table (from the table the validator uses), so they never
// disagree. `npm run docs` rewrites them; a test fails when they are stale.
import { readFileSync, writeFileSync } from "node:fs";
import {
  GATEWAY_API_CHANNELS,
  GATEWAY_API_NEEDS,
  GATEWAY_API_RELEASES,
  GATEWAY_API_SUPPORT,
  ROUTE_KIND_RELEASES,
  type RouteKind,
  type RouteVersion,
  type Support,
} from "../src/controllers/gateway-api.ts";
import { ROUTE_KIND_SUPPORT } from "../src/controllers/route-kinds.ts";
import { specSchema } from "../src/validate/schema.ts";

interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  required?: string[];
}

function resolve(schema: Schema): Schema {
  if (schema.$ref === undefined) return schema;
  const name = schema.$ref.replace("#/$defs/", "");
  const target = (specSchema.$defs as Record<string, Schema>)[name];
  if (target === undefined) throw new Error(`unresolved ${schema.$ref}`);
  const siblings = Object.fromEntries(Object.entries(schema).filter(([key]) => key !== "$ref"));
  return { ...resolve(target), ...siblings };
}

function typeOf(schema: Schema): string {
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const).replace(/^"|"$/g, "")}\``;
  if (schema.enum !== undefined) return schema.enum.map((v) => `\`${String(v)}\``).join(" \\| ");
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? "any"];
  return types
    .map((t) => (t === "array" ? `list of ${schema.items ? typeOf(resolve(schema.items)) : "any"}` : t === "object" ? "mapping" : t))
    .join(" or ");
}

function rows(schema: Schema, prefix: string): string[] {
  const out: string[] = [];
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    const field = resolve(raw);
    const path = `${prefix}${name}`;
    const required = schema.required?.includes(name) ? "yes" : "";
    const fallback = field.default === undefined ? "" : `\`${JSON.stringify(field.default)}\``;
    const description = (field.description ?? "").replace(/\|/g, "\\|");
    out.push(`| \`${path}\` | ${typeOf(field)} | ${required} | ${fallback} | ${description} |`);
    if (field.properties !== undefined) out.push(...rows(field, `${path}.`));
    const items = field.items === undefined ? undefined : resolve(field.items);
    if (items?.properties !== undefined) out.push(...rows(items, `${path}[].`));
  }
  return out;
}

function specReference(): string {
  return ["| field | type | required | default | meaning |", "|---|---|---|---|---|", ...rows(specSchema, "")].join("\n");
}

function compatibilityTable(): string {
  const lines = ["| controller | chart | Gateway API it supports | why |", "|---|---|---|---|"];
  for (const [controller, minors] of Object.entries(GATEWAY_API_SUPPORT)) {
    for (const [minor, support] of Object.entries<Support>(minors)) {
      const range = support.before === undefined ? `${support.from} and later` : `${support.from} up to, not including, ${support.before}`;
      const why = [support.fromWhy, support.beforeWhy].filter((w) => w !== undefined).join("; ") || "no known incompatibility";
      lines.push(`| ${controller} | ${minor}.x | ${range} | ${why} |`);
    }
  }
  lines.push("", "| gateway | needs | standard channel | experimental channel |", "|---|---|---|---|");
  for (const need of GATEWAY_API_NEEDS)
    lines.push(
      `| ${need.who} | ${need.what} | ${need.from.standard ?? "not in this channel"} | ${need.from.experimental ?? "not in this channel"} |`,
    );
  lines.push("", ...routeKindTable());
  lines.push("", `Releases shipped and validated against: ${GATEWAY_API_RELEASES.join(", ")}.`);
  return lines.join("\n");
}

const ROUTE_KINDS: readonly RouteKind[] = ["HTTPRoute", "GRPCRoute", "TCPRoute", "UDPRoute", "TLSRoute"];

/** `v1 (from v1.6.0)`, `v1alpha2 (experimental channel only)`: the version a controller reads and where a release serves it. */
function routeKindCell(kind: RouteKind, version: RouteVersion | undefined): string {
  if (version === undefined) return "—";
  const from = ROUTE_KIND_RELEASES[kind][version] ?? {};
  const channels = GATEWAY_API_CHANNELS.filter((c) => from[c] !== undefined);
  const first = channels.map((c) => from[c]);
  if (channels.length === GATEWAY_API_CHANNELS.length && new Set(first).size === 1) return `${version} (from ${first[0] ?? ""})`;
  return `${version} (${channels.map((c) => `only the ${c} channel, from ${from[c] ?? ""}`).join("; ")})`;
}

function routeKindTable(): string[] {
  return [
    "| controller | chart | gateway | " + ROUTE_KINDS.join(" | ") + " |",
    "|---|---|---|" + ROUTE_KINDS.map(() => "---|").join(""),
    ...ROUTE_KIND_SUPPORT.map(
      (row) =>
        `| ${row.controller} | ${row.chart}.x | ${row.gateway} | ${ROUTE_KINDS.map((k) => routeKindCell(k, row.kinds[k])).join(" | ")} |`,
    ),
    "",
    "istio gateways render a VirtualService per route, kong gateways an Ingress, unless `routeFormat: gatewayAPI` (then an HTTPRoute, the rows above). Both serve HTTP only, behind their ALB.",
  ];
}

const SECTIONS: Record<string, () => string> = { "spec-reference": specReference, "gateway-api-compatibility": compatibilityTable };

/** The README with every generated section rendered anew between its markers. */
export function withGeneratedSections(readme: string): string {
  let text = readme;
  for (const [name, render] of Object.entries(SECTIONS)) {
    const start = `<!-- generated:${name} (npm run docs; do not edit by hand) -->`;
    const end = `<!-- end:${name} -->`;
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from === -1 || to === -1) throw new Error(`README.md lacks the markers of the ${name} section`);
    text = `${text.slice(0, from + start.length)}\n${render()}\n${text.slice(to)}`;
  }
  return text;
}

if (process.argv.includes("--write")) {
  writeFileSync("README.md", withGeneratedSections(readFileSync("README.md", "utf8")));
  console.log("README.md generated sections updated");
}
