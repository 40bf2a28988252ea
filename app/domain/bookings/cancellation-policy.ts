import type { BookingStatus } from "../../../db/schema";
import { firstSession, nextSessions, priceCents, romeInstant, sessionMinutes, sessionsStartedBefore, type WeeklyPattern } from "./schedule";

/**
 * The standard cancellation policy ('standard' in bookings.cancellation_policy), as one pure
 * function so the page can show its outcome before anyone confirms, and the cancellation applies
 * exactly what was shown:
 *
 *   - the provider (or an operator) cancels: the family gets back everything it paid;
 *   - the family withdraws a request nobody has agreed to yet (requested, counter-offered): free;
 *   - the family cancels until 24 hours before the first session: free, everything back;
 *   - later: the family pays for the sessions already begun and for the next session only;
 *     the rest of what it paid comes back.
 *
 * Amounts are integer cents; what is owed is priced like the booking (sessions × minutes × hourly
 * price, rounded once) and never more than the booking's total.
 */
export const FREE_CANCELLATION_HOURS = 24;

export type CancellingParty = "family" | "provider" | "operator";

export type CancellationRule = "provider_cancels" | "not_agreed" | "free_period" | "late";

export interface CancellationInput {
  booking: WeeklyPattern & { status: BookingStatus; hourlyPriceCents: number; totalCents: number };
  /** Money the family has paid online for this booking and not had back yet. */
  paidCents: number;
  cancelledBy: CancellingParty;
  now: Date;
}

export interface CancellationOutcome {
  rule: CancellationRule;
  /** What goes back to the family (never more than it paid). */
  refundableCents: number;
  /** What the family owes the provider under the policy (paid or, when paying directly, to pay). */
  owedCents: number;
  /** Sessions counted in owedCents. */
  owedSessions: number;
  /** Until when a cancellation by the family is free (null: no session left to count from). */
  freeUntil: Date | null;
}

export function cancellationOutcome(input: CancellationInput): CancellationOutcome {
  const { booking, cancelledBy, now } = input;
  const paid = Math.max(0, Math.floor(input.paidCents));
  const first = firstSession(booking);
  const freeUntil = first ? new Date(romeInstant(first.date, first.startMinute).getTime() - FREE_CANCELLATION_HOURS * 3_600_000) : null;
  const free = (rule: CancellationRule): CancellationOutcome => ({ rule, refundableCents: paid, owedCents: 0, owedSessions: 0, freeUntil });

  if (cancelledBy !== "family") return free("provider_cancels");
  if (booking.status === "requested" || booking.status === "counter_offered") return free("not_agreed");
  if (!freeUntil || now.getTime() < freeUntil.getTime()) return free("free_period");

  const begun = sessionsStartedBefore(booking, now);
  const upcoming = nextSessions(booking, now, 2).filter((s) => romeInstant(s.date, s.startMinute).getTime() > now.getTime());
  const owedSessions = begun + (upcoming.length > 0 ? 1 : 0);
  const owedCents = Math.min(booking.totalCents, priceCents(owedSessions, sessionMinutes(booking), booking.hourlyPriceCents));
  return { rule: "late", refundableCents: Math.max(0, paid - owedCents), owedCents, owedSessions, freeUntil };
}
