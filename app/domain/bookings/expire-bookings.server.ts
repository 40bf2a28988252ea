import type { Task } from "graphile-worker";
import type { Kysely } from "kysely";
import type { BookingStatus, Database } from "../../../db/schema";
import { requestRefundForCancelledBooking } from "../payments/refunds.server";
import { paidCentsOf } from "./cancel-booking.server";
import { hasBegun, patternOf } from "./schedule";
import { BookingTransitionError, lockBooking, transitionBooking } from "./transition-booking.server";

/**
 * Requests nobody answers do not wait for ever: a booking still requested, counter-offered or
 * accepted (not confirmed) expires 72 hours after its last change (the provider did not answer
 * the request, the family did not answer the offer, or did not confirm or pay), or as soon as its
 * first session has begun. Both sides are told (transitionBooking's e-mails). An accepted booking
 * may have an unfinished checkout: the payments module closes it and gives back anything paid.
 * Each booking is expired in its own transaction under the booking lock, re-checked there, so a
 * last-minute answer wins and two runs never expire the same booking twice.
 */
export const ANSWER_WITHIN_HOURS = 72;
const expiringStatuses = ["requested", "counter_offered", "accepted"] as const satisfies readonly BookingStatus[];

function isStale(booking: { status: BookingStatus; updated_at: Date } & Parameters<typeof patternOf>[0], now: Date): boolean {
  if (!(expiringStatuses as readonly BookingStatus[]).includes(booking.status)) return false;
  return booking.updated_at.getTime() <= now.getTime() - ANSWER_WITHIN_HOURS * 3_600_000 || hasBegun(patternOf(booking), now);
}

export async function expireStaleBookings(db: Kysely<Database>, options: { now?: Date } = {}): Promise<string[]> {
  const now = options.now ?? new Date();
  const deadline = new Date(now.getTime() - ANSWER_WITHIN_HOURS * 3_600_000);
  // Candidates: old enough, or starting by tomorrow (the exact "has begun" check is made in JS).
  const tomorrow = new Date(now.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
  const candidates = await db
    .selectFrom("bookings")
    .select("id")
    .where("status", "in", [...expiringStatuses])
    .where((eb) => eb.or([eb("updated_at", "<=", deadline), eb("first_date", "<=", tomorrow)]))
    .orderBy("updated_at")
    .execute();
  const expired: string[] = [];
  for (const { id } of candidates) {
    const done = await db.transaction().execute(async (trx) => {
      const booking = await lockBooking(trx, id);
      if (!booking || !isStale(booking, now)) return false;
      try {
        await transitionBooking(trx, { bookingId: id, action: "expire", actorRole: "system", actorUserId: null });
      } catch (error) {
        if (error instanceof BookingTransitionError) return false;
        throw error;
      }
      if (booking.status === "accepted") {
        await requestRefundForCancelledBooking(trx, { bookingId: id, refundableCents: await paidCentsOf(trx, id) });
      }
      return true;
    });
    if (done) expired.push(id);
  }
  return expired;
}

/** The graphile-worker task name and its schedule (every 15 minutes). */
export const BOOKING_EXPIRY_TASK = "booking_expiry";
export const bookingExpiryCrontab = `*/15 * * * * ${BOOKING_EXPIRY_TASK} ?max=1`;

export function bookingExpiryTask(db: Kysely<Database>): Task {
  return async (payload, helpers) => {
    const cronTs = (payload as { _cron?: { ts?: string } } | null)?._cron?.ts;
    const now = cronTs && !Number.isNaN(Date.parse(cronTs)) ? new Date(cronTs) : new Date();
    const expired = await expireStaleBookings(db, { now });
    helpers.logger.info(`booking expiry: ${expired.length} bookings expired`);
  };
}
