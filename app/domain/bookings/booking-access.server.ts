import type { Kysely } from "kysely";
import type { Booking, Database } from "../../../db/schema";
import { isUuid } from "../../utils/uuid";
import { AuthorisationError, type CurrentUser } from "../accounts/current-user";
import { isGroupBookingPayer } from "../sharing/group-payments.server";

export type BookingParty = "family" | "provider";

/**
 * The booking and the side the person is on: the family who asked, or someone acting for the
 * provider (a member of the provider row, or an owner/manager of its organisation). For a shared
 * group's booking, every family paying a share of it is on the family's side too.
 * Null when there is no such booking; AuthorisationError for everybody else, operators included:
 * an operator reads a booking's messages only through a report (see the messaging domain).
 */
export async function loadBookingForParty(
  db: Kysely<Database>,
  user: CurrentUser,
  bookingId: string,
): Promise<{ booking: Booking; party: BookingParty } | null> {
  if (!isUuid(bookingId)) return null;
  const booking = await db.selectFrom("bookings").selectAll().where("id", "=", bookingId).executeTakeFirst();
  if (!booking) return null;
  if (booking.family_user_id === user.id) return { booking, party: "family" };
  if (await actsForProvider(db, user.id, booking.provider_id)) return { booking, party: "provider" };
  if (booking.shared_group_id && (await isGroupBookingPayer(db, { bookingId, userId: user.id }))) return { booking, party: "family" };
  throw new AuthorisationError("not a party to this booking");
}

/** Whether the person may act for the provider: its own member, or an owner/manager of its organisation. */
export async function actsForProvider(db: Kysely<Database>, userId: string, providerId: string): Promise<boolean> {
  return !!(await providerIdsActedForBy(db, userId).where("p.id", "=", providerId).executeTakeFirst());
}

/** Provider rows the person acts for (own, and the workers of organisations they manage). */
export function providerIdsActedForBy(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom("providers as p")
    .select("p.id")
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom("provider_members as m").select("m.user_id").whereRef("m.provider_id", "=", "p.id").where("m.user_id", "=", userId)),
        eb.exists(
          eb
            .selectFrom("provider_members as om")
            .select("om.user_id")
            .whereRef("om.provider_id", "=", "p.organisation_id")
            .where("om.user_id", "=", userId)
            .where("om.member_role", "in", ["owner", "manager"]),
        ),
      ]),
    );
}
