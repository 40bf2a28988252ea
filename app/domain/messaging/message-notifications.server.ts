import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { getTranslator } from "../../i18n/translator.server";
import { enqueueEmail } from "../accounts/email-queue.server";
import { providerRecipients, type Recipient } from "../verification/notifications.server";
import { noticeDue } from "./notice-throttle";
import { sideOf, type Side, type ThreadHeader } from "./thread-access.server";

/**
 * E-mails about conversations. They never contain what was written (it may hold details that are
 * masked until the booking is confirmed, and e-mail is not the place for it): only who wrote and a
 * link to the conversation. Texts live in the "message" namespace under `emails.<key>.subject` /
 * `.body`, in each recipient's language, queued in the caller's transaction.
 */

/** The family's account (none once erased). */
async function familyRecipients(db: Kysely<Database>, familyUserId: string): Promise<Recipient[]> {
  const row = await db
    .selectFrom("users")
    .select(["email", "locale", "display_name"])
    .where("id", "=", familyUserId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  return row ? [{ email: row.email, locale: row.locale, name: row.display_name ?? row.email }] : [];
}

/**
 * Tells the other side that a new message is waiting, unless this side already caused an e-mail
 * in the last 15 minutes (notice-throttle.ts). Call it under the thread lock, after inserting the
 * message. Returns how many e-mails were queued.
 */
export async function notifyNewMessage(
  db: Kysely<Database>,
  input: { threadId: string; messageId: string; senderSide: Side; header: ThreadHeader; now: Date },
): Promise<number> {
  const earlier = await db
    .selectFrom("messages")
    .select(["sender_user_id", "created_at"])
    .where("thread_id", "=", input.threadId)
    .where("id", "<", input.messageId)
    .execute();
  const sameSide = earlier.filter((m) => sideOf(m.sender_user_id, input.header.familyUserId) === input.senderSide).map((m) => new Date(m.created_at));
  if (!noticeDue(sameSide, input.now)) return 0;

  const recipients =
    input.senderSide === "family" ? await providerRecipients(db, input.header.providerId) : await familyRecipients(db, input.header.familyUserId);
  for (const recipient of recipients) {
    const t = await getTranslator(recipient.locale, ["message"]);
    await enqueueEmail(db, {
      to: recipient.email,
      locale: recipient.locale,
      template: { ns: "message", key: "emails.newMessage" },
      params: {
        name: recipient.name,
        from: input.senderSide === "family" ? (input.header.familyName ?? t("message:emails.aFamily")) : input.header.providerName,
        bookingId: input.header.bookingId,
      },
    });
  }
  return recipients.length;
}

/** Tells the operators of the provider's quartiere that a conversation was reported (no text, a link). */
export async function notifyThreadReported(db: Kysely<Database>, input: { threadId: string; header: ThreadHeader }): Promise<number> {
  if (input.header.providerQuartiereId === null) return 0;
  const operators = await db
    .selectFrom("operator_quartieri as oq")
    .innerJoin("users as u", "u.id", "oq.user_id")
    .innerJoin("user_roles as r", (join) => join.onRef("r.user_id", "=", "u.id").on("r.role", "=", "operator"))
    .select(["u.email", "u.locale", "u.display_name"])
    .where("oq.quartiere_id", "=", input.header.providerQuartiereId)
    .where("u.deleted_at", "is", null)
    .execute();
  for (const operator of operators) {
    await enqueueEmail(db, {
      to: operator.email,
      locale: operator.locale,
      template: { ns: "message", key: "emails.reported" },
      params: { name: operator.display_name ?? operator.email, providerName: input.header.providerName, threadId: input.threadId },
    });
  }
  return operators.length;
}
