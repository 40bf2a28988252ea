import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";

/**
 * Temporary sign-in lockout per e-mail address: after LOCKOUT_FAILURES wrong passwords within
 * LOCKOUT_WINDOW_MS, sign-in for that address is refused for LOCKOUT_DURATION_MS after the last
 * of them. Attempts during a lockout are refused without being counted, so the lock always ends:
 * an attacker can only delay the owner, who can moreover always reset the password (which clears
 * the failures). Failures are kept per address, so they never affect another account.
 */
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;
export const LOCKOUT_DURATION_MS = 15 * 60 * 1000;

/** When the lock on an address ends, or null if it is not locked now. */
export async function lockedUntil(db: Kysely<Database>, email: string, now = new Date()): Promise<Date | null> {
  const recent = await db
    .selectFrom("login_failures")
    .select("created_at")
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.toLowerCase()))
    .where("created_at", ">", new Date(now.getTime() - LOCKOUT_WINDOW_MS - LOCKOUT_DURATION_MS))
    .orderBy("created_at", "desc")
    .limit(LOCKOUT_FAILURES)
    .execute();
  if (recent.length < LOCKOUT_FAILURES) return null;
  const last = recent[0]!.created_at.getTime();
  const first = recent[LOCKOUT_FAILURES - 1]!.created_at.getTime();
  if (last - first > LOCKOUT_WINDOW_MS) return null;
  const until = last + LOCKOUT_DURATION_MS;
  return until > now.getTime() ? new Date(until) : null;
}

export async function recordLoginFailure(db: Kysely<Database>, email: string, ip: string | null): Promise<void> {
  await db
    .insertInto("login_failures")
    .values({ email: email.toLowerCase(), ip: ip?.slice(0, 64) ?? null })
    .execute();
}

export async function clearLoginFailures(db: Kysely<Database>, email: string): Promise<void> {
  await db
    .deleteFrom("login_failures")
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.toLowerCase()))
    .execute();
}
