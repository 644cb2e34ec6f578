// The floor of a `plan --json` run, what no implementation can skip: start node, read and parse
// the same spec files (js-yaml, the parser of the CLI's fast path) and write the bytes the plan
// printed to stdout. `node bench/floor.mjs <plan output file> <spec>...`; plain JavaScript with no
// loader, so its start-up is node's own. Building and serialising the plan's JSON is left out, so
// the floor is a strict one.
import { readFileSync } from "node:fs";
import { load } from "js-yaml";

const [output, ...specs] = process.argv.slice(2);
if (output === undefined) throw new Error("usage: node bench/floor.mjs <plan output file> <spec>...");
let keys = 0;
for (const spec of specs) keys += Object.keys(load(readFileSync(spec, "utf8"))).length;
// As the CLI prints: one write of the whole text to stdout.
process.stdout.write(readFileSync(output));
if (keys === 0) process.exitCode = 1;
