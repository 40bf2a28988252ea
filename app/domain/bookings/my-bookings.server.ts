import type { Kysely } from "kysely";
import type { BookingStatus, Database, PaymentMode } from "../../../db/schema";
import type { CurrentUser } from "../accounts/current-user";
import { providerIdsActedForBy, type BookingParty } from "./booking-access.server";
import { nextSessions, patternOf, type Session, type WeeklyPattern } from "./schedule";

/**
 * The bookings a person is part of, on either side: as the family who asked, and as someone
 * acting for a provider (their own profile, or the workers of an organisation they manage).
 * Every query here is scoped by the person, so nobody ever lists someone else's bookings.
 */

export interface BookingSummary {
  id: string;
  party: BookingParty;
  status: BookingStatus;
  categorySlug: string;
  /** The other side's name: the provider for the family, the family for the provider. */
  otherName: string | null;
  providerName: string;
  pattern: WeeklyPattern;
  totalCents: number;
  currency: string;
  paymentMode: PaymentMode | null;
  quartiereName: string | null;
  nextSession: Session | null;
  createdAt: string;
  updatedAt: string;
}

/** The bookings of the person (both sides), newest first; `statuses` narrows them. */
export async function bookingsOf(
  db: Kysely<Database>,
  user: CurrentUser,
  options: { statuses?: readonly BookingStatus[]; lastDateFrom?: string; now?: Date; limit?: number } = {},
): Promise<BookingSummary[]> {
  const now = options.now ?? new Date();
  const rows = await db
    .selectFrom("bookings as b")
    .innerJoin("providers as p", "p.id", "b.provider_id")
    .innerJoin("users as f", "f.id", "b.family_user_id")
    .innerJoin("service_categories as c", "c.id", "b.category_id")
    .leftJoin("quartieri as q", "q.id", "b.quartiere_id")
    .select([
      "b.id",
      "b.family_user_id",
      "b.status",
      "b.weekdays",
      "b.start_minute",
      "b.end_minute",
      "b.first_date",
      "b.last_date",
      "b.total_cents",
      "b.currency",
      "b.payment_mode",
      "b.created_at",
      "b.updated_at",
      "p.display_name as provider_name",
      "f.display_name as family_name",
      "c.slug as category_slug",
      "q.name as quartiere_name",
    ])
    .where((eb) => eb.or([eb("b.family_user_id", "=", user.id), eb("b.provider_id", "in", providerIdsActedForBy(db, user.id))]))
    .$if(!!options.statuses, (q) => q.where("b.status", "in", [...options.statuses!]))
    .$if(!!options.lastDateFrom, (q) => q.where("b.last_date", ">=", options.lastDateFrom!))
    .orderBy("b.created_at", "desc")
    .orderBy("b.id")
    .limit(options.limit ?? 500)
    .execute();
  return rows.map((r) => {
    const party: BookingParty = r.family_user_id === user.id ? "family" : "provider";
    const pattern = patternOf(r);
    return {
      id: r.id,
      party,
      status: r.status,
      categorySlug: r.category_slug,
      otherName: party === "family" ? r.provider_name : r.family_name,
      providerName: r.provider_name,
      pattern,
      totalCents: r.total_cents,
      currency: r.currency.trim(),
      paymentMode: r.payment_mode,
      quartiereName: r.quartiere_name,
      nextSession: nextSessions(pattern, now, 1)[0] ?? null,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    };
  });
}

/** Whether this side is the one expected to act next. */
export function needsAnswerFrom(booking: Pick<BookingSummary, "party" | "status">): boolean {
  if (booking.party === "provider") return booking.status === "requested";
  return booking.status === "counter_offered" || booking.status === "accepted";
}

const finished: readonly BookingStatus[] = ["declined", "completed", "reviewed", "cancelled", "no_show", "expired"];

export interface MyBookings {
  needsAnswer: BookingSummary[];
  upcoming: BookingSummary[];
  past: BookingSummary[];
}

/**
 * "My bookings", grouped: waiting for this person's answer (a request to answer, an offer to
 * accept, a booking to confirm or pay), upcoming (still going somewhere, soonest first), and past
 * (finished, most recent first).
 */
export async function listMyBookings(db: Kysely<Database>, user: CurrentUser, options: { now?: Date } = {}): Promise<MyBookings> {
  const all = await bookingsOf(db, user, options);
  const needsAnswer = all.filter((b) => !finished.includes(b.status) && needsAnswerFrom(b)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const upcoming = all
    .filter((b) => !finished.includes(b.status) && !needsAnswerFrom(b))
    .sort((a, b) => (a.nextSession?.date ?? a.pattern.lastDate).localeCompare(b.nextSession?.date ?? b.pattern.lastDate));
  const past = all.filter((b) => finished.includes(b.status)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return { needsAnswer, upcoming, past };
}
