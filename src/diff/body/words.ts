// English for counts, so every section says "1 file" and "2 files" the same way.

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** At most `shown` items by name, the rest counted: a sentence stays short at any size. */
export function some(items: readonly string[], shown = 3): string {
  const rest = items.length - shown;
  return `${items.slice(0, shown).join(", ")}${rest > 0 ? ` and ${rest} more` : ""}`;
}
