#!/usr/bin/env node
// The command line's entry, kept to what runs before the CLI is loaded: a large run restarts with
// a smaller young generation first (young-generation.ts), before it has parsed the bundle.
import { restartIfLarge } from "./young-generation.ts";

await restartIfLarge(process.argv.slice(2), process.cwd());
// The bundle beside this one (dist/cli-main.js): loaded only once no restart replaced the process.
await import("./cli-main.js");
