import { createDb, type DB } from "../db/client.js";
import { migrateToLatest } from "../db/migrate.js";
import { getEnv, type Env } from "../app/utils/env.server.js";
import { createSearchClient, type SearchClient } from "../app/domain/search/search-client.server.js";
import { startServices, type ServiceEndpoints } from "./services.js";

/**
 * Everything a process of Vicinato needs (web server, worker, CLI scripts, benchmarks):
 * the services (embedded or configured), a migrated database and the search client.
 */
export interface Runtime {
  env: Env;
  services: ServiceEndpoints;
  db: DB;
  search: SearchClient;
  close(): Promise<void>;
}

export async function createRuntime(options: { env?: Env; poolSize?: number; migrate?: boolean } = {}): Promise<Runtime> {
  const env = options.env ?? getEnv();
  const services = await startServices({
    databaseUrl: env.DATABASE_URL,
    meiliUrl: env.MEILI_URL,
    meiliApiKey: env.MEILI_API_KEY,
    dataDir: env.VICINATO_DATA_DIR,
    pgPort: env.EMBEDDED_PG_PORT,
    meiliPort: env.EMBEDDED_MEILI_PORT,
  });
  const db = createDb(services.databaseUrl, { max: options.poolSize });
  if (options.migrate !== false) await migrateToLatest(db);
  const search = createSearchClient({ url: services.meiliUrl, apiKey: services.meiliApiKey, indexPrefix: env.MEILI_INDEX_PREFIX });
  return {
    env,
    services,
    db,
    search,
    async close() {
      await db.destroy();
      await services.stop();
    },
  };
}
