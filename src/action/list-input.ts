/** An input that takes several values: newlines or commas between them (action.yml says so for each). */
export const listOf = (text: string): string[] =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
