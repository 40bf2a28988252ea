import type { Runtime } from "../../server/runtime.js";
import type { Logger } from "../../server/logger.js";
import { seedCatalogue } from "./catalogue.js";
import { seedDemoData } from "./demo.js";
import { seedDemoHubsIfEmpty } from "./hubs.js";
import { seedTerritory } from "./territory.js";

/**
 * On every start the reference data (Milan's municipi and quartieri, the service catalogue) is
 * brought up to date; a database without any provider also gets the demo providers.
 */
export async function seedDemoDataIfEmpty(runtime: Runtime, logger: Logger): Promise<void> {
  await seedTerritory(runtime.db);
  await seedCatalogue(runtime.db);
  // Demo neighbourhood hubs with their events, while there is none (and demo data is wanted).
  if (runtime.env.SEED_PROVIDERS !== 0) {
    const hubs = await seedDemoHubsIfEmpty(runtime.db);
    if (hubs) logger.info("no hubs yet: seeded demo hubs", hubs);
  }
  const existing = await runtime.db.selectFrom("providers").select("id").limit(1).executeTakeFirst();
  if (existing || runtime.env.SEED_PROVIDERS === 0) return;
  logger.info("no providers yet: seeding demo providers", { providers: runtime.env.SEED_PROVIDERS });
  const started = Date.now();
  await seedDemoData(runtime, { providers: runtime.env.SEED_PROVIDERS, seed: 42 });
  logger.info("demo data ready", { ms: Date.now() - started });
}
