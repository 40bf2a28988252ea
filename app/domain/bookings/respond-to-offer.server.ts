import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import type { CurrentUser } from "../accounts/current-user";
import { inTransaction } from "../verification/change-provider-status.server";
import { BookingError } from "./booking-errors";
import { applyTransition, requireParty } from "./booking-party.server";
import { countSessions, hasBegun, kindOf, patternOf, priceCents, sessionMinutes } from "./schedule";
import { lockBooking } from "./transition-booking.server";

/**
 * The family answers the provider's counter-offer. Accepting applies the offer's time and price
 * to the booking (its total recomputed here) and holds the provider's time, so it can fail with
 * slot_taken; the offer the family saw must still be the open one (offer_changed otherwise).
 */

async function openOffer(trx: Transaction<Database>, bookingId: string, offerId: string) {
  const booking = await lockBooking(trx, bookingId);
  if (!booking) throw new BookingError("not_found");
  const offer = await trx
    .selectFrom("booking_counter_offers")
    .selectAll()
    .where("booking_id", "=", bookingId)
    .where("resolved_at", "is", null)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (booking.status !== "counter_offered") throw new BookingError("not_allowed_now");
  if (!offer || offer.id !== offerId) throw new BookingError("offer_changed");
  return offer;
}

export async function acceptCounterOffer(
  db: Kysely<Database>,
  user: CurrentUser,
  input: { bookingId: string; offerId: string },
  options: { now?: Date } = {},
): Promise<void> {
  const { booking } = await requireParty(db, user, input.bookingId, ["family"]);
  await inTransaction(db, async (trx) => {
    const offer = await openOffer(trx, booking.id, input.offerId);
    const pattern = patternOf(offer);
    if (hasBegun(pattern, options.now ?? new Date())) throw new BookingError("not_allowed_now");
    await applyTransition(trx, {
      bookingId: booking.id,
      action: "acceptOffer",
      actorRole: "family",
      actorUserId: user.id,
      changes: {
        kind: kindOf(pattern),
        weekdays: offer.weekdays,
        start_minute: offer.start_minute,
        end_minute: offer.end_minute,
        first_date: offer.first_date,
        last_date: offer.last_date,
        hourly_price_cents: offer.hourly_price_cents,
        total_cents: priceCents(countSessions(pattern), sessionMinutes(pattern), offer.hourly_price_cents),
      },
    });
    await trx.updateTable("booking_counter_offers").set({ resolved_at: new Date(), resolution: "accepted" }).where("id", "=", offer.id).execute();
  });
}

export async function declineCounterOffer(
  db: Kysely<Database>,
  user: CurrentUser,
  input: { bookingId: string; offerId: string; reason: string },
): Promise<void> {
  const { booking } = await requireParty(db, user, input.bookingId, ["family"]);
  await inTransaction(db, async (trx) => {
    const offer = await openOffer(trx, booking.id, input.offerId);
    await applyTransition(trx, { bookingId: booking.id, action: "declineOffer", actorRole: "family", actorUserId: user.id, note: input.reason });
    await trx.updateTable("booking_counter_offers").set({ resolved_at: new Date(), resolution: "declined" }).where("id", "=", offer.id).execute();
  });
}
