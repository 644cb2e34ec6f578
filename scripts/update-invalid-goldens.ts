// The bad-spec fixtures and their expected output (`npm run goldens` regenerates it). Goldens
// change only through that script, and a golden change is reviewed like code.
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

export async function updateInvalidGoldens(): Promise<string> {
  for (const fixture of invalidFixtures()) {
    writeFileSync(fixture.replace(/\.yaml$/, ".expected"), await expectedOutput(fixture));
  }
  return `updated ${invalidFixtures().length} goldens in ${INVALID_FIXTURES}`;
}
