import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { listenToChannels } from "../../utils/pg-listener.server";
import { SEARCH_OUTBOX_CHANNEL } from "./index-change-signal.server";
import type { SearchClient } from "./search-client.server";
import { drainSearchOutboxBatch, ensureProviderIndex } from "./outbox.server";

export interface SearchSyncWorker {
  /** Resolves once the loop has stopped (the current batch finishes or rolls back first). */
  stop(): Promise<void>;
  /** Asks for an immediate drain (the database also notifies the worker on every outbox insert). */
  wake(): void;
}

export interface SearchSyncLogger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
}

const silentLogger: SearchSyncLogger = { info() {}, warn() {} };

/**
 * Keeps Meilisearch in step with PostgreSQL: drains the search outbox whenever PostgreSQL
 * notifies an insert (LISTEN search_outbox) and at least every `pollMs`. While Meilisearch or
 * PostgreSQL is unreachable it retries with a short capped backoff, so changes reach the index
 * about a second after the service is back.
 */
export function startSearchSyncWorker(options: {
  db: Kysely<Database>;
  search: SearchClient;
  databaseUrl: string;
  pollMs?: number;
  maxBackoffMs?: number;
  logger?: SearchSyncLogger;
}): SearchSyncWorker {
  const pollMs = options.pollMs ?? 1000;
  const maxBackoffMs = options.maxBackoffMs ?? 1000;
  const logger = options.logger ?? silentLogger;
  let running = true;
  let wakeUp: (() => void) | null = null;
  let pendingWake = false;
  let indexReady = false;

  const wake = () => {
    pendingWake = true;
    wakeUp?.();
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (pendingWake || !running) {
        pendingWake = false;
        return resolve();
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        pendingWake = false;
        resolve();
      }
      wakeUp = done;
    });

  async function loop(): Promise<void> {
    let failures = 0;
    while (running) {
      try {
        if (!indexReady) {
          await ensureProviderIndex(options.search);
          indexReady = true;
        }
        const outcome = await drainSearchOutboxBatch(options.db, options.search);
        if (failures > 0) logger.info("search sync recovered", { afterFailures: failures });
        failures = 0;
        if (outcome.status === "drained") continue;
        await sleep(pollMs);
      } catch (error) {
        failures += 1;
        if (failures === 1 || failures % 30 === 0) {
          logger.warn("search sync failed, will retry", { failures, error: error instanceof Error ? error.message : String(error) });
        }
        await sleep(Math.min(maxBackoffMs, 50 * 2 ** failures));
      }
    }
  }

  // Every outbox insert notifies (a trigger); polling covers the time the listener is down.
  const listener = listenToChannels({
    connectionString: options.databaseUrl,
    channels: [SEARCH_OUTBOX_CHANNEL],
    onNotification: wake,
    onConnected: wake,
    retryMs: pollMs,
  });
  const finished = loop();
  return {
    wake,
    async stop() {
      running = false;
      wakeUp?.();
      await finished;
      await listener.stop();
    },
  };
}
