/**
 * `fn` over every item, at most `limit` at a time, results in the items' order. Reading a
 * checkout one file at a time left the run waiting on each read in turn; all at once would open
 * a file descriptor per file of a large repository.
 */
export async function boundedMap<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
