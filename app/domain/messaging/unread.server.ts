import { sql, type Kysely, type SqlBool } from "kysely";
import type { Database } from "../../../db/schema";
import { providerIdsActedForBy } from "../bookings/booking-access.server";
import { isUuid } from "../../utils/uuid";

/**
 * Unread messages: those the other side wrote after the person's read position in the thread.
 * Counts are only ever given for bookings the person is a party to (the family, or someone who
 * acts for the provider); any other id counts 0, so the numbers reveal nothing about others.
 */

function unreadMessages(db: Kysely<Database>, userId: string) {
  return (
    db
      .selectFrom("bookings as b")
      .innerJoin("message_threads as t", "t.booking_id", "b.id")
      .innerJoin("messages as m", "m.thread_id", "t.id")
      .leftJoin("thread_reads as r", (join) => join.onRef("r.thread_id", "=", "t.id").on("r.user_id", "=", userId))
      .where((eb) => eb.or([eb("b.family_user_id", "=", userId), eb("b.provider_id", "in", providerIdsActedForBy(db, userId))]))
      .where(sql<SqlBool>`m.id > coalesce(r.last_read_message_id, 0)`)
      // From the other side: the family reads what the provider's side wrote, and the other way round.
      .where(sql<SqlBool>`coalesce(m.sender_user_id = b.family_user_id, false) <> (b.family_user_id = ${userId})`)
  );
}

/** Unread messages per booking, for "My bookings" (every requested id is in the result, 0 when none). */
export async function unreadCountsForUser(db: Kysely<Database>, userId: string, bookingIds: readonly string[]): Promise<Record<string, number>> {
  const ids = [...new Set(bookingIds)].filter(isUuid);
  const counts: Record<string, number> = Object.fromEntries(bookingIds.map((id) => [id, 0]));
  if (ids.length === 0) return counts;
  const rows = await unreadMessages(db, userId)
    .where("b.id", "in", ids)
    .select(["b.id", (eb) => eb.fn.countAll<string>().as("n")])
    .groupBy("b.id")
    .execute();
  for (const row of rows) counts[row.id] = Number(row.n);
  return counts;
}

/**
 * All the user's unread messages, for the badge in the header. `exceptBookingId`: the conversation
 * being opened by this very request (its page marks it read while the header is computed).
 */
export async function unreadTotalForUser(db: Kysely<Database>, userId: string, options: { exceptBookingId?: string } = {}): Promise<number> {
  const except = options.exceptBookingId && isUuid(options.exceptBookingId) ? options.exceptBookingId : null;
  const row = await unreadMessages(db, userId)
    .$if(except !== null, (q) => q.where("b.id", "<>", except!))
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The booking whose conversation a page path opens ("/bookings/<id>/messages"), if any. */
export function conversationOfPath(pathname: string): string | undefined {
  return /^\/bookings\/([^/]+)\/messages(?:\.data)?\/?$/.exec(pathname)?.[1];
}
