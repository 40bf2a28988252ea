import type { Kysely } from "kysely";
import type { BookingActorRole, BookingKind, BookingStatus, Database, PaymentMode } from "../../../db/schema";
import type { CurrentUser } from "../accounts/current-user";
import { canTakeOnlinePayments } from "../payments/online-payments.server";
import { providerRecipients } from "../verification/notifications.server";
import { loadBookingForParty, type BookingParty } from "./booking-access.server";
import { allowedBookingActions, contactVisible } from "./booking-status-machine";
import { paidCentsOf, outcomeFor } from "./cancel-booking.server";
import type { CancellationOutcome } from "./cancellation-policy";
import { hasBegun, nextSessions, patternOf, priceBreakdown, type PriceBreakdown, type Session, type WeeklyPattern } from "./schedule";

/**
 * One booking as one of its parties sees it: the terms and price, where it stands and how it got
 * there, what this side may do now (with the cancellation outcome worked out in advance), and the
 * other side's contact details only once the booking is confirmed (before that: the quartiere).
 */

export interface BookingHistoryEntry {
  id: string;
  fromStatus: BookingStatus | null;
  toStatus: BookingStatus;
  action: string;
  actorRole: BookingActorRole;
  byMe: boolean;
  /** A person's reason or note (system notes are not shown). */
  note: string | null;
  at: string;
}

export interface BookingOffer {
  id: string;
  pattern: WeeklyPattern;
  price: PriceBreakdown;
  note: string;
  at: string;
}

export interface BookingDetail {
  id: string;
  party: BookingParty;
  status: BookingStatus;
  kind: BookingKind;
  categorySlug: string;
  provider: { id: string; displayName: string };
  familyName: string | null;
  pattern: WeeklyPattern;
  price: PriceBreakdown;
  currency: string;
  paymentMode: PaymentMode | null;
  paidCents: number;
  quartiereName: string | null;
  careNotes: string;
  /** The family's own address (always theirs to see). */
  ownAddress: string | null;
  /** The other side's details, only when contactVisible(status). */
  contact: { address: string | null; phone: string | null; emails: string[] } | null;
  nextSessions: Session[];
  history: BookingHistoryEntry[];
  openOffer: BookingOffer | null;
  actions: {
    accept: { onlinePossible: boolean } | null;
    decline: boolean;
    counterOffer: { onlinePossible: boolean } | null;
    acceptOffer: boolean;
    declineOffer: boolean;
    confirmDirect: boolean;
    pay: boolean;
    start: boolean;
    complete: boolean;
    reportNoShow: boolean;
    cancel: (CancellationOutcome & { paidCents: number }) | null;
    review: boolean;
  };
  createdAt: string;
}

/** Null when there is no such booking; AuthorisationError for anyone not a party to it. */
export async function getBookingDetail(
  db: Kysely<Database>,
  user: CurrentUser,
  bookingId: string,
  options: { now?: Date } = {},
): Promise<BookingDetail | null> {
  const access = await loadBookingForParty(db, user, bookingId);
  if (!access) return null;
  const { booking, party } = access;
  const now = options.now ?? new Date();

  const [names, history, offerRow, paidCents] = await Promise.all([
    db
      .selectFrom("bookings as b")
      .innerJoin("providers as p", "p.id", "b.provider_id")
      .innerJoin("users as f", "f.id", "b.family_user_id")
      .innerJoin("service_categories as c", "c.id", "b.category_id")
      .leftJoin("quartieri as q", "q.id", "b.quartiere_id")
      .select(["p.display_name as provider_name", "f.display_name as family_name", "f.email as family_email", "c.slug", "q.name as quartiere_name"])
      .where("b.id", "=", booking.id)
      .executeTakeFirstOrThrow(),
    db.selectFrom("booking_transitions").selectAll().where("booking_id", "=", booking.id).orderBy("id").execute(),
    db
      .selectFrom("booking_counter_offers")
      .selectAll()
      .where("booking_id", "=", booking.id)
      .where("resolved_at", "is", null)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .executeTakeFirst(),
    paidCentsOf(db, booking.id),
  ]);

  const pattern = patternOf(booking);
  const allowed = new Set(allowedBookingActions(booking.status, party));
  const begun = hasBegun(pattern, now);
  const needsOnlineCheck = party === "provider" && (allowed.has("accept") || allowed.has("counterOffer"));
  const onlinePossible = needsOnlineCheck ? await canTakeOnlinePayments(db, booking.provider_id) : false;
  const openOffer = booking.status === "counter_offered" && offerRow ? offerRow : null;

  let contact: BookingDetail["contact"] = null;
  if (contactVisible(booking.status)) {
    contact =
      party === "provider"
        ? { address: booking.address, phone: booking.contact_phone, emails: [names.family_email] }
        : { address: null, phone: null, emails: (await providerRecipients(db, booking.provider_id)).map((r) => r.email) };
  }

  return {
    id: booking.id,
    party,
    status: booking.status,
    kind: booking.kind,
    categorySlug: names.slug,
    provider: { id: booking.provider_id, displayName: names.provider_name },
    familyName: names.family_name,
    pattern,
    price: priceBreakdown(pattern, booking.hourly_price_cents),
    currency: booking.currency.trim(),
    paymentMode: booking.payment_mode,
    paidCents,
    quartiereName: names.quartiere_name,
    careNotes: booking.care_notes,
    ownAddress: party === "family" ? booking.address : null,
    contact,
    nextSessions: nextSessions(pattern, now, 5),
    history: history.map((h) => ({
      id: String(h.id),
      fromStatus: h.from_status,
      toStatus: h.to_status,
      action: h.action,
      actorRole: h.actor_role,
      byMe: h.actor_user_id === user.id,
      note: h.actor_role === "family" || h.actor_role === "provider" ? h.note : null,
      at: h.created_at.toISOString(),
    })),
    openOffer: openOffer
      ? {
          id: openOffer.id,
          pattern: patternOf(openOffer),
          price: priceBreakdown(patternOf(openOffer), openOffer.hourly_price_cents),
          note: openOffer.note,
          at: openOffer.created_at.toISOString(),
        }
      : null,
    actions: {
      accept: allowed.has("accept") && !begun ? { onlinePossible } : null,
      decline: allowed.has("decline"),
      counterOffer: allowed.has("counterOffer") ? { onlinePossible } : null,
      acceptOffer: allowed.has("acceptOffer") && openOffer !== null,
      declineOffer: allowed.has("declineOffer") && openOffer !== null,
      confirmDirect: allowed.has("confirm") && party === "family" && booking.payment_mode === "direct",
      pay: party === "family" && booking.status === "accepted" && booking.payment_mode === "online",
      start: allowed.has("start") && begun,
      complete: allowed.has("complete") && begun,
      reportNoShow: allowed.has("reportNoShow") && begun,
      // A provider answers a fresh request by declining it, not by "cancelling" it.
      cancel: allowed.has("cancel") && !(party === "provider" && booking.status === "requested") ? { ...outcomeFor(booking, paidCents, party, now), paidCents } : null,
      review: party === "family" && booking.status === "completed",
    },
    createdAt: booking.created_at.toISOString(),
  };
}
