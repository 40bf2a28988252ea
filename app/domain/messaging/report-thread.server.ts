import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { CurrentUser } from "../accounts/current-user";
import { recordAudit } from "../audit/audit-log.server";
import { inTransaction } from "../verification/change-provider-status.server";
import { parseReportForm, type MessageFieldErrors } from "./message-forms";
import { notifyThreadReported } from "./message-notifications.server";
import { MessagingError } from "./messaging-errors";
import { loadThreadForParty, lockThread, threadHeader } from "./thread-access.server";

export type ReportThreadResult = { ok: true; threadId: string } | { ok: false; errors: MessageFieldErrors };

/**
 * Either party reports the conversation, with a reason. From then on (and only then) an operator
 * of the provider's quartiere, or an admin, may read it; those operators get an e-mail with a link.
 * The report is audit-logged ("thread.report", ids only). The first report stands: reporting again
 * is MessagingError("already_reported"). Null when there is no such booking; AuthorisationError
 * for anyone but the two parties.
 */
export async function reportThread(
  db: Kysely<Database>,
  user: CurrentUser,
  input: { bookingId: string; reason: unknown },
  options: { now?: Date } = {},
): Promise<ReportThreadResult | null> {
  const access = await loadThreadForParty(db, user, input.bookingId);
  if (!access) return null;
  const now = options.now ?? new Date();

  return inTransaction(db, async (trx): Promise<ReportThreadResult> => {
    const thread = await lockThread(trx, access.booking.id);
    // Checked before the reason: once reported, the form is gone from the page, so an error
    // about its reason (a second tab) would have nowhere to be shown.
    if (thread.reported_at) throw new MessagingError("already_reported");
    const parsed = parseReportForm({ reason: input.reason });
    if (!parsed.ok) return { ok: false, errors: parsed.errors };
    await trx
      .updateTable("message_threads")
      .set({ reported_at: now, reported_by: user.id, report_reason: parsed.data.reason })
      .where("id", "=", thread.id)
      .execute();
    await recordAudit(trx, {
      actorUserId: user.id,
      action: "thread.report",
      subjectType: "message_thread",
      subjectId: thread.id,
      details: { bookingId: access.booking.id, side: access.party },
    });
    await notifyThreadReported(trx, { threadId: thread.id, header: await threadHeader(trx, access.booking.id) });
    return { ok: true, threadId: thread.id };
  });
}
