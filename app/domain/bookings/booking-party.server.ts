import type { Kysely } from "kysely";
import type { Booking, Database } from "../../../db/schema";
import { AuthorisationError, type CurrentUser } from "../accounts/current-user";
import { loadBookingForParty, type BookingParty } from "./booking-access.server";
import { BookingError } from "./booking-errors";
import { BookingTransitionError, transitionBooking, type BookingTransitionInput } from "./transition-booking.server";

/**
 * The first lines of every booking action: the booking exists (else not_found), and the person is
 * on the side that may take the action (else AuthorisationError: another family, another
 * provider, an operator). Which side may do what comes from the transition table.
 */
export async function requireParty(
  db: Kysely<Database>,
  user: CurrentUser,
  bookingId: string,
  sides: readonly BookingParty[],
): Promise<{ booking: Booking; party: BookingParty }> {
  const access = await loadBookingForParty(db, user, bookingId);
  if (!access) throw new BookingError("not_found");
  if (!sides.includes(access.party)) throw new AuthorisationError(`the ${access.party} may not do this`);
  return access;
}

/** transitionBooking with its refusals as BookingError codes the pages translate. */
export async function applyTransition(db: Kysely<Database>, input: BookingTransitionInput) {
  try {
    return await transitionBooking(db, input);
  } catch (error) {
    if (!(error instanceof BookingTransitionError)) throw error;
    if (error.code === "slot_taken") throw new BookingError("slot_taken", error.message, error.conflictingBookingIds);
    throw new BookingError(error.code === "not_found" ? "not_found" : "not_allowed_now", error.message);
  }
}
