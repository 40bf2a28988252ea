import { sql } from "kysely";
import type { DB } from "../../../db/client";
import { UNMET_RESULT_THRESHOLD } from "./indicators/demand.server";

/**
 * Records searches that found too little (fewer than UNMET_RESULT_THRESHOLD providers) as unmet
 * demand, anonymously: the category, the quartiere, the interface language and the number of
 * results — never who searched, from where (IP) or what they typed. The type below has no room
 * for anything else.
 *
 * The search page is the busiest page, so recording costs it nothing: events wait in memory and
 * are written in one multi-row INSERT every `flushIntervalMs` (2 s) or as soon as `maxBatch`
 * (200) are waiting, and once more when the process stops (stop()). If PostgreSQL is briefly
 * away, events are kept for the next flush, up to `maxBuffered`; beyond that the oldest are
 * dropped (and counted): an approximate statistic must never hold the search page hostage.
 */

export interface SearchOutcome {
  /** The category slug searched for, if any (unknown slugs are stored without a category). */
  categorySlug: string | null;
  /** The quartiere searched around, if any. */
  quartiereId: number | null;
  /** The interface language ("it", "ar"…). */
  language: string;
  /** How many providers the search found. */
  resultCount: number;
}

export interface DemandRecorder {
  /** Queues the search if it found too little; returns whether it was queued. Never throws. */
  recordSearch(outcome: SearchOutcome): boolean;
  /** Writes what is waiting now; resolves with the number of events written. */
  flush(): Promise<number>;
  /** Stops the timer and writes what is left. */
  stop(): Promise<void>;
  readonly stats: { pending: number; written: number; dropped: number; flushes: number };
}

export interface DemandRecorderOptions {
  flushIntervalMs?: number;
  maxBatch?: number;
  maxBuffered?: number;
  logger?: { warn(message: string, data?: Record<string, unknown>): void };
  now?: () => Date;
}

interface QueuedEvent {
  slug: string | null;
  quartiereId: number | null;
  language: string;
  resultCount: number;
  at: Date;
}

const slugPattern = /^[a-z0-9-]{1,40}$/;
const languagePattern = /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/;

export function createDemandRecorder(db: DB, options: DemandRecorderOptions = {}): DemandRecorder {
  const flushIntervalMs = options.flushIntervalMs ?? 2_000;
  const maxBatch = options.maxBatch ?? 200;
  const maxBuffered = options.maxBuffered ?? 10_000;
  const now = options.now ?? (() => new Date());
  let buffer: QueuedEvent[] = [];
  let inFlight: Promise<number> | null = null;
  let stopped = false;
  const stats = { pending: 0, written: 0, dropped: 0, flushes: 0 };

  const timer = setInterval(() => void flush(), flushIntervalMs);
  timer.unref?.();

  async function write(batch: QueuedEvent[]): Promise<void> {
    // Category slugs become ids, and a quartiere that does not exist is stored as none, in the
    // same statement: one round trip per batch, and a stray value cannot fail the others.
    await sql`
      insert into search_demand_events (category_id, quartiere_id, language, result_count, created_at)
      select c.id, q.id, u.language, u.result_count, u.created_at
      from unnest(${batch.map((e) => e.slug)}::text[], ${batch.map((e) => e.quartiereId)}::int[], ${batch.map((e) => e.language)}::text[],
                  ${batch.map((e) => e.resultCount)}::int[], ${batch.map((e) => e.at.toISOString())}::timestamptz[])
        as u(slug, quartiere_id, language, result_count, created_at)
      left join service_categories c on c.slug = u.slug
      left join quartieri q on q.id = u.quartiere_id`.execute(db);
  }

  function flush(): Promise<number> {
    if (inFlight) return inFlight.then(() => flush());
    if (buffer.length === 0) return Promise.resolve(0);
    const batch = buffer;
    buffer = [];
    stats.pending = 0;
    inFlight = write(batch)
      .then(
        () => {
          stats.written += batch.length;
          stats.flushes += 1;
          return batch.length;
        },
        (error: unknown) => {
          // Keep them for the next try, oldest dropped beyond the bound.
          buffer = [...batch, ...buffer];
          if (buffer.length > maxBuffered) {
            stats.dropped += buffer.length - maxBuffered;
            buffer = buffer.slice(buffer.length - maxBuffered);
          }
          stats.pending = buffer.length;
          options.logger?.warn("unmet-demand events not written yet", { events: batch.length, error: error instanceof Error ? error.message : String(error) });
          return 0;
        },
      )
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  }

  return {
    recordSearch(outcome) {
      if (stopped || !(outcome.resultCount >= 0 && outcome.resultCount < UNMET_RESULT_THRESHOLD)) return false;
      buffer.push({
        slug: outcome.categorySlug !== null && slugPattern.test(outcome.categorySlug) ? outcome.categorySlug : null,
        quartiereId: Number.isInteger(outcome.quartiereId) && outcome.quartiereId! > 0 && outcome.quartiereId! < 1000 ? outcome.quartiereId : null,
        language: languagePattern.test(outcome.language) ? outcome.language : "und",
        resultCount: Math.floor(outcome.resultCount),
        at: now(),
      });
      if (buffer.length > maxBuffered) {
        buffer.shift();
        stats.dropped += 1;
      }
      stats.pending = buffer.length;
      if (buffer.length >= maxBatch && !inFlight) void flush();
      return true;
    },
    flush,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await flush();
    },
    get stats() {
      return { ...stats };
    },
  };
}
