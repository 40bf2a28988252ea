import type { Kysely } from "kysely";
import type { Booking, Database } from "../../../db/schema";
import type { CurrentUser } from "../accounts/current-user";
import { paidOnlineCents, requestRefundForCancelledBooking } from "../payments/refunds.server";
import { inTransaction } from "../verification/change-provider-status.server";
import type { BookingParty } from "./booking-access.server";
import { BookingError } from "./booking-errors";
import { notifyBookingTransition } from "./booking-notifications.server";
import { applyTransition, requireParty } from "./booking-party.server";
import { nextBookingStatus } from "./booking-status-machine";
import { cancellationOutcome, type CancellationOutcome } from "./cancellation-policy";
import { patternOf } from "./schedule";
import { lockBooking } from "./transition-booking.server";

/**
 * Either side cancels. The page first shows what the policy gives (previewCancellation); the
 * cancellation applies the same policy under lock and refuses with refund_changed when the figure
 * is no longer the one shown (a deadline passed meanwhile), so nobody confirms one amount and gets
 * another. The refund itself is the payments module's (requestRefundForCancelledBooking), called in
 * the same transaction as the cancel transition.
 */

/** Money paid online for the booking and not refunded yet (the payments module's count). */
export const paidCentsOf = paidOnlineCents;

export function outcomeFor(booking: Booking, paidCents: number, party: BookingParty, now: Date): CancellationOutcome {
  return cancellationOutcome({
    booking: { ...patternOf(booking), status: booking.status, hourlyPriceCents: booking.hourly_price_cents, totalCents: booking.total_cents },
    paidCents,
    cancelledBy: party,
    now,
  });
}

export interface CancellationPreview extends CancellationOutcome {
  paidCents: number;
  currency: string;
  paymentMode: Booking["payment_mode"];
}

/** What cancelling now would mean for this person's side; null when they cannot cancel it now. */
export async function previewCancellation(
  db: Kysely<Database>,
  user: CurrentUser,
  bookingId: string,
  options: { now?: Date } = {},
): Promise<CancellationPreview | null> {
  const { booking, party } = await requireParty(db, user, bookingId, ["family", "provider"]);
  if (!nextBookingStatus(booking.status, "cancel", party)) return null;
  const paid = await paidCentsOf(db, booking.id);
  return { ...outcomeFor(booking, paid, party, options.now ?? new Date()), paidCents: paid, currency: booking.currency, paymentMode: booking.payment_mode };
}

export async function cancelBooking(
  db: Kysely<Database>,
  user: CurrentUser,
  input: { bookingId: string; reason: string; expectedRefundCents: number },
  options: { now?: Date } = {},
): Promise<{ refundCents: number }> {
  const { booking, party } = await requireParty(db, user, input.bookingId, ["family", "provider"]);
  const now = options.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const locked = await lockBooking(trx, booking.id);
    if (!locked) throw new BookingError("not_found");
    if (!nextBookingStatus(locked.status, "cancel", party)) throw new BookingError("not_allowed_now");
    const outcome = outcomeFor(locked, await paidCentsOf(trx, locked.id), party, now);
    if (outcome.refundableCents !== input.expectedRefundCents) throw new BookingError("refund_changed");

    await applyTransition(trx, { bookingId: locked.id, action: "cancel", actorRole: party, actorUserId: user.id, note: input.reason, notify: false });
    await requestRefundForCancelledBooking(trx, { bookingId: locked.id, refundableCents: outcome.refundableCents });
    await notifyBookingTransition(trx, { bookingId: locked.id, action: "cancel", actorRole: party, note: input.reason, refundCents: outcome.refundableCents });
    return { refundCents: outcome.refundableCents };
  });
}
