import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { CurrentUser } from "../accounts/current-user";
import type { BookingParty } from "./booking-access.server";
import { BookingError } from "./booking-errors";
import { applyTransition, requireParty } from "./booking-party.server";
import { hasBegun, patternOf } from "./schedule";

/**
 * What happens once a booking is confirmed: the provider starts it, either side marks it done,
 * or reports that the other did not turn up. None of these can happen before the first session
 * has begun (too_early).
 */

type ProgressAction = "start" | "complete" | "reportNoShow";

const sidesOf: Record<ProgressAction, readonly BookingParty[]> = {
  start: ["provider"],
  complete: ["provider", "family"],
  reportNoShow: ["provider", "family"],
};

async function progress(
  db: Kysely<Database>,
  user: CurrentUser,
  action: ProgressAction,
  input: { bookingId: string; note?: string },
  options: { now?: Date },
): Promise<void> {
  const { booking, party } = await requireParty(db, user, input.bookingId, sidesOf[action]);
  if (!hasBegun(patternOf(booking), options.now ?? new Date())) throw new BookingError("too_early");
  await applyTransition(db, { bookingId: booking.id, action, actorRole: party, actorUserId: user.id, note: input.note });
}

export const startBooking = (db: Kysely<Database>, user: CurrentUser, input: { bookingId: string }, options: { now?: Date } = {}) =>
  progress(db, user, "start", input, options);

export const completeBooking = (db: Kysely<Database>, user: CurrentUser, input: { bookingId: string }, options: { now?: Date } = {}) =>
  progress(db, user, "complete", input, options);

export const reportNoShow = (db: Kysely<Database>, user: CurrentUser, input: { bookingId: string; note?: string }, options: { now?: Date } = {}) =>
  progress(db, user, "reportNoShow", input, options);
