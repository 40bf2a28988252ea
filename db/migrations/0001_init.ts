import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("municipi")
    .addColumn("id", "smallint", (c) => c.primaryKey().check(sql`id between 1 and 9`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("areas", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("quartieri")
    .addColumn("id", "smallint", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("lat", "float8", (c) => c.notNull())
    .addColumn("lng", "float8", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("quartiere_municipi")
    .addColumn("quartiere_id", "smallint", (c) => c.notNull().references("quartieri.id").onDelete("cascade"))
    .addColumn("municipio_id", "smallint", (c) => c.notNull().references("municipi.id").onDelete("cascade"))
    .addColumn("is_primary", "boolean", (c) => c.notNull())
    .addPrimaryKeyConstraint("quartiere_municipi_pk", ["quartiere_id", "municipio_id"])
    .execute();

  await db.schema
    .createTable("service_categories")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique().check(sql`slug ~ '^[a-z0-9-]+$'`))
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .addColumn("is_shared", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();

  await db.schema
    .createTable("providers")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('individual', 'organisation')`))
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("organisation_name", "text")
    .addColumn("status", "text", (c) =>
      c.notNull().check(
        sql`status in ('draft', 'pending', 'changes_requested', 'verified', 'rejected', 'suspended', 'expired')`,
      ),
    )
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("languages", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("hourly_price_cents", "integer", (c) => c.notNull().check(sql`hourly_price_cents > 0`))
    .addColumn("currency", "char(3)", (c) => c.notNull().defaultTo("EUR"))
    .addColumn("quartiere_id", "smallint", (c) => c.notNull().references("quartieri.id"))
    .addColumn("lat", "float8", (c) => c.notNull().check(sql`lat between -90 and 90`))
    .addColumn("lng", "float8", (c) => c.notNull().check(sql`lng between -180 and 180`))
    .addColumn("service_radius_m", "integer", (c) => c.notNull().defaultTo(2000).check(sql`service_radius_m >= 0`))
    .addColumn("bio", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("years_experience", "smallint", (c) => c.notNull().defaultTo(0))
    .addColumn("minors_check", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("photo_url", "text")
    .addColumn("verified_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("providers_status_idx").on("providers").columns(["status", "active"]).execute();

  await db.schema
    .createTable("provider_services")
    .addColumn("provider_id", "uuid", (c) => c.notNull().references("providers.id").onDelete("cascade"))
    .addColumn("category_id", "integer", (c) => c.notNull().references("service_categories.id"))
    .addColumn("hourly_price_cents", "integer", (c) => c.notNull().check(sql`hourly_price_cents > 0`))
    .addPrimaryKeyConstraint("provider_services_pk", ["provider_id", "category_id"])
    .execute();

  await db.schema
    .createTable("provider_zones")
    .addColumn("provider_id", "uuid", (c) => c.notNull().references("providers.id").onDelete("cascade"))
    .addColumn("quartiere_id", "smallint", (c) => c.notNull().references("quartieri.id"))
    .addPrimaryKeyConstraint("provider_zones_pk", ["provider_id", "quartiere_id"])
    .execute();

  await db.schema
    .createTable("availability_slots")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("provider_id", "uuid", (c) => c.notNull().references("providers.id").onDelete("cascade"))
    .addColumn("weekday", "smallint", (c) => c.notNull().check(sql`weekday between 1 and 7`))
    .addColumn("start_minute", "smallint", (c) => c.notNull().check(sql`start_minute between 0 and 1439`))
    .addColumn("end_minute", "smallint", (c) => c.notNull().check(sql`end_minute between 1 and 1440`))
    .addCheckConstraint("availability_slots_order", sql`start_minute < end_minute`)
    .execute();
  await db.schema.createIndex("availability_slots_provider_idx").on("availability_slots").column("provider_id").execute();

  await db.schema
    .createTable("provider_status_transitions")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("provider_id", "uuid", (c) => c.notNull().references("providers.id").onDelete("cascade"))
    .addColumn("from_status", "text", (c) => c.notNull())
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("provider_status_transitions_provider_idx")
    .on("provider_status_transitions")
    .columns(["provider_id", "created_at"])
    .execute();

  // Transactional outbox: any change that can alter a provider's search document leaves a row
  // in the same transaction (by trigger, so no writer can forget it); the worker drains it.
  await db.schema
    .createTable("search_outbox")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("provider_id", "uuid", (c) => c.notNull())
    .addColumn("enqueued_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .execute();

  await sql`
    create function enqueue_provider_search_sync() returns trigger language plpgsql as $$
    declare
      changed_id uuid;
    begin
      if tg_table_name = 'providers' then
        changed_id := coalesce(new.id, old.id);
      else
        changed_id := coalesce(new.provider_id, old.provider_id);
      end if;
      insert into search_outbox (provider_id) values (changed_id);
      perform pg_notify('search_outbox', '');
      return null;
    end;
    $$`.execute(db);

  for (const table of ["providers", "provider_services", "provider_zones", "availability_slots"]) {
    await sql`
      create trigger ${sql.raw(`${table}_search_sync`)}
      after insert or update or delete on ${sql.table(table)}
      for each row execute function enqueue_provider_search_sync()`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only: write a new migration instead of rolling back.");
}
