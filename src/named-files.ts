// What a spec argument names, for the commands that read specs and for the entry that measures
// them before a restart (young-generation.ts): one expansion, so what is measured is what is read.
import { glob, isDynamicPattern } from "tinyglobby";

/** The argument itself, or, for a glob, its matching files (not folders) in order. */
export async function filesNamed(argument: string, cwd: string): Promise<{ readonly glob: boolean; readonly files: string[] }> {
  if (!isDynamicPattern(argument)) return { glob: false, files: [argument] };
  const matches = await glob(argument, { cwd, onlyFiles: true, expandDirectories: false });
  return { glob: true, files: matches.sort() };
}
