import crypto from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { AuthTokenPurpose, Database } from "../../../db/schema";
import { AccountError } from "./account-errors";

/**
 * One-time links (e-mail verification, password reset): 32 random bytes in the link, only their
 * sha256 in the database, an expiry, and used_at set when the link is used.
 */
export const TOKEN_TTL_MS: Record<AuthTokenPurpose, number> = {
  verify_email: 48 * 3600 * 1000,
  reset_password: 3600 * 1000,
};

export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("base64url");

export async function createAuthToken(db: Kysely<Database>, userId: string, purpose: AuthTokenPurpose): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  await db
    .insertInto("auth_tokens")
    .values({ user_id: userId, purpose, token_hash: hashToken(token), expires_at: new Date(Date.now() + TOKEN_TTL_MS[purpose]) })
    .execute();
  return token;
}

/**
 * Finds a usable token and locks its row until the transaction ends, so two uses of the same link
 * at the same moment cannot both succeed. Call markTokenUsed in the same transaction.
 */
export async function lockUsableToken(
  trx: Transaction<Database>,
  token: string,
  purpose: AuthTokenPurpose,
): Promise<{ id: string; userId: string }> {
  const row = await trx
    .selectFrom("auth_tokens")
    .select(["id", "user_id", "expires_at", "used_at"])
    .where("token_hash", "=", hashToken(token))
    .where("purpose", "=", purpose)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AccountError("token_invalid");
  if (row.used_at !== null) throw new AccountError("token_used");
  if (row.expires_at.getTime() <= Date.now()) throw new AccountError("token_expired");
  return { id: row.id, userId: row.user_id };
}

export async function markTokenUsed(trx: Transaction<Database>, id: string): Promise<void> {
  await trx.updateTable("auth_tokens").set({ used_at: new Date() }).where("id", "=", id).execute();
}

/** Closes every open link of a purpose for a user (after a reset, the older reset links die). */
export async function revokeOpenTokens(db: Kysely<Database>, userId: string, purpose: AuthTokenPurpose): Promise<void> {
  await db
    .updateTable("auth_tokens")
    .set({ used_at: new Date() })
    .where("user_id", "=", userId)
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .execute();
}

/** How many links of a purpose were created for a user since a moment (to cap e-mails sent). */
export async function countTokensSince(db: Kysely<Database>, userId: string, purpose: AuthTokenPurpose, since: Date): Promise<number> {
  const { count } = await db
    .selectFrom("auth_tokens")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("user_id", "=", userId)
    .where("purpose", "=", purpose)
    .where("created_at", ">=", since)
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** Whether a link can still be used, without using it (to warn before the person types a password). */
export async function inspectToken(
  db: Kysely<Database>,
  token: string,
  purpose: AuthTokenPurpose,
): Promise<"ok" | "token_invalid" | "token_used" | "token_expired"> {
  const row = await db
    .selectFrom("auth_tokens")
    .select(["expires_at", "used_at"])
    .where("token_hash", "=", hashToken(token))
    .where("purpose", "=", purpose)
    .executeTakeFirst();
  if (!row) return "token_invalid";
  if (row.used_at !== null) return "token_used";
  if (row.expires_at.getTime() <= Date.now()) return "token_expired";
  return "ok";
}
