import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { providerIdsActedForBy } from "../bookings/booking-access.server";
import { MessagingError } from "./messaging-errors";

/**
 * How many messages one person may write in a short time, across all their conversations. It is
 * counted in the database (so it holds with several web processes) over the threads of the
 * person's own bookings, which keeps the count on indexed rows. The Express limit on
 * POST /bookings/…/messages (server/rate-limit.ts) is a coarser guard per address in front of it.
 */
export const MESSAGE_RATE_LIMIT = { messages: 30, windowMinutes: 10 } as const;

/** Throws MessagingError("rate_limited") when the person has written the maximum in the window. */
export async function assertMayPostMessage(db: Kysely<Database>, userId: string, now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - MESSAGE_RATE_LIMIT.windowMinutes * 60_000);
  const recent = await db
    .selectFrom("messages as m")
    .select(["m.created_at"])
    .where("m.sender_user_id", "=", userId)
    .where("m.created_at", ">", windowStart)
    .where("m.thread_id", "in", (eb) =>
      eb
        .selectFrom("message_threads as t")
        .innerJoin("bookings as b", "b.id", "t.booking_id")
        .select("t.id")
        .where((w) => w.or([w("b.family_user_id", "=", userId), w("b.provider_id", "in", providerIdsActedForBy(db, userId))])),
    )
    .orderBy("m.created_at")
    .limit(MESSAGE_RATE_LIMIT.messages)
    .execute();
  if (recent.length < MESSAGE_RATE_LIMIT.messages) return;
  const oldest = new Date(recent[0]!.created_at).getTime();
  const retryAfterMinutes = Math.max(1, Math.ceil((oldest + MESSAGE_RATE_LIMIT.windowMinutes * 60_000 - now.getTime()) / 60_000));
  throw new MessagingError("rate_limited", "too many messages", retryAfterMinutes);
}
