import type { Kysely, Transaction } from "kysely";
import type { Booking, BookingStatus, Database } from "../../../db/schema";
import type { CurrentUser } from "../accounts/current-user";
import { loadBookingForParty, type BookingParty } from "../bookings/booking-access.server";

/**
 * Every booking has one conversation between the family and the provider. Only the two parties
 * reach it here (loadBookingForParty throws AuthorisationError for anyone else, operators
 * included: they read a conversation only once it is reported, see read-reported-thread.server.ts).
 */

export type Side = BookingParty;

export interface PartyThread {
  booking: Booking;
  party: Side;
  /** Null while the booking has no thread row yet (it is created on the first message). */
  threadId: string | null;
}

/** Null when there is no such booking; AuthorisationError when the user is not a party to it. */
export async function loadThreadForParty(db: Kysely<Database>, user: CurrentUser, bookingId: string): Promise<PartyThread | null> {
  const access = await loadBookingForParty(db, user, bookingId);
  if (!access) return null;
  const thread = await db.selectFrom("message_threads").select("id").where("booking_id", "=", access.booking.id).executeTakeFirst();
  return { booking: access.booking, party: access.party, threadId: thread?.id ?? null };
}

/**
 * The booking's thread, created if missing, and locked for the rest of the transaction so that
 * two messages in the same conversation are written (and their e-mails decided) one at a time.
 */
export async function lockThread(
  trx: Transaction<Database>,
  bookingId: string,
): Promise<{ id: string; reported_at: Date | null }> {
  await trx.insertInto("message_threads").values({ booking_id: bookingId }).onConflict((oc) => oc.column("booking_id").doNothing()).execute();
  return trx
    .selectFrom("message_threads")
    .select(["id", "reported_at"])
    .where("booking_id", "=", bookingId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** Which side wrote a message: the family's own account, else someone on the provider's side. */
export function sideOf(senderUserId: string | null, familyUserId: string): Side {
  return senderUserId !== null && senderUserId === familyUserId ? "family" : "provider";
}

export interface ThreadHeader {
  bookingId: string;
  status: BookingStatus;
  categorySlug: string;
  providerId: string;
  providerName: string;
  providerQuartiereId: number | null;
  familyUserId: string;
  /** The family's display name; null when they have none (the page says "a family"). */
  familyName: string | null;
}

/** The names and facts a conversation page shows around the messages. */
export async function threadHeader(db: Kysely<Database>, bookingId: string): Promise<ThreadHeader> {
  const row = await db
    .selectFrom("bookings as b")
    .innerJoin("providers as p", "p.id", "b.provider_id")
    .innerJoin("users as f", "f.id", "b.family_user_id")
    .innerJoin("service_categories as c", "c.id", "b.category_id")
    .select([
      "b.id",
      "b.status",
      "b.family_user_id",
      "c.slug",
      "p.id as provider_id",
      "p.display_name as provider_name",
      "p.quartiere_id",
      "f.display_name as family_name",
      "f.deleted_at as family_deleted_at",
    ])
    .where("b.id", "=", bookingId)
    .executeTakeFirstOrThrow();
  return {
    bookingId: row.id,
    status: row.status,
    categorySlug: row.slug,
    providerId: row.provider_id,
    providerName: row.provider_name,
    providerQuartiereId: row.quartiere_id,
    familyUserId: row.family_user_id,
    familyName: row.family_deleted_at ? null : row.family_name,
  };
}
