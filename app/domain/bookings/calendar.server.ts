import type { TFunction } from "i18next";
import type { Kysely } from "kysely";
import type { BookingStatus, Database } from "../../../db/schema";
import type { CurrentUser } from "../accounts/current-user";
import type { BookingParty } from "./booking-access.server";
import { contactVisible, slotHoldingStatuses } from "./booking-status-machine";
import { describeSchedule } from "./describe-schedule";
import { buildCalendar, type CalendarEvent } from "./ics";
import { bookingsOf } from "./my-bookings.server";
import { addDays, romeInstant, romeLocal, sessionsBetween } from "./schedule";

/**
 * A person's calendar: the sessions of the bookings that hold time (accepted, confirmed, under
 * way), on both sides, as a list by day for the page and as an iCalendar file to import.
 */

export const CALENDAR_WEEKS = 8;

export interface CalendarSession {
  bookingId: string;
  date: string;
  startMinute: number;
  endMinute: number;
  party: BookingParty;
  status: BookingStatus;
  categorySlug: string;
  otherName: string | null;
  quartiereName: string | null;
}

export interface CalendarDay {
  date: string;
  sessions: CalendarSession[];
}

/** Sessions not yet over from now to the end of the window, grouped by day, in time order. */
export async function upcomingSessions(
  db: Kysely<Database>,
  user: CurrentUser,
  options: { now?: Date; weeks?: number } = {},
): Promise<{ from: string; to: string; days: CalendarDay[] }> {
  const now = options.now ?? new Date();
  const local = romeLocal(now);
  const from = local.date;
  const to = addDays(from, (options.weeks ?? CALENDAR_WEEKS) * 7 - 1);
  const bookings = await bookingsOf(db, user, { statuses: slotHoldingStatuses, lastDateFrom: from, now });
  const sessions: CalendarSession[] = [];
  for (const b of bookings) {
    for (const s of sessionsBetween(b.pattern, from, to)) {
      if (romeInstant(s.date, s.endMinute).getTime() <= now.getTime()) continue;
      sessions.push({
        bookingId: b.id,
        date: s.date,
        startMinute: s.startMinute,
        endMinute: s.endMinute,
        party: b.party,
        status: b.status,
        categorySlug: b.categorySlug,
        otherName: b.otherName,
        quartiereName: b.quartiereName,
      });
    }
  }
  sessions.sort((a, b) => a.date.localeCompare(b.date) || a.startMinute - b.startMinute || a.bookingId.localeCompare(b.bookingId));
  const days: CalendarDay[] = [];
  for (const s of sessions) {
    const day = days.at(-1);
    if (day && day.date === s.date) day.sessions.push(s);
    else days.push({ date: s.date, sessions: [s] });
  }
  return { from, to, days };
}

/**
 * The same bookings as an .ics file: one event per booking with its weekly rule, every booking
 * still running (not only the next weeks), texts in the person's language. The place is the
 * exact address once the booking is confirmed, the quartiere before.
 */
export async function calendarFile(
  db: Kysely<Database>,
  user: CurrentUser,
  options: { t: TFunction; locale: string; siteUrl: string; now?: Date },
): Promise<string> {
  const now = options.now ?? new Date();
  const { t, locale } = options;
  const bookings = await bookingsOf(db, user, { statuses: slotHoldingStatuses, lastDateFrom: romeLocal(now).date, now });
  const ids = bookings.map((b) => b.id);
  const extra = new Map<string, { address: string; sequence: number; updatedAt: Date }>();
  if (ids.length > 0) {
    const rows = await db
      .selectFrom("bookings as b")
      .select((eb) => [
        "b.id",
        "b.address",
        "b.updated_at",
        eb.selectFrom("booking_transitions as t").select((e) => e.fn.countAll<string>().as("n")).whereRef("t.booking_id", "=", "b.id").as("transitions"),
      ])
      .where("b.id", "in", ids)
      .execute();
    for (const r of rows) extra.set(r.id, { address: r.address, sequence: Math.max(0, Number(r.transitions ?? 1) - 1), updatedAt: r.updated_at });
  }
  const events: CalendarEvent[] = bookings.map((b) => {
    const more = extra.get(b.id)!;
    const category = t(`common:categories.${b.categorySlug}.name`, { defaultValue: b.categorySlug });
    const other = b.otherName ?? t("booking:aFamily");
    const place = contactVisible(b.status) ? more.address : b.quartiereName;
    return {
      uid: `booking-${b.id}@vicinato`,
      pattern: b.pattern,
      summary: t(b.party === "family" ? "booking:ics.summaryFamily" : "booking:ics.summaryProvider", { category, name: other }),
      description: [
        describeSchedule(t, b.pattern, locale),
        t(`booking:status.${b.status}`),
        `${options.siteUrl.replace(/\/+$/, "")}/bookings/${b.id}`,
      ].join("\n"),
      location: place ?? undefined,
      url: `${options.siteUrl.replace(/\/+$/, "")}/bookings/${b.id}`,
      status: b.status === "accepted" ? "TENTATIVE" : "CONFIRMED",
      lastModified: more.updatedAt,
      sequence: more.sequence,
    };
  });
  return buildCalendar(events, { name: t("booking:ics.calendarName"), now });
}
