// Bundles the action and the CLI into self-contained ESM files in dist/, so that a fresh
// clone runs them with no `npm install`. Output must be byte-stable: CI rebuilds and
// fails when the committed dist/ differs.
import { execFileSync } from "node:child_process";
import { writeBundle } from "./bundle.mjs";
import { writeSpecValidator } from "./spec-validator.mjs";
import { writeTemplates } from "./template-precompile.mjs";

// Code generated from the schemas and the templates, committed like dist/ and checked as fresh by CI.
writeSpecValidator();
writeTemplates();
// The output validators are generated from the TypeScript that prepares the upstream schemas.
execFileSync(process.execPath, ["--import", "tsx", "scripts/output-validators.ts"], { stdio: "inherit" });
await writeBundle();
