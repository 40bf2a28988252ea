import type { AddressInfo } from "node:net";
import { createRuntime } from "./runtime.js";
import { createApp } from "./index.js";
import { createLogger } from "./logger.js";
import { startSearchSyncWorker } from "../app/domain/search/search-sync-worker.server.js";
import { seedDemoDataIfEmpty } from "../db/seed/demo-if-empty.js";
import { cookieSecret, secureCookies } from "../app/utils/cookies.server.js";
import { mailSettingsFrom, startJobRunner } from "./jobs.js";

/**
 * `npm start`: services (embedded unless configured), migrations, demo data on an empty
 * database, the search sync worker and the job runner (e-mails…) unless RUN_WORKER=false, and
 * the web server.
 */
const runtime = await createRuntime();
const logger = createLogger(runtime.env.LOG_LEVEL, { process: "web" });

await seedDemoDataIfEmpty(runtime, logger);

const worker = runtime.env.RUN_WORKER
  ? startSearchSyncWorker({ db: runtime.db, search: runtime.search, databaseUrl: runtime.services.databaseUrl, logger })
  : null;
const jobs = runtime.env.RUN_WORKER
  ? await startJobRunner({
      connectionString: runtime.services.databaseUrl,
      deps: { db: runtime.db, mail: mailSettingsFrom(runtime.env, runtime.services.smtpUrl), logger },
    })
  : null;

const app = await createApp({
  db: runtime.db,
  search: runtime.search,
  logger,
  secret: cookieSecret(),
  secureCookies: secureCookies(),
  authRateLimitPer15Min: runtime.env.RATE_LIMIT_AUTH_PER_15MIN,
});
const server = app.listen(runtime.env.PORT, runtime.env.HOST, () => {
  const { port } = server.address() as AddressInfo;
  const host = ["0.0.0.0", "::"].includes(runtime.env.HOST) ? "localhost" : runtime.env.HOST;
  logger.info("ready", {
    url: `http://${host}:${port}`,
    embedded: runtime.services.embedded,
  });
  process.stdout.write(`\nVicinato is ready at http://${host}:${port}\n\n`);
});
server.keepAliveTimeout = 65_000;

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info("stopping", { signal });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await worker?.stop();
  await jobs?.stop();
  await runtime.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
