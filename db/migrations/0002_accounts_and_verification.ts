import { sql, type Kysely } from "kysely";

/**
 * Accounts, roles, sessions, one-time links, login failures; provider onboarding (a provider row
 * exists from the wizard's first step as a draft, so its identity, place and price are filled in
 * step by step); organisations and their workers; documents; who acted in each status change.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("display_name", "text")
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("it"))
    .addColumn("email_verified_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("deleted_at", "timestamptz")
    .execute();
  await sql`create unique index users_email_key on users (lower(email))`.execute(db);

  await db.schema
    .createTable("user_roles")
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) =>
      c.notNull().check(sql`role in ('family', 'provider', 'organisation_member', 'operator', 'admin')`),
    )
    .addColumn("granted_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("user_roles_pk", ["user_id", "role"])
    .execute();

  await db.schema
    .createTable("operator_quartieri")
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("quartiere_id", "smallint", (c) => c.notNull().references("quartieri.id"))
    .addPrimaryKeyConstraint("operator_quartieri_pk", ["user_id", "quartiere_id"])
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("auth_tokens")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("purpose", "text", (c) => c.notNull().check(sql`purpose in ('verify_email', 'reset_password')`))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .execute();

  await db.schema
    .createTable("login_failures")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index login_failures_email_idx on login_failures (lower(email), created_at)`.execute(db);

  // Drafts: these are filled in by the wizard; a provider cannot be submitted without them.
  for (const column of ["hourly_price_cents", "quartiere_id", "lat", "lng"]) {
    await db.schema.alterTable("providers").alterColumn(column, (c) => c.dropNotNull()).execute();
  }
  await db.schema
    .alterTable("providers")
    .addColumn("organisation_id", "uuid", (c) => c.references("providers.id").onDelete("set null"))
    .addColumn("fiscal_code", "text")
    .addColumn("vat_number", "text")
    .addColumn("base_address", "text")
    .addColumn("onboarding_step", "text", (c) => c.notNull().defaultTo("identity"))
    .addColumn("submitted_at", "timestamptz")
    .execute();
  await db.schema.createIndex("providers_organisation_idx").on("providers").column("organisation_id").execute();

  await db.schema
    .createTable("provider_members")
    .addColumn("provider_id", "uuid", (c) => c.notNull().references("providers.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("member_role", "text", (c) => c.notNull().check(sql`member_role in ('owner', 'manager', 'worker')`))
    .addPrimaryKeyConstraint("provider_members_pk", ["provider_id", "user_id"])
    .execute();
  await db.schema.createIndex("provider_members_user_idx").on("provider_members").column("user_id").execute();

  await db.schema
    .createTable("provider_documents")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("provider_id", "uuid", (c) => c.notNull().references("providers.id").onDelete("cascade"))
    .addColumn("doc_type", "text", (c) =>
      c.notNull().check(sql`doc_type in ('identity', 'qualification', 'criminal_record_minors', 'insurance', 'photo')`),
    )
    .addColumn("original_name", "text", (c) => c.notNull())
    .addColumn("storage_key", "text", (c) => c.notNull().unique())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull().check(sql`size_bytes > 0`))
    .addColumn("expires_on", "date")
    .addColumn("uploaded_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("uploaded_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("replaced_at", "timestamptz")
    .addColumn("reminded_30_at", "timestamptz")
    .addColumn("reminded_7_at", "timestamptz")
    .execute();
  await db.schema.createIndex("provider_documents_provider_idx").on("provider_documents").column("provider_id").execute();
  await db.schema.createIndex("provider_documents_expiry_idx").on("provider_documents").column("expires_on").execute();

  await db.schema
    .alterTable("provider_status_transitions")
    .addColumn("actor_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only: write a new migration instead of rolling back.");
}
