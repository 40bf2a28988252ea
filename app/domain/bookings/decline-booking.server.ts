import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { CurrentUser } from "../accounts/current-user";
import { applyTransition, requireParty } from "./booking-party.server";

/** The provider turns a request down, saying why (the family reads the reason in the e-mail and on the page). */
export async function declineBooking(db: Kysely<Database>, user: CurrentUser, input: { bookingId: string; reason: string }): Promise<void> {
  const { booking } = await requireParty(db, user, input.bookingId, ["provider"]);
  await applyTransition(db, { bookingId: booking.id, action: "decline", actorRole: "provider", actorUserId: user.id, note: input.reason });
}
