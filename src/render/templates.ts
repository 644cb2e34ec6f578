// Manifest templates: one handlebars file per kind in templates/, overridable by a folder of the
// user's. Values reach a template only through the `y` helper, which writes them as JSON (a
// subset of YAML), so no value can add a key, a document or a comment. That rule is enforced
// on every template's syntax tree, user templates included, before it is ever run. What each
// render reads back as is parsed once per shape of its text (template-shapes.ts).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import { CORE_SCHEMA, load, YAMLException } from "js-yaml";
import { assetPath } from "../assets.ts";
import { jsonAsYaml } from "./canonical.ts";
import { precompiled as PRECOMPILED } from "./generated/templates.js";
import HANDLEBARS_OPTIONS from "./handlebars-options.json" with { type: "json" };
import { isRecord } from "../is-record.ts";
import { holeMark, ShapeCache } from "./template-shapes.ts";

export const TEMPLATE_NAMES = [
  "application",
  "applicationset",
  "gateway",
  "gatewayclass",
  "grpcroute",
  "httproute",
  "ingress",
  "istio-gateway",
  "kongplugin",
  "loadbalancerconfiguration",
  "referencegrant",
  "service",
  "targetgroupbinding",
  "targetgroupconfiguration",
  "tcproute",
  "tlsroute",
  "udproute",
  "virtualservice",
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

const BLOCK_HELPERS = new Set(["each", "if", "unless", "with"]);

export type KubeObject = Record<string, unknown> & { apiVersion: string; kind: string; metadata: Record<string, unknown> };

export interface TemplateSet {
  render(name: TemplateName, data: unknown): KubeObject;
  /** Where each template came from, for error messages. */
  readonly origins: Readonly<Record<TemplateName, string>>;
}

/** A value as YAML that reads back as exactly that value: JSON, with YAML's few extra escapes. */
export function yamlScalar(value: unknown): string {
  if (value === undefined) throw new Error("a template wrote a value that does not exist");
  return jsonAsYaml(value);
}

export class TemplateError extends Error {}

/** The built-in templates, each replaced by a same-named file in `overrides` if there is one. */
export function loadTemplates(overrides?: string): TemplateSet {
  const builtIn = assetPath("templates");
  const overridden = new Set(overrides === undefined ? [] : readdirSync(overrides).filter((f) => f.endsWith(".yaml.hbs")));
  const unknown = [...overridden].filter((f) => !(TEMPLATE_NAMES as readonly string[]).includes(f.replace(/\.yaml\.hbs$/, "")));
  if (unknown.length > 0)
    throw new TemplateError(
      `unknown template ${unknown.join(", ")} in ${overrides ?? ""}; known: ${TEMPLATE_NAMES.map((n) => `${n}.yaml.hbs`).join(", ")}`,
    );
  const origins = Object.fromEntries(
    TEMPLATE_NAMES.map((name) => [
      name,
      overrides !== undefined && overridden.has(`${name}.yaml.hbs`)
        ? join(overrides, `${name}.yaml.hbs`)
        : join(builtIn, `${name}.yaml.hbs`),
    ]),
  ) as Record<TemplateName, string>;
  return compileTemplates(
    Object.fromEntries(TEMPLATE_NAMES.map((name) => [name, readFileSync(origins[name], "utf8")])) as Record<TemplateName, string>,
    origins,
  );
}

/**
 * Checks and compiles each template. A source byte-identical to a built-in one uses that
 * template's build-time compilation (scripts/template-precompile.mjs), which the tests hold to
 * the same check; pass `{}` as `precompiled` to compile everything here.
 */
export function compileTemplates(
  sources: Readonly<Record<TemplateName, string>>,
  origins: Readonly<Record<TemplateName, string>>,
  precompiled: Readonly<Record<string, { readonly source: string; readonly spec: TemplateSpecification }>> = PRECOMPILED,
): TemplateSet {
  const hb = Handlebars.create();
  // The values of the render running now, while its shape is recorded (template-shapes.ts).
  let holes: unknown[] | undefined;
  hb.registerHelper("y", (value: unknown, options: { loc?: { start: { line: number } } }) => {
    if (value === undefined)
      throw new TemplateError(`line ${options.loc?.start.line ?? "?"}: {{y …}} names a value the data does not have`);
    if (holes === undefined) return yamlScalar(value);
    holes.push(value);
    return holeMark(value);
  });
  const compiled = Object.fromEntries(
    TEMPLATE_NAMES.map((name) => {
      const source = sources[name];
      const built = precompiled[name];
      if (built?.source === source) return [name, hb.template(built.spec)];
      let ast: hbs.AST.Program;
      try {
        ast = hb.parse(source);
      } catch (error) {
        throw new TemplateError(`${origins[name]}: not a valid handlebars template: ${(error as Error).message}`);
      }
      const unsafe = unsafeStatements(ast);
      if (unsafe.length > 0) {
        throw new TemplateError(
          `${origins[name]}: ${unsafe.join("; ")}. Values may only enter a template as {{y value}}, and blocks may only be ${[...BLOCK_HELPERS].join(", ")}`,
        );
      }
      // The parsed tree is compiled as is: handlebars would otherwise parse the source a second time.
      return [name, hb.compile(ast, HANDLEBARS_OPTIONS)];
    }),
  ) as Record<TemplateName, HandlebarsTemplateDelegate>;

  const shapes = new ShapeCache();
  const run = (name: TemplateName, data: unknown): string => {
    try {
      return compiled[name](data);
    } catch (error) {
      throw new TemplateError(`${origins[name]}: ${(error as Error).message}`);
    } finally {
      holes = undefined;
    }
  };
  return {
    origins,
    render(name, data) {
      const values: unknown[] = [];
      holes = values;
      const built = shapes.object(run(name, data), values);
      if (isKubeObject(built)) return built;
      const text = run(name, data);
      // Strict YAML 1.2 core: a duplicate key, a second document or an unknown tag is an error.
      let object: unknown;
      try {
        object = load(text, { schema: CORE_SCHEMA });
      } catch (error) {
        if (!(error instanceof YAMLException)) throw error;
        const reason = error.message.includes("expected a single document")
          ? "more than one document; a template renders exactly one"
          : `invalid YAML: ${error.message.split("\n")[0] ?? ""}`;
        throw new TemplateError(`${origins[name]} rendered ${reason}`);
      }
      if (!isKubeObject(object))
        throw new TemplateError(`${origins[name]} rendered something that is not a Kubernetes object with apiVersion, kind and metadata`);
      return object;
    },
  };
}

function isKubeObject(value: unknown): value is KubeObject {
  return isRecord(value) && typeof value["apiVersion"] === "string" && typeof value["kind"] === "string" && isRecord(value["metadata"]);
}

type Statement = hbs.AST.Statement;

/** Every construct that could put text into the output without going through `y`. */
function unsafeStatements(program: hbs.AST.Program): string[] {
  const found: string[] = [];
  const visit = (statements: readonly Statement[]) => {
    for (const statement of statements) {
      const at = `line ${statement.loc.start.line}`;
      switch (statement.type) {
        case "ContentStatement":
        case "CommentStatement":
          break;
        case "MustacheStatement": {
          const m = statement as hbs.AST.MustacheStatement;
          const helper = m.path.type === "PathExpression" ? (m.path as hbs.AST.PathExpression).original : "";
          if (helper !== "y" || m.params.length !== 1 || m.params.some((p) => p.type === "SubExpression"))
            found.push(`${at}: {{${helper}…}} writes a value without {{y …}}`);
          break;
        }
        case "BlockStatement": {
          const b = statement as hbs.AST.BlockStatement;
          const helper = b.path.original;
          if (!BLOCK_HELPERS.has(helper)) found.push(`${at}: block {{#${helper}}} is not allowed`);
          visit(b.program.body);
          // The typings promise an else-branch that is absent when the template has none.
          const inverse = b.inverse as hbs.AST.Program | undefined;
          if (inverse !== undefined) visit(inverse.body);
          break;
        }
        default:
          found.push(`${at}: ${statement.type} is not allowed`);
      }
    }
  };
  visit(program.body);
  return found;
}
