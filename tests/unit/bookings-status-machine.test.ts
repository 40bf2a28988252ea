import { describe, expect, it } from "vitest";
import { bookingStatuses } from "../../db/schema";
import {
  allowedBookingActions,
  bookingActions,
  contactVisible,
  nextBookingStatus,
  slotHoldingStatuses,
} from "../../app/domain/bookings/booking-status-machine";
import { bookingEmailsFor } from "../../app/domain/bookings/booking-notifications.server";

describe("booking state machine", () => {
  it("gives each party only its own moves", () => {
    expect(allowedBookingActions("requested", "provider").sort()).toEqual(["accept", "cancel", "counterOffer", "decline"]);
    expect(allowedBookingActions("requested", "family")).toEqual(["cancel"]);
    expect(allowedBookingActions("counter_offered", "family").sort()).toEqual(["acceptOffer", "cancel", "declineOffer"]);
    expect(allowedBookingActions("accepted", "family").sort()).toEqual(["cancel", "confirm"]);
    expect(allowedBookingActions("accepted", "provider")).toEqual(["cancel"]);
    expect(allowedBookingActions("confirmed", "provider").sort()).toEqual(["cancel", "complete", "reportNoShow", "start"]);
    expect(allowedBookingActions("completed", "family")).toEqual(["review"]);
    expect(allowedBookingActions("expired", "family")).toEqual([]);
  });

  it("lets only the system expire, and nobody leave a closed booking", () => {
    for (const status of bookingStatuses) {
      expect(nextBookingStatus(status, "expire", "family")).toBeNull();
      expect(nextBookingStatus(status, "expire", "provider")).toBeNull();
    }
    for (const closed of ["declined", "cancelled", "expired", "no_show", "reviewed"] as const) {
      for (const action of bookingActions) {
        for (const by of ["family", "provider", "operator", "system"] as const) expect(nextBookingStatus(closed, action, by)).toBeNull();
      }
    }
  });

  it("holds the provider's time from acceptance to the end, and shows contacts only once confirmed", () => {
    expect([...slotHoldingStatuses]).toEqual(["accepted", "confirmed", "in_progress"]);
    expect(contactVisible("accepted")).toBe(false);
    expect(contactVisible("requested")).toBe(false);
    expect(contactVisible("confirmed")).toBe(true);
  });

  it("e-mails the other party of every transition (both, when the system or an operator acts)", () => {
    expect(bookingEmailsFor("request", "family")).toEqual([{ to: "provider", key: "requested" }]);
    expect(bookingEmailsFor("counterOffer", "provider")).toEqual([{ to: "family", key: "counterOffered" }]);
    expect(bookingEmailsFor("confirm", "family")).toEqual([{ to: "provider", key: "confirmedDirect" }]);
    expect(bookingEmailsFor("confirm", "system")).toEqual([{ to: "provider", key: "confirmedPaid" }]);
    expect(bookingEmailsFor("cancel", "family")).toEqual([{ to: "provider", key: "cancelled" }]);
    expect(bookingEmailsFor("cancel", "provider")).toEqual([{ to: "family", key: "cancelled" }]);
    expect(bookingEmailsFor("cancel", "operator").map((e) => e.to)).toEqual(["family", "provider"]);
    expect(bookingEmailsFor("expire", "system").map((e) => e.to)).toEqual(["family", "provider"]);
  });
});
