// Bundles the action and the CLI into self-contained ESM files in dist/, so that a fresh
// clone runs them with no `npm install`. Output must be byte-stable: CI rebuilds and
// fails when the committed dist/ differs.
import { writeBundle } from "./bundle.mjs";
import { writeSpecValidator } from "./spec-validator.mjs";
import { writeTemplates } from "./template-precompile.mjs";

// Code generated from the schema and the templates, committed like dist/ and checked as fresh by CI.
writeSpecValidator();
writeTemplates();
await writeBundle();
