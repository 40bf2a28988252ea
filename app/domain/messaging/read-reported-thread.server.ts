import type { Kysely } from "kysely";
import type { BookingStatus, Database } from "../../../db/schema";
import { AuthorisationError, assertOperatorOf, type CurrentUser } from "../accounts/current-user";
import { recordAudit } from "../audit/audit-log.server";
import { assertVerifier } from "../verification/operator-access.server";
import { isUuid } from "../../utils/uuid";
import { threadHeader, type Side } from "./thread-access.server";
import { loadThreadMessages } from "./thread-messages.server";

/**
 * An operator reads a conversation only after one of its parties reported it, and only as the
 * operator of the provider's quartiere (or as an admin). Every opening is audit-logged
 * ("thread.read", ids only). The operator sees the messages as written: judging a report may
 * need exactly the details that are masked for the other party.
 */

export interface ReportedThreadView {
  threadId: string;
  bookingId: string;
  status: BookingStatus;
  categorySlug: string;
  providerId: string;
  providerName: string;
  familyName: string | null;
  report: { at: string; bySide: Side | null; reason: string };
  messages: Array<{ id: string; side: Side; body: string; at: string }>;
  olderNotShown: number;
}

/**
 * Null when there is no such thread (only said to operators and admins); AuthorisationError for
 * anyone else, for a thread nobody reported, and for another quartiere's provider.
 */
export async function readReportedThread(db: Kysely<Database>, user: CurrentUser, threadId: string): Promise<ReportedThreadView | null> {
  assertVerifier(user);
  if (!isUuid(threadId)) return null;
  const thread = await db
    .selectFrom("message_threads as t")
    .innerJoin("bookings as b", "b.id", "t.booking_id")
    .select(["t.id", "t.booking_id", "t.reported_at", "t.reported_by", "t.report_reason", "b.family_user_id"])
    .where("t.id", "=", threadId)
    .executeTakeFirst();
  if (!thread) return null;
  if (!thread.reported_at) throw new AuthorisationError("an operator reads a conversation only once it is reported");
  const header = await threadHeader(db, thread.booking_id);
  assertOperatorOf(user, header.providerQuartiereId);

  const stored = await loadThreadMessages(db, thread.id, thread.family_user_id);
  await recordAudit(db, {
    actorUserId: user.id,
    action: "thread.read",
    subjectType: "message_thread",
    subjectId: thread.id,
    details: { bookingId: thread.booking_id, providerId: header.providerId },
  });

  return {
    threadId: thread.id,
    bookingId: thread.booking_id,
    status: header.status,
    categorySlug: header.categorySlug,
    providerId: header.providerId,
    providerName: header.providerName,
    familyName: header.familyName,
    report: {
      at: new Date(thread.reported_at).toISOString(),
      bySide: thread.reported_by === null ? null : thread.reported_by === thread.family_user_id ? "family" : "provider",
      reason: thread.report_reason ?? "",
    },
    messages: stored.messages.map((m) => ({ id: m.id, side: m.side, body: m.body, at: m.createdAt.toISOString() })),
    olderNotShown: stored.olderNotShown,
  };
}
