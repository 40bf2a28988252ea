import type { Kysely } from "kysely";
import type { BookingActorRole, Database } from "../../../db/schema";
import { formatMoney } from "../../i18n/format";
import { getTranslator } from "../../i18n/translator.server";
import { enqueueEmail } from "../accounts/email-queue.server";
import { providerRecipients, type Recipient } from "../verification/notifications.server";
import type { BookingAction } from "./booking-status-machine";
import { describeSchedule } from "./describe-schedule";
import { countSessions, patternOf, priceCents, sessionMinutes } from "./schedule";

/**
 * E-mails about a booking: every transition tells the other party (both parties when the system
 * or an operator acted). Texts live in the "booking" namespace under `emails.<key>.subject` and
 * `.body`; each recipient gets them in their own language. They are queued in the caller's
 * transaction, so an e-mail exists exactly when the change it announces does.
 */

export type BookingEmailKey =
  | "requested"
  | "accepted"
  | "declined"
  | "counterOffered"
  | "offerAccepted"
  | "offerDeclined"
  | "confirmedDirect"
  | "confirmedPaid"
  | "started"
  | "completed"
  | "reviewed"
  | "cancelled"
  | "noShow"
  | "expired";

type Side = "family" | "provider";
type BookingEvent = BookingAction | "request";

/** Who hears about a transition, and with which text. */
export function bookingEmailsFor(action: BookingEvent, actorRole: BookingActorRole): Array<{ to: Side; key: BookingEmailKey }> {
  const other = (key: BookingEmailKey): Array<{ to: Side; key: BookingEmailKey }> =>
    actorRole === "family" ? [{ to: "provider", key }] : actorRole === "provider" ? [{ to: "family", key }] : [{ to: "family", key }, { to: "provider", key }];
  switch (action) {
    case "request":
      return [{ to: "provider", key: "requested" }];
    case "accept":
      return [{ to: "family", key: "accepted" }];
    case "decline":
      return [{ to: "family", key: "declined" }];
    case "counterOffer":
      return [{ to: "family", key: "counterOffered" }];
    case "acceptOffer":
      return [{ to: "provider", key: "offerAccepted" }];
    case "declineOffer":
      return [{ to: "provider", key: "offerDeclined" }];
    case "confirm":
      // Paid online: the payments module writes to the family who paid; the provider hears it here.
      return [{ to: "provider", key: actorRole === "system" ? "confirmedPaid" : "confirmedDirect" }];
    case "start":
      return [{ to: "family", key: "started" }];
    case "complete":
      return other("completed");
    case "review":
      return [{ to: "provider", key: "reviewed" }];
    case "cancel":
      return other("cancelled");
    case "reportNoShow":
      return other("noShow");
    case "expire":
      return [{ to: "family", key: "expired" }, { to: "provider", key: "expired" }];
  }
}

export interface BookingNotice {
  bookingId: string;
  action: BookingEvent;
  actorRole: BookingActorRole;
  note?: string | null;
  /** Cents the family gets back (cancellations). */
  refundCents?: number;
}

/** Queues the e-mails of one transition; returns how many. */
export async function notifyBookingTransition(db: Kysely<Database>, notice: BookingNotice): Promise<number> {
  const booking = await db
    .selectFrom("bookings as b")
    .innerJoin("providers as p", "p.id", "b.provider_id")
    .innerJoin("users as f", "f.id", "b.family_user_id")
    .innerJoin("service_categories as c", "c.id", "b.category_id")
    .select([
      "b.id",
      "b.provider_id",
      "b.weekdays",
      "b.start_minute",
      "b.end_minute",
      "b.first_date",
      "b.last_date",
      "b.total_cents",
      "b.currency",
      "b.payment_mode",
      "p.display_name as provider_name",
      "f.email as family_email",
      "f.locale as family_locale",
      "f.display_name as family_name",
      "f.deleted_at as family_deleted_at",
      "c.slug as category_slug",
    ])
    .where("b.id", "=", notice.bookingId)
    .executeTakeFirst();
  if (!booking) return 0;

  // A counter-offer is announced with the terms it proposes.
  let pattern = patternOf(booking);
  let totalCents = booking.total_cents;
  if (notice.action === "counterOffer") {
    const offer = await db
      .selectFrom("booking_counter_offers")
      .selectAll()
      .where("booking_id", "=", booking.id)
      .where("resolved_at", "is", null)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .executeTakeFirst();
    if (offer) {
      pattern = patternOf(offer);
      totalCents = priceCents(countSessions(pattern), sessionMinutes(pattern), offer.hourly_price_cents);
    }
  }

  const emails = bookingEmailsFor(notice.action, notice.actorRole);
  let sent = 0;
  for (const { to, key } of emails) {
    const recipients: Recipient[] =
      to === "provider"
        ? await providerRecipients(db, booking.provider_id)
        : booking.family_deleted_at
          ? []
          : [{ email: booking.family_email, locale: booking.family_locale, name: booking.family_name ?? booking.family_email }];
    for (const recipient of recipients) {
      const t = await getTranslator(recipient.locale, ["booking", "common"]);
      const familyName = booking.family_name ?? t("booking:emails.aFamily");
      const by =
        notice.actorRole === "family"
          ? familyName
          : notice.actorRole === "provider"
            ? booking.provider_name
            : t(`booking:emails.by.${notice.actorRole}`);
      const note = notice.note?.trim();
      await enqueueEmail(db, {
        to: recipient.email,
        locale: recipient.locale,
        template: { ns: "booking", key: `emails.${key}` },
        params: {
          name: recipient.name,
          providerName: booking.provider_name,
          familyName,
          by,
          category: t(`common:categories.${booking.category_slug}.name`, { defaultValue: booking.category_slug }),
          schedule: describeSchedule(t, pattern, recipient.locale),
          total: formatMoney(totalCents, booking.currency, recipient.locale),
          bookingId: booking.id,
          note: note ? t("booking:emails.noteLine", { note }) : "",
          nextStep: key === "accepted" ? t(`booking:emails.nextStep.${booking.payment_mode ?? "direct"}`) : "",
          refund:
            key === "cancelled" && notice.refundCents !== undefined && notice.refundCents > 0
              ? t("booking:emails.refundLine", { amount: formatMoney(notice.refundCents, booking.currency, recipient.locale) })
              : "",
        },
      });
      sent++;
    }
  }
  return sent;
}
