import { createDb } from "../../db/client";
import { startJobRunner } from "../../server/jobs";
import { createLogger } from "../../server/logger";

/**
 * A job worker process for fault tests (tests/integration/fault-worker-killed.test.ts): the real
 * job runner of `npm run worker` (startJobRunner: real task list, liveness locks, dead-worker
 * recovery) against DATABASE_URL and SMTP_URL, without the search-sync worker and Meilisearch.
 * Recovery timing is shortened through RECOVERY_GRACE_MS / RECOVERY_INTERVAL_MS so a test sees
 * it in about a second. Logs JSON lines (debug) on stdout/stderr; SIGTERM stops it gracefully.
 */
const databaseUrl = process.env.DATABASE_URL;
const smtpUrl = process.env.SMTP_URL;
if (!databaseUrl || !smtpUrl) throw new Error("DATABASE_URL and SMTP_URL are required");

const logger = createLogger("debug", { process: `job-worker-${process.pid}` });
const db = createDb(databaseUrl, { max: 4 });
const runner = await startJobRunner({
  connectionString: databaseUrl,
  deps: { db, mail: { smtpUrl, from: "Vicinato <noreply@vicinato.test>", siteUrl: "http://vicinato.test" }, logger },
  concurrency: 1,
  pollInterval: 200,
  recovery: { graceMs: Number(process.env.RECOVERY_GRACE_MS ?? 30_000), intervalMs: Number(process.env.RECOVERY_INTERVAL_MS ?? 10_000) },
});
logger.info("job worker ready");

process.on("SIGTERM", () => {
  void runner
    .stop()
    .then(() => db.destroy())
    .finally(() => process.exit(0));
});
