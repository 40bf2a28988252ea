import crypto from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { CurrentUser } from "./current-user";

/** Server-side sessions: the cookie carries a random id, the database only its sha256. */

export const SESSION_DAYS = 30;

const hash = (token: string) => crypto.createHash("sha256").update(token).digest("base64url");

export async function createSession(db: Kysely<Database>, userId: string, userAgent?: string | null): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  await db
    .insertInto("sessions")
    .values({
      id_hash: hash(token),
      user_id: userId,
      expires_at: new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000),
      user_agent: userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return token;
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("id_hash", "=", hash(token)).execute();
}

/** Ends every session of a user, e.g. after a password reset or account deletion. */
export async function deleteAllSessions(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

export async function loadCurrentUser(db: Kysely<Database>, userId: string): Promise<CurrentUser | null> {
  const user = await db
    .selectFrom("users")
    .select(["id", "email", "display_name", "locale", "email_verified_at"])
    .where("id", "=", userId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!user) return null;
  const [roles, quartieri] = await Promise.all([
    db.selectFrom("user_roles").select("role").where("user_id", "=", userId).execute(),
    db.selectFrom("operator_quartieri").select("quartiere_id").where("user_id", "=", userId).execute(),
  ]);
  return {
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    locale: user.locale,
    emailVerified: user.email_verified_at !== null,
    roles: roles.map((r) => r.role),
    operatorQuartieri: quartieri.map((q) => q.quartiere_id).sort((a, b) => a - b),
  };
}

export async function userForSession(db: Kysely<Database>, token: string): Promise<CurrentUser | null> {
  const session = await db
    .selectFrom("sessions")
    .select(["user_id", "expires_at"])
    .where("id_hash", "=", hash(token))
    .executeTakeFirst();
  if (!session || session.expires_at.getTime() < Date.now()) return null;
  return loadCurrentUser(db, session.user_id);
}
