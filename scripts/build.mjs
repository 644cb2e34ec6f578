// Bundles the action and the CLI into self-contained ESM files in dist/, so that a fresh
// clone runs them with no `npm install`. Output must be byte-stable: CI rebuilds and
// fails when the committed dist/ differs.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { rm } from "node:fs/promises";
import { writeSpecValidator } from "./spec-validator.mjs";
import { writeTemplates } from "./template-precompile.mjs";

// Code generated from the schemas and the templates, committed like dist/ and checked as fresh by CI.
writeSpecValidator();
writeTemplates();
// The output validators are generated from the TypeScript that prepares the upstream schemas.
execFileSync(process.execPath, ["--import", "tsx", "scripts/output-validators.ts"], { stdio: "inherit" });
await rm("dist", { recursive: true, force: true });
await build({
  entryPoints: { index: "src/index.ts", cli: "src/cli.ts" },
  outdir: "dist",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  splitting: false,
  legalComments: "none",
  charset: "utf8",
  logLevel: "warning",
  // Bundled CommonJS dependencies call require() for node builtins; ESM has none.
  banner: { js: 'import { createRequire as __igCreateRequire } from "node:module"; const require = __igCreateRequire(import.meta.url);' },
});
