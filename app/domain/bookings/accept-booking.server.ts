import type { Kysely } from "kysely";
import type { Database, PaymentMode } from "../../../db/schema";
import type { CurrentUser } from "../accounts/current-user";
import { canTakeOnlinePayments } from "../payments/online-payments.server";
import { BookingError } from "./booking-errors";
import { applyTransition, requireParty } from "./booking-party.server";
import { hasBegun, patternOf } from "./schedule";

/**
 * The provider accepts a request as asked, choosing how the family pays: online only when the
 * payments module says this provider can take payments now, otherwise directly. Accepting holds
 * the provider's time: it fails with slot_taken when another booking holds it already.
 */
export async function acceptBooking(
  db: Kysely<Database>,
  user: CurrentUser,
  input: { bookingId: string; paymentMode: PaymentMode },
  deps: { now?: Date; canPayOnline?: (db: Kysely<Database>, providerId: string) => Promise<boolean> } = {},
): Promise<void> {
  const { booking } = await requireParty(db, user, input.bookingId, ["provider"]);
  // Too late to agree on a time that has already come.
  if (hasBegun(patternOf(booking), deps.now ?? new Date())) throw new BookingError("not_allowed_now");
  if (input.paymentMode === "online" && !(await (deps.canPayOnline ?? canTakeOnlinePayments)(db, booking.provider_id))) {
    throw new BookingError("online_unavailable");
  }
  await applyTransition(db, {
    bookingId: booking.id,
    action: "accept",
    actorRole: "provider",
    actorUserId: user.id,
    changes: { payment_mode: input.paymentMode },
  });
}
