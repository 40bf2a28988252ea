import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { isUuid } from "../../utils/uuid";
import { largestRemainderSplit } from "./aggregation";

/**
 * Who pays what of a shared group's booking. The group books ONE booking (its total is the
 * provider's hourly price for the whole group × the sessions); each family pays its share of that
 * total, by persons (a family with two children pays two places), split with the largest
 * remainder method so the shares add up exactly to the total in cents.
 *
 * The payers are the families that booked it: members still in the group, and members who left
 * after it was booked (a family giving notice pays for what was booked with it; a new split
 * applies to what is booked after). Members who left before are not payers.
 */

type Db = Kysely<Database>;

export interface BookingShare {
  needId: string;
  /** Null for someone signed up at a hub desk (they pay there, not online). */
  familyUserId: string | null;
  persons: number;
  amountCents: number;
}

/** Every payer's share of a group booking, in need id order; [] for a booking without a group. */
export async function bookingShares(db: Db, bookingId: string): Promise<BookingShare[]> {
  if (!isUuid(bookingId)) return [];
  const booking = await db.selectFrom("bookings").select(["id", "total_cents", "shared_group_id", "created_at"]).where("id", "=", bookingId).executeTakeFirst();
  if (!booking?.shared_group_id) return [];
  const payers = await db
    .selectFrom("shared_group_members")
    .select(["need_id", "family_user_id", "persons"])
    .where("group_id", "=", booking.shared_group_id)
    .where((eb) =>
      eb.or([eb("status", "=", "accepted"), eb.and([eb("status", "=", "left"), eb("responded_at", ">", booking.created_at)])]),
    )
    .orderBy("need_id")
    .execute();
  if (payers.length === 0) return [];
  const amounts = largestRemainderSplit(
    booking.total_cents,
    payers.map((p) => ({ id: p.need_id, weight: p.persons })),
  );
  return payers.map((p, i) => ({ needId: p.need_id, familyUserId: p.family_user_id, persons: p.persons, amountCents: amounts[i]! }));
}

/**
 * What this person owes for this booking, in integer cents: for a shared group's booking, their
 * share of its total (the shares of all payers add up exactly to total_cents); for an ordinary
 * booking, the whole total if they are its family. Null when they owe nothing for it (not a payer,
 * no such booking). The payments module's checkout charges this amount.
 */
export async function amountDueFor(db: Db, input: { bookingId: string; userId: string }): Promise<number | null> {
  if (!isUuid(input.bookingId)) return null;
  const booking = await db.selectFrom("bookings").select(["family_user_id", "total_cents", "shared_group_id"]).where("id", "=", input.bookingId).executeTakeFirst();
  if (!booking) return null;
  if (!booking.shared_group_id) return booking.family_user_id === input.userId ? booking.total_cents : null;
  const mine = (await bookingShares(db, input.bookingId)).find((s) => s.familyUserId === input.userId);
  return mine ? mine.amountCents : null;
}

/** Whether this person pays a share of this group booking (for the booking and payment pages' access checks). */
export async function isGroupBookingPayer(db: Db, input: { bookingId: string; userId: string }): Promise<boolean> {
  return (await bookingShares(db, input.bookingId)).some((s) => s.familyUserId === input.userId);
}
