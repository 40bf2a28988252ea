import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { LOCKOUT_DURATION_MS, LOCKOUT_WINDOW_MS } from "./lockout.server";

/**
 * Removes account records that have served their purpose (run daily by the worker): expired
 * sessions, one-time links a week after they expired or were used, and failed sign-ins older
 * than a day (the lockout only looks at the last half hour).
 */
export async function pruneAccountRecords(db: Kysely<Database>, now = new Date()) {
  const weekAgo = new Date(now.getTime() - 7 * 24 * 3600 * 1000);
  const dayAgo = new Date(now.getTime() - Math.max(24 * 3600 * 1000, LOCKOUT_WINDOW_MS + LOCKOUT_DURATION_MS));
  const [sessions, tokens, failures] = await Promise.all([
    db.deleteFrom("sessions").where("expires_at", "<", now).executeTakeFirst(),
    db
      .deleteFrom("auth_tokens")
      .where((eb) => eb.or([eb("expires_at", "<", weekAgo), eb("used_at", "<", weekAgo)]))
      .executeTakeFirst(),
    db.deleteFrom("login_failures").where("created_at", "<", dayAgo).executeTakeFirst(),
  ]);
  return {
    sessions: Number(sessions.numDeletedRows),
    tokens: Number(tokens.numDeletedRows),
    failures: Number(failures.numDeletedRows),
  };
}
