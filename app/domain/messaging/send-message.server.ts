import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { CurrentUser } from "../accounts/current-user";
import { holdLiveAccount } from "../accounts/live-account.server";
import { inTransaction } from "../verification/change-provider-status.server";
import { markThreadRead } from "./mark-read.server";
import { parseMessageForm, type MessageFieldErrors } from "./message-forms";
import { notifyNewMessage } from "./message-notifications.server";
import { assertMayPostMessage } from "./message-rate-limit.server";
import { loadThreadForParty, lockThread, threadHeader } from "./thread-access.server";

export type SendMessageResult = { ok: true; messageId: string } | { ok: false; errors: MessageFieldErrors };

/**
 * One of the booking's two parties writes in its conversation. The text is stored as written
 * (1–4000 characters PostgreSQL can store); the writer has read up to their own message; the
 * other side gets an e-mail unless it already had one in the last 15 minutes. Null when there is
 * no such booking; AuthorisationError for anyone else; MessagingError("rate_limited") past
 * MESSAGE_RATE_LIMIT.
 */
export async function sendMessage(
  db: Kysely<Database>,
  user: CurrentUser,
  input: { bookingId: string; body: unknown },
  options: { now?: Date } = {},
): Promise<SendMessageResult | null> {
  const access = await loadThreadForParty(db, user, input.bookingId);
  if (!access) return null;
  const parsed = parseMessageForm({ body: input.body });
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const now = options.now ?? new Date();

  const messageId = await inTransaction(db, async (trx) => {
    // The account first (as an erasure takes it): sent while it is being erased, nothing is kept.
    await holdLiveAccount(trx, user.id);
    const thread = await lockThread(trx, access.booking.id);
    await assertMayPostMessage(trx, user.id, now);
    const message = await trx
      .insertInto("messages")
      .values({ thread_id: thread.id, sender_user_id: user.id, body: parsed.data.body, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    const id = String(message.id);
    await markThreadRead(trx, { userId: user.id, threadId: thread.id, upToMessageId: id });
    const header = await threadHeader(trx, access.booking.id);
    await notifyNewMessage(trx, { threadId: thread.id, messageId: id, senderSide: access.party, header, now });
    return id;
  });
  return { ok: true, messageId };
}
