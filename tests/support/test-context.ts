import crypto from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createDb, type DB } from "../../db/client";
import { createSearchClient, type SearchClient } from "../../app/domain/search/search-client.server";
import { ensureProviderIndex } from "../../app/domain/search/provider-index.server";
import { withDatabase } from "./database-urls";

export interface TestContext {
  db: DB;
  search: SearchClient;
  databaseUrl: string;
  cleanup(): Promise<void>;
}

/**
 * A database of its own (cloned from the migrated template, with Milan's reference data) and an
 * index prefix of its own, so test files run in parallel against the same servers.
 */
export async function createTestContext(): Promise<TestContext> {
  const name = `t_${crypto.randomBytes(6).toString("hex")}`;
  const serverUrl = inject("databaseUrl");
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await admin.connect();
  await admin.query(`create database ${name} template ${inject("templateDatabase")}`);
  await admin.end();

  const databaseUrl = withDatabase(serverUrl, name);
  const db = createDb(databaseUrl);
  const search = createSearchClient({ url: inject("meiliUrl"), apiKey: inject("meiliApiKey") || undefined, indexPrefix: `${name}_` });
  await ensureProviderIndex(search);

  return {
    db,
    search,
    databaseUrl,
    async cleanup() {
      await db.destroy();
      const { results } = await search.client.getIndexes({ limit: 1000 });
      await Promise.all(results.filter((i) => i.uid.startsWith(`${name}_`)).map((i) => search.client.deleteIndex(i.uid).waitTask()));
      const dropper = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
