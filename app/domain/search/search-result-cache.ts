import { TtlCache } from "./ttl-cache";

/**
 * Search results, kept in the web process until the index changes. PostgreSQL announces every
 * change queued for the index and the search sync worker every change it applies
 * (index-change-signal.server.ts); each web process drops all its results when it hears either,
 * and while it cannot hear (its LISTEN connection is down) it serves and keeps nothing. A search that started before a change and answers after it must
 * not be kept either: callers take a ticket before asking Meilisearch and hand it back with the
 * answer, and an answer whose ticket is older than the last change is dropped.
 */
export class SearchResultCache<T> {
  private readonly entries: TtlCache<T>;
  private generation = 0;
  private listening = false;

  constructor(options: { ttlMs: number; maxEntries: number; now?: () => number }) {
    this.entries = new TtlCache<T>(options);
  }

  /** Taken before asking Meilisearch; given back to `store`. */
  ticket(): number {
    return this.generation;
  }

  get(key: string): T | undefined {
    return this.listening ? this.entries.get(key) : undefined;
  }

  store(key: string, value: T, ticket: number): void {
    if (this.listening && ticket === this.generation) this.entries.set(key, value);
  }

  /** The index changed: nothing kept so far may be served again. */
  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /** Whether changes are being heard. Either way, what was kept before is dropped. */
  setListening(listening: boolean): void {
    this.listening = listening;
    this.invalidate();
  }

  get size(): number {
    return this.entries.size;
  }
}
