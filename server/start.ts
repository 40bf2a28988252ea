import cluster from "node:cluster";
import { createRuntime } from "./runtime.js";
import { createLogger } from "./logger.js";
import { serveHttp } from "./serve.js";
import { startSearchSyncWorker } from "../app/domain/search/search-sync-worker.server.js";
import { seedDemoDataIfEmpty } from "../db/seed/demo-if-empty.js";
import { mailSettingsFrom, startJobRunner } from "./jobs.js";

/**
 * `npm start`: services (embedded unless configured), migrations, reference and demo data, the
 * search sync worker and the job runner (unless RUN_WORKER=false), and the web server. With
 * WEB_CONCURRENCY > 1 the web server runs in that many processes sharing the port (node:cluster);
 * they are stateless, exactly as several machines behind a load balancer would be.
 */
if (cluster.isWorker) {
  // A web process forked below: the services' URLs come from the primary; it migrated already.
  const runtime = await createRuntime({ migrate: false });
  const logger = createLogger(runtime.env.LOG_LEVEL, { process: `web-${cluster.worker?.id}` });
  const { server } = await serveHttp(runtime, logger);
  process.on("SIGTERM", () => server.close(() => void runtime.close().then(() => process.exit(0))));
} else {
  const runtime = await createRuntime();
  const logger = createLogger(runtime.env.LOG_LEVEL, { process: "main" });
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

  const processes = runtime.env.WEB_CONCURRENCY;
  let stopWeb: () => Promise<void>;
  let url: string;
  if (processes > 1) {
    cluster.setupPrimary({ silent: false });
    const childEnv = {
      DATABASE_URL: runtime.services.databaseUrl,
      MEILI_URL: runtime.services.meiliUrl,
      MEILI_API_KEY: runtime.services.meiliApiKey ?? "",
      SMTP_URL: runtime.services.smtpUrl,
      RUN_WORKER: "false",
      SEED_PROVIDERS: "0",
    };
    const listening = Array.from({ length: processes }, () => {
      const child = cluster.fork(childEnv);
      return new Promise<string>((resolve, reject) => {
        child.once("listening", (address) => resolve(`http://${["0.0.0.0", "::", null].includes(address.address) ? "localhost" : address.address}:${address.port}`));
        child.once("exit", (code) => reject(new Error(`web process exited during start (code ${code})`)));
      });
    });
    url = (await Promise.all(listening))[0]!;
    stopWeb = async () => {
      await Promise.all(
        Object.values(cluster.workers ?? {}).map(
          (child) => new Promise<void>((resolve) => (child ? (child.once("exit", () => resolve()), child.kill("SIGTERM")) : resolve())),
        ),
      );
    };
  } else {
    const { server, url: address } = await serveHttp(runtime, logger);
    url = address;
    stopWeb = () => new Promise<void>((resolve) => server.close(() => resolve()));
  }
  logger.info("ready", { url, webProcesses: processes, embedded: runtime.services.embedded });
  process.stdout.write(`\nVicinato is ready at ${url}\n\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("stopping", { signal });
    await stopWeb();
    await worker?.stop();
    await jobs?.stop();
    await runtime.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}
