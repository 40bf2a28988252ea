import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { AuthorisationError, assertRole, type CurrentUser } from "../accounts/current-user";
import { holdLiveAccount } from "../accounts/live-account.server";
import { getPublicProviderProfile, type PublicProviderProfile } from "../providers/public-profile.server";
import { listMunicipi, listQuartieri, type MunicipioSummary, type QuartiereSummary } from "../territory/territory.server";
import { inTransaction } from "../verification/change-provider-status.server";
import { actsForProvider } from "./booking-access.server";
import { notifyBookingTransition } from "./booking-notifications.server";
import { parseRequestForm, type BookingFieldErrors, type RequestRaw } from "./booking-schemas";
import { providerScheduleConflicts } from "./provider-availability.server";
import { kindOf, priceCents, countSessions, sessionMinutes, type ScheduleConflict } from "./schedule";

/**
 * A family asks a provider for a service, from the provider's public profile. Only someone with
 * a family account may ask, only a provider the public may see (verified, active, accredited
 * organisation), and never one they act for themselves. The price is the provider's own for the
 * category; the total is computed here from the schedule. Asking creates the booking (requested),
 * its first recorded transition, the message thread with the family's first message, and an
 * e-mail to the provider's people, all in one transaction.
 */

export interface RequestFormView {
  provider: PublicProviderProfile;
  quartieri: QuartiereSummary[];
  municipi: MunicipioSummary[];
}

/** Who may ask this provider: a family that is not on the provider's side. Throws AuthorisationError otherwise. */
async function assertMayRequest(db: Kysely<Database>, user: CurrentUser, providerId: string): Promise<void> {
  assertRole(user, "family");
  if (await actsForProvider(db, user.id, providerId)) throw new AuthorisationError("a provider cannot book their own profile");
}

/** What the request form needs; null when there is no such public provider. */
export async function loadRequestForm(db: Kysely<Database>, user: CurrentUser, providerId: string): Promise<RequestFormView | null> {
  const provider = await getPublicProviderProfile(db, providerId);
  if (!provider) return null;
  await assertMayRequest(db, user, provider.id);
  const [quartieri, municipi] = await Promise.all([listQuartieri(db), listMunicipi(db)]);
  return { provider, quartieri, municipi };
}

export type RequestBookingResult =
  | { ok: true; bookingId: string }
  | { ok: false; errors: BookingFieldErrors; conflicts: ScheduleConflict[] };

export async function requestBooking(
  db: Kysely<Database>,
  user: CurrentUser,
  input: { providerId: string; raw: RequestRaw },
  options: { now?: Date } = {},
): Promise<RequestBookingResult | null> {
  const now = options.now ?? new Date();
  const provider = await getPublicProviderProfile(db, input.providerId);
  if (!provider) return null;
  await assertMayRequest(db, user, provider.id);

  const parsed = parseRequestForm(input.raw, now);
  if ("errors" in parsed) {
    // Other fields are wrong, but a valid time is checked now too: one answer explains everything.
    const conflicts = parsed.pattern ? await providerScheduleConflicts(db, { providerId: provider.id, pattern: parsed.pattern }) : [];
    return { ok: false, errors: conflicts.length > 0 ? { _form: "errors.conflicts", ...parsed.errors } : parsed.errors, conflicts };
  }
  const data = parsed.data;

  const [service, quartiere, conflicts] = await Promise.all([
    db
      .selectFrom("provider_services as s")
      .innerJoin("service_categories as c", "c.id", "s.category_id")
      .select(["c.id", "s.hourly_price_cents"])
      .where("s.provider_id", "=", provider.id)
      .where("c.slug", "=", data.categorySlug)
      .executeTakeFirst(),
    db.selectFrom("quartieri").select("id").where("id", "=", data.quartiereId).executeTakeFirst(),
    providerScheduleConflicts(db, { providerId: provider.id, pattern: data.pattern }),
  ]);
  const errors: BookingFieldErrors = conflicts.length > 0 ? { _form: "errors.conflicts" } : {};
  if (!service) errors.category = "errors.categoryNotOffered";
  if (!quartiere) errors.quartiere = "errors.quartiereRequired";
  if (Object.keys(errors).length > 0) return { ok: false, errors, conflicts };

  const { pattern } = data;
  const bookingId = await inTransaction(db, async (trx) => {
    // Asked while the same person is erasing their account (another tab): one of the two waits.
    await holdLiveAccount(trx, user.id);
    const providerRow = await trx.selectFrom("providers").select("currency").where("id", "=", provider.id).executeTakeFirstOrThrow();
    const { id } = await trx
      .insertInto("bookings")
      .values({
        provider_id: provider.id,
        family_user_id: user.id,
        category_id: service!.id,
        kind: kindOf(pattern),
        status: "requested",
        weekdays: pattern.weekdays,
        start_minute: pattern.startMinute,
        end_minute: pattern.endMinute,
        first_date: pattern.firstDate,
        last_date: pattern.lastDate,
        address: data.address,
        care_notes: data.careNotes,
        contact_phone: data.phone,
        hourly_price_cents: service!.hourly_price_cents,
        total_cents: priceCents(countSessions(pattern), sessionMinutes(pattern), service!.hourly_price_cents),
        currency: providerRow.currency.trim(),
        quartiere_id: data.quartiereId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("booking_transitions")
      .values({ booking_id: id, from_status: null, to_status: "requested", action: "request", actor_role: "family", actor_user_id: user.id, note: null })
      .execute();
    const thread = await trx.insertInto("message_threads").values({ booking_id: id }).returning("id").executeTakeFirstOrThrow();
    const message = await trx
      .insertInto("messages")
      .values({ thread_id: thread.id, sender_user_id: user.id, body: data.message })
      .returning("id")
      .executeTakeFirstOrThrow();
    // The family has read what they wrote themselves.
    await trx.insertInto("thread_reads").values({ thread_id: thread.id, user_id: user.id, last_read_message_id: message.id }).execute();
    await notifyBookingTransition(trx, { bookingId: id, action: "request", actorRole: "family" });
    return id;
  });
  return { ok: true, bookingId };
}
