// A value made the first time its key is asked for. Shared (ARCHITECTURE.md): the PR body's
// sections (diff/body/memo.ts) and the topology's lookups that more than one object asks for.

/** Values made the first time their key is asked for only: the key must name every input `make` reads. */
export class Memo<K, T> {
  private readonly made = new Map<K, T>();

  get(key: K, make: () => T): T {
    if (this.made.has(key)) return this.made.get(key) as T;
    const value = make();
    this.made.set(key, value);
    return value;
  }
}
