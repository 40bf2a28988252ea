import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { AccountError } from "./account-errors";

/** The person's own account row (not erased), as the account page and the data export read it. */
export async function loadAccountRow(db: Kysely<Database>, userId: string) {
  const user = await db
    .selectFrom("users")
    .select(["id", "email", "display_name", "locale", "email_verified_at", "created_at"])
    .where("id", "=", userId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!user) throw new AccountError("not_found");
  return user;
}
