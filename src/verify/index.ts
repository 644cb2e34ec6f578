// Strict validation of rendered output against vendored upstream schemas (schema/upstream/).
export { validateHelmValues } from "./helm-values.ts";
export { documentLabel, validateManifest } from "./manifest.ts";
export type { OutputProblem, ValidationContext } from "./types.ts";
