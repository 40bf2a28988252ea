/**
 * Facet counts ("Inglese (60)") cost Meilisearch more than the results themselves, yet depend only
 * on the words and filters, not on page or order, and are advisory: a count a few seconds old
 * misleads nobody. So each process keeps them briefly. The results, their total and who is
 * visible are always read fresh, so a suspended provider still leaves the results at once.
 */
export class FacetCountCache<T> {
  private readonly entries = new Map<string, { expires: number; value: T }>();

  constructor(private readonly options: { ttlMs: number; maxEntries: number; now?: () => number }) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    // Map keeps insertion order: re-inserting marks the entry as recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { expires: this.now() + this.options.ttlMs, value });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
