import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../schema.js";
import type { CategorySlug } from "./catalogue.js";
import type { GeneratedProvider } from "./providers-generator.js";

/**
 * Bulk writes of demo providers. Multi-row inserts in batches inside one transaction: 20k
 * providers with their ~35k services, ~200k zones and ~80k slots take a few seconds.
 */

/** PostgreSQL allows 65,535 bind parameters per statement; stay well below it. */
const MAX_PARAMETERS = 30_000;

async function inBatches<T>(rows: readonly T[], columns: number, maxRows: number, write: (batch: T[]) => Promise<unknown>): Promise<void> {
  const size = Math.max(1, Math.min(maxRows, Math.floor(MAX_PARAMETERS / columns)));
  for (let start = 0; start < rows.length; start += size) await write(rows.slice(start, start + size));
}

async function inTransaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database> | Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * Inserts the providers with their services, zones and weekly slots, all or nothing, and returns
 * their ids (in input order). `batchSize` is the number of rows per INSERT for the wide providers
 * table; the narrow child tables take as many rows as fit the parameter budget.
 */
export async function insertProviders(
  db: Kysely<Database>,
  providers: readonly GeneratedProvider[],
  categoryIdsBySlug: Readonly<Record<CategorySlug, number>>,
  options: { batchSize?: number } = {},
): Promise<string[]> {
  if (providers.length === 0) return [];
  const batchSize = options.batchSize ?? 1000;
  const categoryId = (slug: CategorySlug) => {
    const id = categoryIdsBySlug[slug];
    if (id === undefined) throw new Error(`Unknown service category "${slug}": run seedCatalogue first`);
    return id;
  };

  const providerRows = providers.map((p) => ({
    id: p.id,
    kind: p.kind,
    display_name: p.display_name,
    organisation_name: p.organisation_name,
    status: p.status,
    languages: p.languages,
    hourly_price_cents: p.hourly_price_cents,
    quartiere_id: p.quartiere_id,
    lat: p.lat,
    lng: p.lng,
    service_radius_m: p.service_radius_m,
    bio: JSON.stringify(p.bio),
    years_experience: p.years_experience,
    minors_check: p.minors_check,
    verified_at: p.verified_at,
    created_at: p.created_at,
    updated_at: p.verified_at ?? p.created_at,
  }));
  const serviceRows = providers.flatMap((p) =>
    p.services.map((s) => ({ provider_id: p.id, category_id: categoryId(s.category), hourly_price_cents: s.hourly_price_cents })),
  );
  const zoneRows = providers.flatMap((p) => p.zones.map((quartiere_id) => ({ provider_id: p.id, quartiere_id })));
  const slotRows = providers.flatMap((p) => p.slots.map((s) => ({ provider_id: p.id, ...s })));
  const ids = providers.map((p) => p.id);

  await inTransaction(db, async (trx) => {
    await inBatches(providerRows, 17, batchSize, (batch) => trx.insertInto("providers").values(batch).execute());
    await inBatches(serviceRows, 3, Infinity, (batch) => trx.insertInto("provider_services").values(batch).execute());
    await inBatches(zoneRows, 2, Infinity, (batch) => trx.insertInto("provider_zones").values(batch).execute());
    await inBatches(slotRows, 4, Infinity, (batch) => trx.insertInto("availability_slots").values(batch).execute());
    // The triggers have queued one search_outbox row per inserted row (hundreds of thousands
    // for a demo seed). The caller rebuilds the whole index from PostgreSQL right after (a full
    // reindex is far cheaper than the worker syncing providers one by one), so these rows are
    // dropped in the same transaction: the worker never sees them, not even briefly.
    await sql`delete from search_outbox where provider_id = any(${ids}::uuid[])`.execute(trx);
  });
  return ids;
}

/**
 * Deletes every provider (services, zones, slots and status history go by cascade) and the
 * search_outbox rows that pointed at them, which the delete triggers have just queued. The
 * caller rebuilds the index afterwards.
 */
export async function resetProviders(db: Kysely<Database>): Promise<{ deleted: number }> {
  return inTransaction(db, async (trx) => {
    const result = await trx.deleteFrom("providers").executeTakeFirst();
    await sql`delete from search_outbox o where not exists (select 1 from providers p where p.id = o.provider_id)`.execute(trx);
    return { deleted: Number(result.numDeletedRows) };
  });
}
