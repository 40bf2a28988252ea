import { describe, expect, it } from "vitest";
import type { BookingStatus } from "../../db/schema";
import { cancellationOutcome, type CancellationInput } from "../../app/domain/bookings/cancellation-policy";

// Mondays and Wednesdays 16:30–18:30 (Milan) in September 2025: 9 sessions of 2 h at €12/h = €216.
const booking = (status: BookingStatus = "confirmed"): CancellationInput["booking"] => ({
  status,
  weekdays: [1, 3],
  startMinute: 990,
  endMinute: 1110,
  firstDate: "2025-09-01",
  lastDate: "2025-09-30",
  hourlyPriceCents: 1200,
  totalCents: 21_600,
});
const at = (iso: string) => new Date(iso);
// The first session starts 2025-09-01 16:30 in Milan = 14:30 UTC; free until 2025-08-31 14:30 UTC.

describe("cancellation policy", () => {
  it("refunds everything to a family cancelling more than 24 hours before the first session", () => {
    const outcome = cancellationOutcome({ booking: booking(), paidCents: 21_600, cancelledBy: "family", now: at("2025-08-31T14:29:00Z") });
    expect(outcome).toMatchObject({ rule: "free_period", refundableCents: 21_600, owedCents: 0 });
    expect(outcome.freeUntil?.toISOString()).toBe("2025-08-31T14:30:00.000Z");
  });

  it("charges a late family the next session only, and refunds the rest", () => {
    const outcome = cancellationOutcome({ booking: booking(), paidCents: 21_600, cancelledBy: "family", now: at("2025-08-31T14:30:00Z") });
    expect(outcome).toMatchObject({ rule: "late", owedSessions: 1, owedCents: 2_400, refundableCents: 19_200 });
  });

  it("charges the sessions already begun plus the next one once the booking is under way", () => {
    // Wednesday 10 September, 17:00 in Milan: 1, 3, 8 and 10 September have begun; the next is the 15th.
    const outcome = cancellationOutcome({ booking: booking("in_progress"), paidCents: 21_600, cancelledBy: "family", now: at("2025-09-10T15:00:00Z") });
    expect(outcome).toMatchObject({ rule: "late", owedSessions: 5, owedCents: 12_000, refundableCents: 9_600 });
  });

  it("never charges more than the total, nor refunds more than was paid", () => {
    const last = cancellationOutcome({ booking: booking("in_progress"), paidCents: 21_600, cancelledBy: "family", now: at("2025-09-30T15:00:00Z") });
    expect(last).toMatchObject({ owedSessions: 9, owedCents: 21_600, refundableCents: 0 });
    const partlyRefunded = cancellationOutcome({ booking: booking(), paidCents: 1_000, cancelledBy: "family", now: at("2025-09-01T10:00:00Z") });
    expect(partlyRefunded.refundableCents).toBe(0);
  });

  it("refunds everything paid when the provider (or an operator) cancels, whenever it is", () => {
    for (const cancelledBy of ["provider", "operator"] as const) {
      const outcome = cancellationOutcome({ booking: booking("in_progress"), paidCents: 21_600, cancelledBy, now: at("2025-09-20T10:00:00Z") });
      expect(outcome).toMatchObject({ rule: "provider_cancels", refundableCents: 21_600, owedCents: 0 });
    }
  });

  it("lets a family withdraw a request nobody agreed to yet at no cost, even at the last minute", () => {
    for (const status of ["requested", "counter_offered"] as const) {
      const outcome = cancellationOutcome({ booking: booking(status), paidCents: 0, cancelledBy: "family", now: at("2025-09-01T14:00:00Z") });
      expect(outcome).toMatchObject({ rule: "not_agreed", refundableCents: 0, owedCents: 0 });
    }
  });

  it("tells a family paying directly what they owe, with nothing to refund", () => {
    const outcome = cancellationOutcome({ booking: booking(), paidCents: 0, cancelledBy: "family", now: at("2025-09-01T08:00:00Z") });
    expect(outcome).toMatchObject({ rule: "late", owedCents: 2_400, refundableCents: 0 });
  });
});
