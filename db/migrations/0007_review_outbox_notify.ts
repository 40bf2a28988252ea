import { sql, type Kysely } from "kysely";

/**
 * The reviews trigger of 0004 filled the search outbox but did not wake the sync worker, so a new
 * rating waited for the worker's poll. Reviews now use the same trigger function as the provider
 * tables (outbox row + pg_notify), one rule for every change that alters a search document.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop trigger reviews_search_outbox on reviews`.execute(db);
  await sql`drop function enqueue_review_provider()`.execute(db);
  await sql`create trigger reviews_search_sync after insert or update of hidden_at or delete on reviews
    for each row execute function enqueue_provider_search_sync()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only: write a new migration instead of rolling back.");
}
