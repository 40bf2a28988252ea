import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { CurrentUser } from "../accounts/current-user";
import { inTransaction } from "../verification/change-provider-status.server";
import { BookingError } from "./booking-errors";
import { applyTransition, requireParty } from "./booking-party.server";
import { lockBooking } from "./transition-booking.server";

/**
 * "I'll pay the provider directly": the family confirms a booking the provider accepted with
 * direct payment. A booking to be paid online is confirmed by the payments module instead.
 */
export async function confirmPayingDirectly(db: Kysely<Database>, user: CurrentUser, input: { bookingId: string }): Promise<void> {
  const { booking } = await requireParty(db, user, input.bookingId, ["family"]);
  await inTransaction(db, async (trx) => {
    const locked = await lockBooking(trx, booking.id);
    if (!locked) throw new BookingError("not_found");
    if (locked.status === "accepted" && locked.payment_mode !== "direct") throw new BookingError("pays_online");
    await applyTransition(trx, {
      bookingId: booking.id,
      action: "confirm",
      actorRole: "family",
      actorUserId: user.id,
    });
  });
}
