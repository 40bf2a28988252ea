import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";

export interface AuditEntry {
  actorUserId: string | null;
  /** "<subject>.<verb>", e.g. "provider.approve", "document.read", "voucher.grant", "thread.read". */
  action: string;
  subjectType: string;
  subjectId: string;
  details?: Record<string, unknown>;
}

/**
 * Records what an operator (or admin) did or looked at. Pass the caller's transaction so the
 * record exists exactly when the action does. Details must never hold document contents,
 * message text or other personal data beyond ids: the log is kept longer than those.
 */
export async function recordAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      actor_user_id: entry.actorUserId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

/** The log for one subject, oldest first (for an operator's review page or an inquiry). */
export function auditTrail(db: Kysely<Database>, subjectType: string, subjectId: string) {
  return db
    .selectFrom("audit_log")
    .select(["id", "actor_user_id", "action", "details", "created_at"])
    .where("subject_type", "=", subjectType)
    .where("subject_id", "=", subjectId)
    .orderBy("id")
    .execute();
}
