/**
 * Reference data (quartieri, municipi, the service catalogue) changes only with a seed or a
 * migration, yet every page reads it. Each process keeps what it read for a few minutes,
 * separately per database (tests use several).
 */
const caches = new WeakMap<object, Map<string, { expires: number; value: Promise<unknown> }>>();

export function cachedReference<T>(db: object, key: string, load: () => Promise<T>, ttlMs = 5 * 60_000): Promise<T> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const hit = cache.get(key);
  if (hit && hit.expires > Date.now()) return hit.value as Promise<T>;
  const value = load();
  const entry = { expires: Date.now() + ttlMs, value };
  cache.set(key, entry);
  value.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  return value;
}
