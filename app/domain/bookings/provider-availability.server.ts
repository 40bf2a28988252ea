import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { listWeeklySlots } from "../providers/provider-details.server";
import { availabilityConflicts, bookingConflicts, type ScheduleConflict, type WeeklyPattern } from "./schedule";
import { overlappingHeldBookings } from "./transition-booking.server";

/**
 * Whether a provider can take a weekly pattern: inside their published weekly hours (unless
 * `hours: false`, e.g. for the provider's own counter-offer) and clear of bookings already holding
 * their time. The answer is advice for the forms; the authoritative check against double booking
 * is made under lock when a booking starts holding time (transitionBooking).
 */
export async function providerScheduleConflicts(
  db: Kysely<Database>,
  input: { providerId: string; pattern: WeeklyPattern; excludeBookingId?: string; hours?: boolean },
): Promise<ScheduleConflict[]> {
  const { providerId, pattern } = input;
  const [slots, heldIds] = await Promise.all([
    input.hours === false ? Promise.resolve([]) : listWeeklySlots(db, providerId),
    overlappingHeldBookings(db, {
      providerId,
      excludeBookingId: input.excludeBookingId,
      weekdays: pattern.weekdays,
      startMinute: pattern.startMinute,
      endMinute: pattern.endMinute,
      firstDate: pattern.firstDate,
      lastDate: pattern.lastDate,
    }),
  ]);
  const held =
    heldIds.length === 0
      ? []
      : await db.selectFrom("bookings").select(["weekdays", "start_minute", "end_minute", "first_date", "last_date"]).where("id", "in", heldIds).execute();
  return [
    ...(input.hours === false ? [] : availabilityConflicts(pattern, slots)),
    ...bookingConflicts(
      pattern,
      held.map((h) => ({ weekdays: h.weekdays, startMinute: h.start_minute, endMinute: h.end_minute, firstDate: h.first_date, lastDate: h.last_date })),
    ),
  ];
}
