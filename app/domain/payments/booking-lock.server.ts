import type { Transaction } from "kysely";
import type { Booking, Database } from "../../../db/schema";
import { lockBooking } from "../bookings/transition-booking.server";

/**
 * Locks a booking for a payment change in the one order every writer of bookings uses (the
 * provider's slot lock, then the booking row: transitionBooking's lockBooking), so a checkout, a
 * webhook and a cancellation touching the same booking queue one after the other and never
 * deadlock. Payments, then vouchers (by id), are locked after this, everywhere.
 */
export function lockBookingForPayment(trx: Transaction<Database>, bookingId: string): Promise<Booking | undefined> {
  return lockBooking(trx, bookingId);
}
