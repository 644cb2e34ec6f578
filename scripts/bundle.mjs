// The esbuild bundle of the action and the CLI, in memory: `npm run build` writes it to dist/,
// and the end-to-end tests compare dist/ with it before they run the bundle (`npm test` does not
// build, so a missing or stale dist/ must say so instead of failing as if the code were wrong).
import { build } from "esbuild";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { basename, join, sep } from "node:path";
import { writeIfChanged } from "./write-if-changed.mjs";

/**
 * @actions/core's OIDC client is replaced by src/action/oidc-unused.ts: it is the only importer of
 * @actions/http-client, whose undici every run would otherwise parse and evaluate at start.
 */
const withoutOidc = {
  name: "without-oidc",
  setup(build) {
    build.onResolve({ filter: /^\.\/oidc-utils\.js$/ }, (args) =>
      args.importer.includes(`${sep}@actions${sep}core${sep}`)
        ? { path: join(process.cwd(), "src", "action", "oidc-unused.ts") }
        : undefined,
    );
  },
};

/**
 * dist/cli.js and dist/index.js load dist/cli-main.js and dist/main.js at run time rather than
 * holding them: a run that restarts node (src/young-generation.ts) does so before the bundle of
 * the CLI or the action is parsed.
 */
const mainBesideIt = {
  name: "main-beside-it",
  setup(build) {
    build.onResolve({ filter: /^\.\/(cli-main|main)\.js$/ }, (args) =>
      args.importer.endsWith(`${sep}src${sep}cli.ts`) || args.importer.endsWith(`${sep}src${sep}index.ts`)
        ? { path: args.path, external: true }
        : undefined,
    );
  },
};

/**
 * fdir (tinyglobby's walker) loads picomatch at run time, through its own createRequire, for its
 * glob() builder, which tinyglobby never calls (it passes its own matchers; picomatch is bundled
 * for it). Left in, a bundle run where node_modules exists loads a second picomatch from disk, so
 * what dist/ does would depend on what happens to be installed beside it. The exact lines are
 * taken out, and the build fails if fdir no longer has them, so a new fdir is looked at again.
 */
const FDIR_OPTIONAL_PICOMATCH = 'try {\n\t__require.resolve("picomatch");\n\tpm = __require("picomatch");\n} catch {}\n';
const fdirWithoutRuntimeRequire = {
  name: "fdir-without-runtime-require",
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]fdir[\\/]dist[\\/]index\.mjs$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      if (!text.includes(FDIR_OPTIONAL_PICOMATCH))
        throw new Error(`${args.path}: fdir's optional picomatch require is not where scripts/bundle.mjs expects it`);
      return { contents: text.replace(FDIR_OPTIONAL_PICOMATCH, ""), loader: "js" };
    });
  },
};

/** The bundled files, as `{ name, text }` with `name` relative to dist/. */
export async function bundle() {
  const result = await build({
    entryPoints: { index: "src/index.ts", main: "src/main.ts", cli: "src/cli.ts", "cli-main": "src/cli-main.ts" },
    outdir: "dist",
    write: false,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    splitting: false,
    legalComments: "none",
    charset: "utf8",
    logLevel: "warning",
    plugins: [withoutOidc, mainBesideIt, fdirWithoutRuntimeRequire],
    // Bundled CommonJS dependencies call require() for node builtins; ESM has none.
    banner: { js: 'import { createRequire as __igCreateRequire } from "node:module"; const require = __igCreateRequire(import.meta.url);' },
  });
  return result.outputFiles.map((file) => ({ name: basename(file.path), text: file.text }));
}

/**
 * Writes the bundle to dist/ file by file, each replaced atomically and only when it changed, so
 * a test or a user running dist/cli.js meanwhile never finds it missing or half written; files
 * the bundle no longer has are removed.
 */
export async function writeBundle() {
  const files = await bundle();
  for (const { name, text } of files) writeIfChanged(join("dist", name), text);
  const names = new Set(files.map((f) => f.name));
  for (const name of readdirSync("dist")) if (!names.has(name)) rmSync(join("dist", name), { recursive: true, force: true });
}

/** Why dist/ is not what the sources bundle to, or undefined when it is. */
async function distStaleness() {
  const files = await bundle();
  const missing = files.filter((f) => !existsSync(join("dist", f.name))).map((f) => f.name);
  if (missing.length > 0) return `dist/ lacks ${missing.join(", ")}`;
  const stale = files.filter((f) => readFileSync(join("dist", f.name), "utf8") !== f.text).map((f) => f.name);
  if (stale.length > 0)
    return `${stale.map((name) => `dist/${name}`).join(" and ")} ${stale.length === 1 ? "differs" : "differ"} from what the sources bundle to`;
  return undefined;
}

/** Set by the end-to-end runner once it has checked, so its test processes need not bundle again. */
export const DIST_CHECKED = "INGRESS_GITOPS_DIST_CHECKED";

/** What is wrong with dist/, as a message that says what to run, or undefined when it is fresh. */
export async function distProblem() {
  if (process.env[DIST_CHECKED] === "1") return undefined;
  const staleness = await distStaleness();
  return staleness === undefined
    ? undefined
    : `${staleness}: the end-to-end tests run the bundle; run \`npm run build\` first (npm test does not build)`;
}
