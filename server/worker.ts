import { createRuntime } from "./runtime.js";
import { createLogger } from "./logger.js";
import { startSearchSyncWorker } from "../app/domain/search/search-sync-worker.server.js";
import { mailSettingsFrom, startJobRunner } from "./jobs.js";

/** `npm run worker`: a worker process on its own, for running several beside the web processes. */
const runtime = await createRuntime();
const logger = createLogger(runtime.env.LOG_LEVEL, { process: "worker" });
const worker = startSearchSyncWorker({ db: runtime.db, search: runtime.search, databaseUrl: runtime.services.databaseUrl, logger });
const jobs = await startJobRunner({
  connectionString: runtime.services.databaseUrl,
  deps: { db: runtime.db, mail: mailSettingsFrom(runtime.env, runtime.services.smtpUrl), logger },
});
logger.info("worker started");

async function shutdown() {
  await worker.stop();
  await jobs.stop();
  await runtime.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
