import js from "@eslint/js";
import tseslint from "typescript-eslint";

// Stage imports, from the road in ARCHITECTURE.md: load → validate → model → render → verify →
// plan → diff → deliver. A stage never imports a later one; topology reads manifests only, and
// import (manifests → spec text) reads them through topology alone; the
// doors (pipeline, commands, action, main, cli, cli-main) are imported by no stage. src/controllers,
// problems.ts and the small shared helpers (closest-name, compare-text, is-record, group-by, memo, one-line, hints,
// merge-values, yaml-aliases, named-files)
// import no stage, so every stage may use them.
const DOORS = ["pipeline", "commands", "action"];
const FORBIDDEN = {
  load: ["validate", "model", "render", "verify", "plan", "topology", "import", "diff", "deliver"],
  validate: ["model", "render", "verify", "plan", "topology", "import", "diff", "deliver"],
  model: ["render", "verify", "plan", "topology", "import", "diff", "deliver"],
  render: ["verify", "plan", "topology", "import", "diff", "deliver"],
  verify: ["plan", "topology", "import", "diff", "deliver"],
  plan: ["topology", "import", "diff", "deliver"],
  topology: ["load", "validate", "model", "render", "verify", "plan", "import", "diff", "deliver"],
  // Import reads manifests through the topology reader and writes spec text; it knows the spec
  // only as its format, so what it writes is checked by validate like any hand-written spec.
  import: ["load", "validate", "model", "render", "verify", "plan", "diff", "deliver"],
  diff: ["import", "deliver"],
  deliver: ["render", "model", "import"],
  controllers: ["load", "validate", "model", "render", "verify", "plan", "topology", "import", "diff", "deliver"],
};
// Exceptions, each with its reason.
const EXCEPT = {
  // The spec's Helm values are checked against the same pinned chart schemas as the rendered
  // values, so that a misspelt key is said with its position.
  validate: "verify/helm-values\\.ts$",
};
/** A relative import of one of `folders`, from src/ or any depth below it, unless it matches `except`. */
const into = (folders, except) => `^${except === undefined ? "" : `(?!.*(${except}))`}(\\./|(\\.\\./)+)(${folders.join("|")})(/|$)`;
const restrict = (...patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

export const stageImports = [
  ...Object.entries(FORBIDDEN).map(([stage, folders]) => ({
    files: [`src/${stage}/**/*.ts`],
    rules: restrict(
      { regex: into(folders, EXCEPT[stage]), message: `src/${stage} must not import a later stage (ARCHITECTURE.md, import rules)` },
      { regex: into(DOORS), message: `src/${stage} must not import a door: the doors import the stages` },
    ),
  })),
  {
    files: [
      "src/problems.ts",
      "src/closest-name.ts",
      "src/compare-text.ts",
      "src/is-record.ts",
      "src/group-by.ts",
      "src/memo.ts",
      "src/one-line.ts",
      "src/hints.ts",
      "src/merge-values.ts",
      "src/yaml-aliases.ts",
      "src/named-files.ts",
    ],
    rules: restrict({
      regex: into([...Object.keys(FORBIDDEN), ...DOORS]),
      message: "a shared helper imports no stage, so every stage may use it",
    }),
  },
  { files: ["src/pipeline/**/*.ts"], rules: restrict({ regex: into(["commands", "action"]), message: "the pipeline is below the doors" }) },
  {
    files: ["src/index.ts", "src/main.ts", "src/action/**/*.ts"],
    rules: restrict({
      regex: into(["commands"]),
      message: "the action's door does not borrow from the command line's; share through a stage",
    }),
  },
  {
    files: ["src/cli.ts", "src/cli-main.ts", "src/young-generation.ts", "src/commands/**/*.ts"],
    rules: restrict({ regex: into(["action"]), message: "the command line does not borrow from the action's door" }),
  },
];

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "test/fixtures/", ".tmp/", "src/*/generated/*.js", "schema/validators/"] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ["*.js", "scripts/*.mjs", "bench/*.mjs"],
          // The build and bench scripts are plain JavaScript run without a loader; a dozen is still quick.
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 16,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // node:test runs top-level tests itself; their promises need no await.
      "@typescript-eslint/no-floating-promises": [
        "error",
        {
          allowForKnownSafeCalls: [
            {
              from: "package",
              package: "node:test",
              name: ["test", "it", "describe", "suite", "before", "after", "beforeEach", "afterEach"],
            },
          ],
        },
      ],
    },
  },
  ...stageImports,
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
);
