import { describe, expect, it } from "vitest";
import { parseCounterOfferForm, parseRequestForm, type RequestRaw } from "../../app/domain/bookings/booking-schemas";
import { renderEmail } from "../../app/domain/accounts/email-render.server";
import { supportedLanguages } from "../../app/i18n/config";
import type { BookingEmailKey } from "../../app/domain/bookings/booking-notifications.server";

const NOW = new Date("2025-08-01T08:00:00Z");
const typed: RequestRaw = {
  category: "babysitter",
  kind: "recurring",
  date: "",
  weekdays: ["1", "2", "3", "4", "5"],
  firstDate: "2025-09-01",
  lastDate: "2026-06-30",
  startTime: "16:30",
  endTime: "18:30",
  quartiere: "2",
  address: "Via Solferino 12",
  careNotes: "Due bambini, 4 e 7 anni",
  phone: "+39 333 123 4567",
  message: "Buongiorno, cerchiamo aiuto dopo la scuola.",
};

describe("the request form", () => {
  it("turns 'Mon–Fri 16:30–18:30 from 1 September' into a weekly pattern", () => {
    const parsed = parseRequestForm(typed, NOW);
    expect(parsed).toEqual({
      data: {
        categorySlug: "babysitter",
        pattern: { weekdays: [1, 2, 3, 4, 5], startMinute: 990, endMinute: 1110, firstDate: "2025-09-01", lastDate: "2026-06-30" },
        quartiereId: 2,
        address: "Via Solferino 12",
        careNotes: "Due bambini, 4 e 7 anni",
        phone: "+39 333 123 4567",
        message: "Buongiorno, cerchiamo aiuto dopo la scuola.",
      },
    });
  });

  it("makes a one-off of a single day, with that day's weekday", () => {
    const parsed = parseRequestForm({ ...typed, kind: "one_off", date: "2025-09-03", weekdays: [] }, NOW);
    expect("data" in parsed && parsed.data.pattern).toEqual({ weekdays: [3], startMinute: 990, endMinute: 1110, firstDate: "2025-09-03", lastDate: "2025-09-03" });
  });

  it("reports every wrong field at once, each with a key of the booking namespace", () => {
    const parsed = parseRequestForm({ ...typed, weekdays: [], endTime: "16:00", address: "", phone: "abc", message: " ", category: "" }, NOW);
    expect(parsed).toEqual({
      errors: {
        weekdays: "errors.weekdaysRequired",
        category: "errors.categoryRequired",
        address: "errors.addressRequired",
        phone: "errors.phoneInvalid",
        message: "errors.messageRequired",
      },
    });
    const times = parseRequestForm({ ...typed, endTime: "16:00" }, NOW);
    expect(times).toEqual({ errors: { endTime: "errors.timeOrder" } });
  });

  it("puts a one-off's date problems on its one date field", () => {
    expect(parseRequestForm({ ...typed, kind: "one_off", date: "2025-07-01" }, NOW)).toEqual({ errors: { date: "errors.inThePast" } });
    expect(parseRequestForm({ ...typed, kind: "one_off", date: "" }, NOW)).toEqual({ errors: { date: "errors.dateRequired" } });
  });
});

describe("the counter-offer form", () => {
  it("needs a price in euros between 5 and 60", () => {
    const raw = { ...typed, price: "13,50", note: "Posso dalle 17" };
    expect(parseCounterOfferForm(raw, NOW)).toMatchObject({ data: { hourlyPriceCents: 1350, note: "Posso dalle 17" } });
    expect(parseCounterOfferForm({ ...raw, price: "tre" }, NOW)).toEqual({ errors: { price: "errors.priceInvalid" } });
    expect(parseCounterOfferForm({ ...raw, price: "200" }, NOW)).toEqual({ errors: { price: "errors.priceRange" } });
  });
});

describe("booking e-mails", () => {
  const keys: BookingEmailKey[] = [
    "requested",
    "accepted",
    "declined",
    "counterOffered",
    "offerAccepted",
    "offerDeclined",
    "confirmedDirect",
    "confirmedPaid",
    "started",
    "completed",
    "reviewed",
    "cancelled",
    "noShow",
    "expired",
  ];
  const params = {
    name: "Anna",
    providerName: "Maria",
    familyName: "Famiglia Bianchi",
    by: "Maria",
    category: "Babysitter",
    schedule: "ogni settimana",
    total: "€ 216",
    bookingId: "0b9c1d1e-0000-4000-8000-000000000001",
    note: "",
    nextStep: "",
    refund: "",
  };

  it.each(supportedLanguages)("renders every booking e-mail in %s, with a link to the booking or to search", async (locale) => {
    for (const key of keys) {
      const email = await renderEmail({ to: "anna@example.org", locale, template: { ns: "booking", key: `emails.${key}` }, params }, { siteUrl: "http://vicinato.test" });
      expect(email.subject.length, `${locale} ${key}`).toBeGreaterThan(3);
      expect(`${email.subject}\n${email.text}`, `${locale} ${key}`).not.toContain("{{");
      expect(email.text, `${locale} ${key}`).toMatch(/http:\/\/vicinato\.test\/(bookings\/0b9c1d1e|search)/);
    }
  });
});
