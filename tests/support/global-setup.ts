import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { createDb } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { seedCatalogue } from "../../db/seed/catalogue";
import { seedTerritory } from "../../db/seed/territory";
import { migrateJobQueue } from "../../server/jobs";
import { findFreePort, startServices, type ServiceEndpoints } from "../../server/services";
import { withDatabase } from "./database-urls";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    templateDatabase: string;
    meiliUrl: string;
    meiliApiKey: string;
    testDataDir: string;
    /** The tests' own SMTP sink (always embedded) and the folder it writes .eml files to. */
    smtpUrl: string;
    mailDir: string;
  }
}

export const TEMPLATE_DATABASE = "vicinato_test_template";

/**
 * Starts one real PostgreSQL and one real Meilisearch for the whole run (embedded unless
 * DATABASE_URL / MEILI_URL are set) and prepares a migrated template database with Milan's
 * reference data and the job queue's schema, which each test file clones in milliseconds. E-mail
 * goes to a real SMTP sink of its own, whose messages tests read from its folder (tests/support/mail.ts).
 */
export default async function setup(project: TestProject) {
  const base = path.resolve(".data");
  await mkdir(base, { recursive: true });
  const dataDir = await mkdtemp(path.join(base, "test-"));
  // The embedded PostgreSQL runs as the postgres user when we are root: it must traverse here.
  await chmod(dataDir, 0o755);
  let services: ServiceEndpoints | undefined;
  try {
    services = await startServices({
      databaseUrl: process.env.DATABASE_URL || undefined,
      meiliUrl: process.env.MEILI_URL || undefined,
      meiliApiKey: process.env.MEILI_API_KEY || undefined,
      smtpUrl: undefined,
      dataDir,
      pgPort: await findFreePort(),
      meiliPort: await findFreePort(),
    });
    const admin = new pg.Client({ connectionString: withDatabase(services.databaseUrl, "postgres") });
    await admin.connect();
    await admin.query(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
    await admin.query(`create database ${TEMPLATE_DATABASE}`);
    await admin.end();

    const template = createDb(withDatabase(services.databaseUrl, TEMPLATE_DATABASE));
    await migrateToLatest(template);
    await migrateJobQueue(withDatabase(services.databaseUrl, TEMPLATE_DATABASE));
    await seedTerritory(template);
    await seedCatalogue(template);
    await template.destroy();
  } catch (error) {
    await services?.stop();
    throw error;
  }

  project.provide("databaseUrl", services.databaseUrl);
  project.provide("templateDatabase", TEMPLATE_DATABASE);
  project.provide("meiliUrl", services.meiliUrl);
  project.provide("meiliApiKey", services.meiliApiKey ?? "");
  project.provide("testDataDir", dataDir);
  project.provide("smtpUrl", services.smtpUrl);
  project.provide("mailDir", path.join(dataDir, "mail"));

  return async () => {
    await services?.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
