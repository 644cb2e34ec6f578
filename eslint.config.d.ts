// Types for the test that lints fixtures with the stage-import rules (test/lint/stage-imports.test.ts).
import type { Linter } from "eslint";

export declare const stageImports: Linter.Config[];
declare const config: Linter.Config[];
export default config;
