import type { Runtime } from "../../server/runtime.js";
import { reindexProviders } from "../../app/domain/search/reindex.server.js";
import { seedCatalogue } from "./catalogue.js";
import { generateProviders } from "./providers-generator.js";
import { insertProviders, resetProviders } from "./seed-providers.js";
import { loadNilPolygons, loadQuartieri, seedTerritory } from "./territory.js";

export interface DemoSeedOptions {
  /** How many providers to generate. */
  providers: number;
  /** Same seed, same providers (ids included). */
  seed: number;
  /** Reference time for created_at / verified_at; defaults to now. */
  now?: Date;
  /** Receives one human-readable line per step (the CLI prints them; the server stays quiet). */
  onProgress?: (line: string) => void;
}

export interface DemoSeedResult {
  providers: number;
  indexed: number;
  ms: number;
}

/**
 * Replaces all providers with a freshly generated demo set and rebuilds the search index:
 * reference data (idempotent), delete providers, generate, insert in one transaction, reindex.
 * Used by `npm run seed` and by the server on a database without providers.
 */
export async function seedDemoData(runtime: Pick<Runtime, "db" | "search">, options: DemoSeedOptions): Promise<DemoSeedResult> {
  const log = options.onProgress ?? (() => {});
  const started = performance.now();
  let stepStarted = started;
  const step = (message: string) => {
    const now = performance.now();
    log(`${message} (${Math.round(now - stepStarted)} ms)`);
    stepStarted = now;
  };

  const territory = await seedTerritory(runtime.db);
  step(`territory: ${territory.municipi} municipi, ${territory.quartieri} quartieri`);
  const categoryIds = await seedCatalogue(runtime.db);
  step(`catalogue: ${Object.keys(categoryIds).length} service categories`);
  const { deleted } = await resetProviders(runtime.db);
  step(`removed ${deleted} existing providers`);

  const providers = generateProviders({
    count: options.providers,
    seed: options.seed,
    quartieri: loadQuartieri(),
    polygons: loadNilPolygons(),
    now: options.now ?? new Date(),
  });
  step(`generated ${providers.length} providers (seed ${options.seed})`);
  await insertProviders(runtime.db, providers, categoryIds);
  const rows = providers.reduce(
    (sum, p) => ({ services: sum.services + p.services.length, zones: sum.zones + p.zones.length, slots: sum.slots + p.slots.length }),
    { services: 0, zones: 0, slots: 0 },
  );
  step(`inserted ${providers.length} providers, ${rows.services} services, ${rows.zones} zones, ${rows.slots} slots`);

  const { indexed } = await reindexProviders(runtime.db, runtime.search);
  step(`indexed ${indexed} public providers in Meilisearch`);

  const ms = Math.round(performance.now() - started);
  log(`done in ${ms} ms`);
  return { providers: providers.length, indexed, ms };
}
