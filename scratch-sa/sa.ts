import { Ajv, type AnySchema } from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";
import ajvFormats from "ajv-formats";
import { CORE_DOCUMENTS, CORE_SCHEMAS, CRD_SCHEMAS, CHART_VERSIONS, OBJECT_META_DOCUMENT } from "/work/wt/speed/src/verify/catalog.ts";
import { addListTypeKeyword } from "/work/wt/speed/src/verify/list-type-keyword.ts";
import { prepareOpenApiDocument, prepareSchema } from "/work/wt/speed/src/verify/prepare-schema.ts";
import { readVendored, objectMetaRef } from "/work/wt/speed/src/verify/schema-store.ts";
import { isFreeFormValuesKey } from "/work/wt/speed/src/verify/free-form-values.ts";
const ID_BASE = "https://ingress-gitops.invalid/schema/upstream/";
const t0 = performance.now();
const ajv = new Ajv({ strict: false, allErrors: false, code: { source: true, esm: true, optimize: false }, inlineRefs: false });
ajvFormats.default(ajv);
if (process.argv[2] === "lt") addListTypeKeyword(ajv);
const exportsMap: Record<string, string> = {};
for (const d of CORE_DOCUMENTS) ajv.addSchema(prepareOpenApiDocument(readVendored(d.vendored)) as AnySchema, ID_BASE + d.vendored);
let i = 0;
for (const c of CORE_SCHEMAS) { const id = `${ID_BASE}${c.document.vendored}#/components/schemas/${c.definition}`; exportsMap[`v${i++}`] = id; }
for (const c of CRD_SCHEMAS) { ajv.addSchema({ ...(prepareSchema(readVendored(c.vendored), { objectMetaRef }) as object), $id: ID_BASE + c.vendored }); exportsMap[`v${i++}`] = ID_BASE + c.vendored; }
for (const c of CHART_VERSIONS) if (c.check.by === "schema") { ajv.addSchema({ ...(prepareSchema(readVendored(c.check.vendored), { isFreeFormProperty: isFreeFormValuesKey }) as object), $id: ID_BASE + c.check.vendored }); exportsMap[`v${i++}`] = ID_BASE + c.check.vendored; }
const code = standaloneCode.default(ajv, exportsMap);
console.log("ms", performance.now() - t0, "bytes", code.length, "requires", [...new Set(code.match(/require\([^)]*\)/g))]);
(await import("node:fs")).writeFileSync("/tmp/speedbench/sa.js", code);
