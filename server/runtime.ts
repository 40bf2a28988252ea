import { createDb, type DB } from "../db/client.js";
import { migrateToLatest } from "../db/migrate.js";
import { getEnv, type Env } from "../app/utils/env.server.js";
import { createSearchClient, type SearchClient } from "../app/domain/search/search-client.server.js";
import { createDemandRecorder, type DemandRecorder } from "../app/domain/impact/demand-recorder.server.js";
import { startServices, type ServiceEndpoints } from "./services.js";
import { migrateJobQueue } from "./jobs.js";

/**
 * Everything a process of Vicinato needs (web server, worker, CLI scripts, benchmarks):
 * the services (embedded or configured, SMTP included), a migrated database (with the job
 * queue's schema) and the search client.
 */
export interface Runtime {
  env: Env;
  services: ServiceEndpoints;
  db: DB;
  search: SearchClient;
  /** Unmet searches, buffered and written in batches; flushed by close(). */
  demand: DemandRecorder;
  close(): Promise<void>;
}

export async function createRuntime(options: { env?: Env; poolSize?: number; migrate?: boolean } = {}): Promise<Runtime> {
  const env = options.env ?? getEnv();
  const services = await startServices({
    databaseUrl: env.DATABASE_URL,
    meiliUrl: env.MEILI_URL,
    meiliApiKey: env.MEILI_API_KEY,
    smtpUrl: env.SMTP_URL,
    dataDir: env.VICINATO_DATA_DIR,
    pgPort: env.EMBEDDED_PG_PORT,
    meiliPort: env.EMBEDDED_MEILI_PORT,
    smtpPort: env.EMBEDDED_SMTP_PORT,
  });
  const db = createDb(services.databaseUrl, { max: options.poolSize });
  if (options.migrate !== false) {
    await migrateToLatest(db);
    // The job queue (graphile-worker) keeps its tables in its own schema of the same database.
    await migrateJobQueue(services.databaseUrl);
  }
  const search = createSearchClient({ url: services.meiliUrl, apiKey: services.meiliApiKey, indexPrefix: env.MEILI_INDEX_PREFIX });
  const demand = createDemandRecorder(db);
  return {
    env,
    services,
    db,
    search,
    demand,
    async close() {
      await demand.stop();
      await db.destroy();
      await services.stop();
    },
  };
}
