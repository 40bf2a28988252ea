/**
 * What a booking action can refuse, as codes the pages translate (booking:refusals.<code>).
 * Authorisation failures are AuthorisationError (403), not these.
 */
export const bookingErrorCodes = [
  "not_found",
  /** The booking is no longer in a state where this can be done (someone acted first). */
  "not_allowed_now",
  /** Another booking already holds the provider's time. */
  "slot_taken",
  /** Online payment was chosen but the provider cannot take payments online. */
  "online_unavailable",
  /** The family confirms paying directly only for a booking accepted as "pay directly". */
  "pays_online",
  /** The counter-offer on the page is not the open one any more. */
  "offer_changed",
  /** The cancellation outcome differs from the one shown (time passed a deadline): confirm again. */
  "refund_changed",
  /** Starting, completing or reporting a no-show before the first session has begun. */
  "too_early",
] as const;
export type BookingErrorCode = (typeof bookingErrorCodes)[number];

export class BookingError extends Error {
  constructor(
    readonly code: BookingErrorCode,
    message: string = code,
    /** For slot_taken: the bookings holding the time. */
    readonly conflictingBookingIds: string[] = [],
  ) {
    super(message);
    this.name = "BookingError";
  }
}

export function isBookingError(error: unknown, code?: BookingErrorCode): error is BookingError {
  return error instanceof BookingError && (code === undefined || error.code === code);
}
