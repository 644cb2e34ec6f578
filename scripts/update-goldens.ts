// Regenerates the expected output of every bad-spec fixture. Goldens change only through this
// script, and a golden change is reviewed like code.
import { readdirSync, writeFileSync } from "node:fs";
import { validateCommand } from "../src/commands/validate.ts";

export const INVALID_FIXTURES = "test/fixtures/invalid";

export function invalidFixtures(): string[] {
  return readdirSync(INVALID_FIXTURES)
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => `${INVALID_FIXTURES}/${name}`);
}

export async function expectedOutput(fixture: string): Promise<string> {
  return (await validateCommand([fixture], { json: false })).stdout;
}

if (process.argv[1]?.endsWith("update-goldens.ts")) {
  for (const fixture of invalidFixtures()) {
    writeFileSync(fixture.replace(/\.yaml$/, ".expected"), await expectedOutput(fixture));
  }
  console.log(`updated ${invalidFixtures().length} goldens in ${INVALID_FIXTURES}`);
}
