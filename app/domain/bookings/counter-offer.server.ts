import type { Kysely } from "kysely";
import type { Database, PaymentMode } from "../../../db/schema";
import type { CurrentUser } from "../accounts/current-user";
import { canTakeOnlinePayments } from "../payments/online-payments.server";
import { inTransaction } from "../verification/change-provider-status.server";
import { BookingError } from "./booking-errors";
import { notifyBookingTransition } from "./booking-notifications.server";
import { applyTransition, requireParty } from "./booking-party.server";
import { parseCounterOfferForm, type BookingFieldErrors, type CounterOfferRaw } from "./booking-schemas";
import { providerScheduleConflicts } from "./provider-availability.server";
import type { ScheduleConflict } from "./schedule";

/**
 * The provider proposes other terms: another time and/or another hourly price, and how the family
 * would pay. The offer is stored (booking_counter_offers); an older open one is superseded; the
 * booking becomes counter_offered and the family is told. The time is checked against the
 * provider's other bookings (their own published hours do not bind their own proposal).
 */
export type CounterOfferResult = { ok: true; offerId: string } | { ok: false; errors: BookingFieldErrors; conflicts: ScheduleConflict[] };

export async function makeCounterOffer(
  db: Kysely<Database>,
  user: CurrentUser,
  input: { bookingId: string; raw: CounterOfferRaw; paymentMode: PaymentMode },
  deps: { now?: Date; canPayOnline?: (db: Kysely<Database>, providerId: string) => Promise<boolean> } = {},
): Promise<CounterOfferResult> {
  const { booking } = await requireParty(db, user, input.bookingId, ["provider"]);
  const parsed = parseCounterOfferForm(input.raw, deps.now ?? new Date());
  if ("errors" in parsed) return { ok: false, errors: parsed.errors, conflicts: [] };
  if (input.paymentMode === "online" && !(await (deps.canPayOnline ?? canTakeOnlinePayments)(db, booking.provider_id))) {
    throw new BookingError("online_unavailable");
  }
  const { pattern, hourlyPriceCents, note } = parsed.data;
  const conflicts = await providerScheduleConflicts(db, { providerId: booking.provider_id, pattern, excludeBookingId: booking.id, hours: false });
  if (conflicts.length > 0) return { ok: false, errors: { _form: "errors.conflicts" }, conflicts };

  const offerId = await inTransaction(db, async (trx) => {
    await applyTransition(trx, {
      bookingId: booking.id,
      action: "counterOffer",
      actorRole: "provider",
      actorUserId: user.id,
      note,
      changes: { payment_mode: input.paymentMode },
      notify: false,
    });
    const now = new Date();
    await trx
      .updateTable("booking_counter_offers")
      .set({ resolved_at: now, resolution: "superseded" })
      .where("booking_id", "=", booking.id)
      .where("resolved_at", "is", null)
      .execute();
    const { id } = await trx
      .insertInto("booking_counter_offers")
      .values({
        booking_id: booking.id,
        weekdays: pattern.weekdays,
        start_minute: pattern.startMinute,
        end_minute: pattern.endMinute,
        first_date: pattern.firstDate,
        last_date: pattern.lastDate,
        hourly_price_cents: hourlyPriceCents,
        note,
        created_by: user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await notifyBookingTransition(trx, { bookingId: booking.id, action: "counterOffer", actorRole: "provider", note });
    return id;
  });
  return { ok: true, offerId };
}
