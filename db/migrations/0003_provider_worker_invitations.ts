import { sql, type Kysely } from "kysely";

/**
 * An organisation adds a worker by name and e-mail. When nobody has an account with that e-mail
 * yet, the invitation waits here; the worker's account is linked to the worker's provider row
 * once they sign up and their e-mail address is verified.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("provider_invitations")
    .addColumn("provider_id", "uuid", (c) => c.primaryKey().references("providers.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("invited_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("accepted_at", "timestamptz")
    .execute();
  await sql`create index provider_invitations_open_email_idx on provider_invitations (lower(email)) where accepted_at is null`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only: write a new migration instead of rolling back.");
}
