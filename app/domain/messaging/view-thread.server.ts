import type { Kysely } from "kysely";
import type { BookingStatus, Database } from "../../../db/schema";
import type { CurrentUser } from "../accounts/current-user";
import { contactVisible } from "../bookings/booking-status-machine";
import { maskContactDetails, unmaskedParts, type MessagePart } from "./mask-contact-details";
import { markThreadRead } from "./mark-read.server";
import { loadThreadForParty, threadHeader, type Side } from "./thread-access.server";
import { loadThreadMessages } from "./thread-messages.server";

/**
 * A conversation as one of its parties sees it. Until the booking is confirmed, what the other
 * side wrote is shown with phone numbers, e-mail addresses and links hidden (it is stored as
 * written, and the writer's side always sees it as written). Viewing marks it read.
 */

export interface ThreadMessageView {
  id: string;
  side: Side;
  /** Written by this very person (a colleague on the same provider's side is "our side", not "me"). */
  mine: boolean;
  parts: MessagePart[];
  /** Whether contact details were hidden in this message. */
  masked: boolean;
  at: string;
}

export interface ThreadView {
  bookingId: string;
  party: Side;
  status: BookingStatus;
  categorySlug: string;
  providerId: string;
  providerName: string;
  familyName: string | null;
  /** Whether contact details are shown (the booking is confirmed or later). */
  contactVisible: boolean;
  messages: ThreadMessageView[];
  /** Older messages left off the page (a very long conversation). */
  olderNotShown: number;
  anyMasked: boolean;
  report: { at: string; byMe: boolean; bySide: Side | null } | null;
}

/**
 * Null when there is no such booking; AuthorisationError for anyone but its two parties.
 * With `markRead` (the default) the user's read position moves to the newest message.
 */
export async function viewThread(
  db: Kysely<Database>,
  user: CurrentUser,
  bookingId: string,
  options: { markRead?: boolean } = {},
): Promise<ThreadView | null> {
  const access = await loadThreadForParty(db, user, bookingId);
  if (!access) return null;
  const { booking, party, threadId } = access;
  const header = await threadHeader(db, booking.id);
  const visible = contactVisible(booking.status);

  const [stored, thread] = threadId
    ? await Promise.all([
        loadThreadMessages(db, threadId, booking.family_user_id),
        db.selectFrom("message_threads").select(["reported_at", "reported_by"]).where("id", "=", threadId).executeTakeFirstOrThrow(),
      ])
    : [{ messages: [], olderNotShown: 0 }, null];

  const messages = stored.messages.map((m): ThreadMessageView => {
    const shown = m.side === party || visible ? unmaskedParts(m.body) : maskContactDetails(m.body);
    return { id: m.id, side: m.side, mine: m.senderUserId === user.id, parts: shown.parts, masked: shown.masked, at: m.createdAt.toISOString() };
  });

  const newest = stored.messages[stored.messages.length - 1];
  if (threadId && newest && options.markRead !== false) {
    await markThreadRead(db, { userId: user.id, threadId, upToMessageId: newest.id });
  }

  return {
    bookingId: booking.id,
    party,
    status: booking.status,
    categorySlug: header.categorySlug,
    providerId: header.providerId,
    providerName: header.providerName,
    familyName: header.familyName,
    contactVisible: visible,
    messages,
    olderNotShown: stored.olderNotShown,
    anyMasked: messages.some((m) => m.masked),
    report: thread?.reported_at
      ? {
          at: new Date(thread.reported_at).toISOString(),
          byMe: thread.reported_by === user.id,
          bySide: thread.reported_by === null ? null : thread.reported_by === booking.family_user_id ? "family" : "provider",
        }
      : null,
  };
}
