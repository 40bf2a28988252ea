import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { categorySlugs } from "../../db/seed/catalogue";
import { emailJobPayloadSchema } from "../../app/domain/accounts/email-queue.server";
import {
  acceptSchema,
  cancelSchema,
  counterOfferInputFromForm,
  declineSchema,
  fieldErrorsOf as bookingFieldErrorsOf,
  MESSAGE_MAX,
  NOTES_MAX,
  optionalReasonSchema,
  parseCounterOfferForm,
  parseRequestForm,
  requestInputFromForm,
  type BookingFieldErrors,
} from "../../app/domain/bookings/booking-schemas";
import { isIsoDate } from "../../app/domain/bookings/schedule";
import type { WeeklyPattern } from "../../app/domain/bookings/schedule";
import { mapMeasures, MAX_PERIOD_DAYS, parseDashboardQuery } from "../../app/domain/impact/dashboard-query";
import {
  networkOrganisationKinds,
  organisationValuesFromForm,
  parseDirectoryQuery,
  parseOrganisationForm,
  parseReferralForm,
} from "../../app/domain/impact/network/network-schemas";
import { MAX_MESSAGE_LENGTH, MAX_REPORT_REASON_LENGTH, parseMessageForm, parseReportForm } from "../../app/domain/messaging/message-forms";
import { refundJobPayloadSchema } from "../../app/domain/payments/refund-queue.server";
import { MAX_VOUCHER_EUROS, parseGrantVoucherForm } from "../../app/domain/payments/voucher-forms";
import { MAX_PRICE_CENTS, MIN_PRICE_CENTS, milanBounds } from "../../app/domain/providers/onboarding-schemas";
import { MAX_HIDE_REASON_LENGTH, MAX_REPLY_LENGTH, MAX_REVIEW_LENGTH, parseHideForm, parseReplyForm, parseReviewForm, reviewInputFromForm } from "../../app/domain/reviews/review-forms";
import {
  createCondominiumSchema,
  formValues as condominiumFormValues,
  intentSchema as condominiumIntentSchema,
  joinCondominiumSchema,
  NOTICE_MAX,
  noticeSchema,
  parseForm as parseCondominiumForm,
  postIdSchema,
  consentSchema,
  userIdSchema,
} from "../../app/domain/sharing/condominiums/schemas";
import { OFFER_MAX_CENTS, OFFER_MESSAGE_MAX, OFFER_MIN_CENTS, offerFormSchema } from "../../app/domain/sharing/group-offers.server";
import {
  BUDGET_MAX_CENTS,
  CHILD_AGE_MAX,
  CONTACT_NOTE_MAX,
  DETAILS_MAX,
  MIN_WINDOW_MINUTES,
  needRawFromForm,
  needSchema,
  ON_BEHALF_MAX,
  onBehalfNeedSchema,
  parseNeedForm,
  PERSONS_MAX,
  WALK_OPTIONS,
} from "../../app/domain/sharing/need-schemas";
import {
  EVENT_CAPACITY_MAX,
  EVENT_DESCRIPTION_MAX,
  EVENT_TITLE_MAX,
  eventValuesFromForm,
  HUB_ADDRESS_MAX,
  HUB_NAME_MAX,
  hoursFieldName,
  hoursValuesFromForm,
  hubDetailsValuesFromForm,
  MILAN_BOUNDS,
  parseEventForm,
  parseHubDetails,
  parseHubFilters,
  parseOpeningHoursForm,
  parseSignupForm,
} from "../../app/domain/territory/hubs/hub-schemas";
import { MAX_WINDOWS_PER_DAY, openingHoursSchema, type OpeningWindow } from "../../app/domain/territory/hubs/opening-hours";
import { flatten } from "../support/flatten-locale";
import { formEntries, hasLoneSurrogate, hostileString, hostileValue, rawWith, safe, toFormData } from "../support/hostile-arbitraries";

/**
 * Issue 7, the forms written after tests/unit/schemas-hostile-input.test.ts: bookings, messages,
 * reviews, vouchers, condominiums, needs, group offers, hubs, the impact dashboard and the
 * third-sector network. For every schema or parse function, random and hostile input
 * (tests/support/hostile-arbitraries.ts) must never make it throw; every error is a key of the
 * form's namespace in the Italian locale; and what is accepted respects the form's limits and
 * can be stored exactly as typed (no NUL or other control characters, no lone surrogates).
 */

const RUNS = { numRuns: 200 };
const NOW = new Date("2025-06-02T08:00:00Z"); // a Monday morning in Milan
const TODAY = "2025-06-02";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const aUuid = "3f0c1a52-8d0e-4a8b-9d51-1f2a3b4c5d6e";

/** One line of text as PostgreSQL stores it unchanged. */
const storableLine = (s: string) => !/[\u0000-\u001f\u007f]/.test(s) && !hasLoneSurrogate(s);
/** Multi-line text: line breaks and tabs allowed, other control characters not. */
const storableText = (s: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s) && !hasLoneSurrogate(s);

const expectKeysOf = (ns: string) => {
  const keys = flatten("it", ns);
  return (errors: Partial<Record<string, string>> | null | undefined) => {
    for (const [field, key] of Object.entries(errors ?? {})) {
      expect(typeof key, `${field}: a message key`).toBe("string");
      expect(keys.has(key!), `it/${ns}.json has ${JSON.stringify(key)} (field ${field})`).toBe(true);
    }
  };
};

const intIn = (v: number, min: number, max: number, what: string) => {
  expect(Number.isSafeInteger(v), `${what}: ${v} is an integer`).toBe(true);
  expect(v >= min && v <= max, `${what}: ${v} in ${min}…${max}`).toBe(true);
};

/**
 * Lengths: zod and PostgreSQL count characters (code points), some hand-written checks UTF-16
 * units (an emoji is two); either way at least `min` UTF-16 units and at most `max` characters.
 */
const textIn = (value: string, min: number, max: number, what: string, options: { multiline?: boolean } = {}) => {
  const length = [...value].length;
  expect(value.length >= min && length <= max, `${what}: length ${length} (${value.length} UTF-16 units) in ${min}…${max}`).toBe(true);
  expect(value, `${what} is trimmed`).toBe(value.trim());
  expect((options.multiline ? storableText : storableLine)(value), `${what} can be stored as typed: ${JSON.stringify(value.slice(0, 40))}`).toBe(true);
};

/** Edge cases of a field, after the good value the form would send. */
const good = (value: string, ...others: readonly string[][]): string[] => [value, ...others.flat()];

const dateish = ["", "2025-06-02", "2025-06-03", "2025-06-09", "2025-12-31", "2026-06-01", "2026-06-03", "2024-01-01", "2025-02-30", "0000-01-01", "9999-12-31", "+02025-06-03", "2025-6-3"];
const timeish = ["", "09:00", "09:30", "10:00", "12:30", "18:00", "24:00", "23:59", "9:00", "09:15", "25:00", "00:00"];
const numberish = ["", "0", "1", "2", "5", "12", "88", "999", "1000", "-1", "-0", "1.5", "1e3", "1e308", "NaN", "Infinity", "９", "2147483648", "9007199254740993"];

// ─── Bookings ───────────────────────────────────────────────────────────────────────────────

describe("booking forms (booking-schemas.ts)", () => {
  const expectKeys = expectKeysOf("booking");
  const scheduleFields = {
    kind: ["one_off", "recurring", "constructor"],
    date: good("2025-06-03", dateish),
    weekdays: ["1", "2", "7", "0", "8", "1.0", " 3", "__proto__"],
    firstDate: good("2025-06-03", dateish),
    lastDate: good("2025-06-30", dateish),
    startTime: good("09:00", timeish),
    endTime: good("12:00", timeish),
  };
  const expectPattern = (p: WeeklyPattern) => {
    expect(p.weekdays.length).toBeGreaterThan(0);
    for (const d of p.weekdays) intIn(d, 1, 7, "weekday");
    expect(p.weekdays).toEqual([...new Set(p.weekdays)].sort((a, b) => a - b));
    intIn(p.startMinute, 0, 1410, "startMinute");
    intIn(p.endMinute, 30, 1440, "endMinute");
    expect(p.startMinute % 30 === 0 && p.endMinute % 30 === 0).toBe(true);
    expect(p.endMinute - p.startMinute).toBeGreaterThanOrEqual(30);
    expect(isIsoDate(p.firstDate) && isIsoDate(p.lastDate), `${p.firstDate}…${p.lastDate} are real days`).toBe(true);
    expect(p.firstDate <= p.lastDate).toBe(true);
    expect(p.firstDate >= TODAY).toBe(true);
  };

  it("the request form: never throws; keys exist; an accepted request is bounded, trimmed and storable", () => {
    const fields = {
      ...scheduleFields,
      category: ["babysitter", "tutoring", "a-b", "x".repeat(41), "Babysitter"],
      quartiere: good("1", numberish),
      address: ["Via Dante 1, Milano", "Via\u0000Dante 1", "  Via Dante 1  "],
      careNotes: ["", "Allergia alle arachidi.\r\nNiente dolci.", "x".repeat(NOTES_MAX + 1)],
      phone: ["", "+39 333 123 4567", "02/1234567", "333", "+39 333 123 4567 ext 1"],
      message: ["Buongiorno, avrei bisogno…", "\r\n", "x".repeat(MESSAGE_MAX + 1)],
    };
    fc.assert(
      fc.property(formEntries(fields, { maxLength: 20 }), (entries) => {
        const raw = safe(() => requestInputFromForm(toFormData(entries)));
        const result = safe(() => parseRequestForm(raw, NOW));
        if ("errors" in result) return expectKeys(result.errors);
        const d = result.data;
        expect(d.categorySlug).toMatch(/^[a-z0-9-]{1,40}$/);
        intIn(d.quartiereId, 1, 999, "quartiere");
        textIn(d.address, 5, 200, "address");
        textIn(d.careNotes, 0, NOTES_MAX, "careNotes", { multiline: true });
        textIn(d.message, 1, MESSAGE_MAX, "message", { multiline: true });
        if (d.phone !== null) expect(d.phone).toMatch(/^\+?[0-9][0-9 ()./-]{4,22}[0-9]$/);
        expectPattern(d.pattern);
      }),
      RUNS,
    );
  });

  it("the counter-offer form: never throws; keys exist; the price is integer cents within the limits", () => {
    const fields = { ...scheduleFields, price: ["12", "12,5", "12,50", "€ 12,50", "4,99", "60", "60,01", "９９", "1e3", "-0", "9999"], note: ["", "Va bene il martedì.", "x".repeat(501)] };
    fc.assert(
      fc.property(formEntries(fields, { maxLength: 16 }), (entries) => {
        const raw = safe(() => counterOfferInputFromForm(toFormData(entries)));
        const result = safe(() => parseCounterOfferForm(raw, NOW));
        if ("errors" in result) return expectKeys(result.errors);
        intIn(result.data.hourlyPriceCents, MIN_PRICE_CENTS, MAX_PRICE_CENTS, "hourly price");
        textIn(result.data.note, 0, 500, "note", { multiline: true });
        expectPattern(result.data.pattern);
      }),
      RUNS,
    );
  });

  const small: Record<string, z.ZodType> = { acceptSchema, declineSchema, optionalReasonSchema, cancelSchema };
  it.each(Object.entries(small))("%s never throws on any raw value; keys exist; accepted values are bounded", (_name, schema) => {
    const value = fc.oneof(hostileValue, fc.constantFrom("online", "direct", "0", "1500", "-1", "1e308", "9007199254740993", "Non posso più."));
    fc.assert(
      fc.property(rawWith(["paymentMode", "reason", "expectedRefundCents"], value), (raw) => {
        const result = safe(() => schema.safeParse(raw));
        if (!result.success) {
          const errors: BookingFieldErrors = bookingFieldErrorsOf(result.error);
          return expectKeys(errors);
        }
        const data = result.data as { paymentMode?: string; reason?: string; expectedRefundCents?: number };
        if (data.paymentMode !== undefined) expect(["online", "direct"]).toContain(data.paymentMode);
        if (data.reason !== undefined) textIn(data.reason, 0, 500, "reason", { multiline: true });
        if (data.expectedRefundCents !== undefined) intIn(data.expectedRefundCents, 0, Number.MAX_SAFE_INTEGER, "expected refund");
      }),
      RUNS,
    );
  });
});

// ─── Messages and reviews ───────────────────────────────────────────────────────────────────

describe("message and report forms (message-forms.ts)", () => {
  const expectKeys = expectKeysOf("message");
  it("never throw on any raw value; keys exist; accepted text is trimmed, bounded and storable", () => {
    fc.assert(
      fc.property(hostileValue, (body) => {
        const message = safe(() => parseMessageForm({ body }));
        if (!message.ok) expectKeys(message.errors);
        else {
          textIn(message.data.body, 1, MAX_MESSAGE_LENGTH, "message", { multiline: true });
          expect(message.data.body).toBe((body as string).replace(/\r\n?/g, "\n").trim());
        }
        const report = safe(() => parseReportForm({ reason: body }));
        if (!report.ok) expectKeys(report.errors);
        else textIn(report.data.reason, 1, MAX_REPORT_REASON_LENGTH, "reason", { multiline: true });
      }),
      RUNS,
    );
  });
});

describe("review forms (review-forms.ts)", () => {
  const expectKeys = expectKeysOf("review");
  it("the review form: never throws; keys exist; ratings are integers 1–5 and the text is bounded", () => {
    const rating = ["1", "2", "3", "4", "5", "0", "6", "4.5", " 5", "５"];
    const fields = { reliability: rating, care: rating, communication: rating, body: ["", "Puntuale e gentile.", "x".repeat(MAX_REVIEW_LENGTH + 1)] };
    fc.assert(
      fc.property(fc.oneof(formEntries(fields).map((e) => reviewInputFromForm(toFormData(e)) as unknown as Record<string, unknown>), rawWith(Object.keys(fields))), (raw) => {
        const result = safe(() => parseReviewForm(raw));
        if (!result.ok) return expectKeys(result.errors);
        for (const aspect of ["reliability", "care", "communication"] as const) intIn(result.data[aspect], 1, 5, aspect);
        textIn(result.data.body, 0, MAX_REVIEW_LENGTH, "review", { multiline: true });
      }),
      RUNS,
    );
  });

  it("the reply and hide forms: never throw on any raw value; keys exist; text is bounded", () => {
    fc.assert(
      fc.property(hostileValue, (text) => {
        const reply = safe(() => parseReplyForm({ body: text }));
        if (!reply.ok) expectKeys(reply.errors);
        else textIn(reply.data.body, 1, MAX_REPLY_LENGTH, "reply", { multiline: true });
        const hide = safe(() => parseHideForm({ reason: text }));
        if (!hide.ok) expectKeys(hide.errors);
        else textIn(hide.data.reason, 1, MAX_HIDE_REASON_LENGTH, "hide reason", { multiline: true });
      }),
      RUNS,
    );
  });
});

// ─── Vouchers ───────────────────────────────────────────────────────────────────────────────

describe("the operator's voucher form (voucher-forms.ts)", () => {
  const expectKeys = expectKeysOf("payment");
  it("never throws; keys exist; an accepted grant is integer cents in range, a real future date and storable text", () => {
    const fields = {
      familyEmail: ["famiglia@example.org", "FAMIGLIA@example.org ", "a@b", `${"a".repeat(250)}@example.org`],
      programme: ["Buono doposcuola 2025", "ab", "Buono\u0000", "x".repeat(121)],
      budget: ["50", "250,50", "1.250,00", "0,99", "20000", "20000,01", "999999", "1e3", "-5", "１００"],
      categoryIds: ["1", "2", "12", "0", "-1", "1.5", "2147483648", "9007199254740991", "1e308"],
      expiresOn: good("2026-01-01", dateish),
      quartiereId: good("1", numberish),
    };
    fc.assert(
      fc.property(formEntries(fields, { maxLength: 16 }), (entries) => {
        const result = safe(() => parseGrantVoucherForm(toFormData(entries), TODAY));
        if (result.errors) return expectKeys(result.errors);
        const d = result.data;
        expect(d.familyEmail.length).toBeLessThanOrEqual(254);
        expect(d.familyEmail).toMatch(/^[^\s@]+@[^\s@]+\.[^\s@]+$/);
        textIn(d.programme, 3, 120, "programme");
        intIn(d.budget, 100, MAX_VOUCHER_EUROS * 100, "budget");
        expect(d.categoryIds.length).toBeLessThanOrEqual(20);
        for (const id of d.categoryIds) intIn(id, 1, 2_147_483_647, "category id (an integer column)");
        expect(isIsoDate(d.expiresOn) && d.expiresOn >= TODAY, `${d.expiresOn} is a real day, not past`).toBe(true);
        intIn(d.quartiereId, 1, 999, "quartiere");
      }),
      RUNS,
    );
  });
});

// ─── Condominiums ───────────────────────────────────────────────────────────────────────────

describe("condominium forms (condominiums/schemas.ts)", () => {
  const expectKeys = expectKeysOf("condominium");
  const fields = {
    name: ["Condominio Aurora", "A", "Via\u0000"],
    address: ["Via Dante 3, Milano", "Vi"],
    quartiereId: good("1", numberish),
    units: good("12", numberish),
    unitLabel: ["", "Scala B, int. 4", "x".repeat(41)],
    lat: ["", "45.46", "45.3", "NaN", "Infinity", "1e308", "-0"],
    lng: ["", "9.19", "9.5", "-0"],
    code: ["ABCD-EFGH", "abcd efgh", "ABCDEFGHJ", "0O1IL", "ＡＢＣＤＥＦＧＨ"],
    body: ["Riunione giovedì alle 21.", "x".repeat(NOTICE_MAX + 1)],
    intent: ["consent", "post", "hide-post", "remove-member", "leave", "regenerate-code", "delete"],
    postId: ["1", "0", "999999999999999999", "9999999999999999999", "-1"],
    userId: [aUuid, aUuid.toUpperCase(), "not-a-uuid"],
    sharesNeeds: ["yes", "on", "no"],
  };
  const raw = fc.oneof(formEntries(fields, { maxLength: 20 }).map((e) => condominiumFormValues(toFormData(e)) as Record<string, unknown>), rawWith(Object.keys(fields)));

  it("creating: never throws; keys exist; an accepted condominium is bounded, storable and in Milan", () => {
    fc.assert(
      fc.property(raw, (values) => {
        const result = safe(() => parseCondominiumForm(createCondominiumSchema, values));
        if (!result.success) return expectKeys(result.errors);
        const d = result.data;
        textIn(d.name, 2, 120, "name");
        textIn(d.address, 3, 200, "address");
        intIn(d.quartiereId, 1, 999, "quartiere");
        intIn(d.units, 2, 2000, "units");
        if (d.unitLabel !== null) textIn(d.unitLabel, 1, 40, "unit label");
        if (d.location) {
          expect(d.location.lat >= milanBounds.minLat && d.location.lat <= milanBounds.maxLat).toBe(true);
          expect(d.location.lng >= milanBounds.minLng && d.location.lng <= milanBounds.maxLng).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("joining, notices, ids and intents: never throw; keys exist; accepted values are canonical", () => {
    fc.assert(
      fc.property(raw, (values) => {
        const join = safe(() => parseCondominiumForm(joinCondominiumSchema, values));
        if (!join.success) expectKeys(join.errors);
        else {
          expect(join.data.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
          if (join.data.unitLabel !== null) textIn(join.data.unitLabel, 1, 40, "unit label");
        }
        const notice = safe(() => parseCondominiumForm(noticeSchema, values));
        if (!notice.success) expectKeys(notice.errors);
        else textIn(notice.data.body, 1, NOTICE_MAX, "notice", { multiline: true });
        const post = safe(() => parseCondominiumForm(postIdSchema, values));
        if (!post.success) expectKeys(post.errors);
        else expect(BigInt(post.data.postId) <= 9_223_372_036_854_775_807n).toBe(true);
        const member = safe(() => parseCondominiumForm(userIdSchema, values));
        if (!member.success) expectKeys(member.errors);
        else expect(member.data.userId).toMatch(uuidPattern);
        const intent = safe(() => parseCondominiumForm(condominiumIntentSchema, values));
        if (!intent.success) expectKeys(intent.errors);
        expect(typeof safe(() => consentSchema.parse(values)).sharesNeeds).toBe("boolean");
      }),
      RUNS,
    );
  });
});

// ─── Needs and group offers ─────────────────────────────────────────────────────────────────

describe("need forms (need-schemas.ts)", () => {
  const expectKeys = expectKeysOf("sharing");
  const row = (i: number, day: string) => ({
    [`w${i}_days`]: [day, "1", "2", "7", "0", "8", "1.5", ""],
    [`w${i}_from`]: good("16:00", timeish),
    [`w${i}_to`]: good("19:00", timeish),
  });
  const fields = {
    category: [...categorySlugs, "constructor", ""],
    ...row(0, "1"),
    ...row(1, "3"),
    ...row(6, "5"),
    address: ["Via Dante 1, Milano", "Vi"],
    quartiereId: good("1", numberish),
    lat: ["", "45.46", "45.3", "NaN", "Infinity"],
    lng: ["", "9.19", "9.5"],
    condominiumId: ["", aUuid, aUuid.toUpperCase(), "x"],
    details: ["", "Due bambini, 6 e 9 anni.\r\nPreferiamo il pomeriggio."],
    childrenAges: ["", "6, 9", "6 9 17", "18", "-1", "1.5", "1 2 3 4 5 6 7 8 9 10 11 12 13"],
    persons: ["2", "", "1", "2", "12", "13", "0", "1e1"],
    budget: ["", "12", "12,50", "€ 12.5", "-5", "200", "200,01", "99999", "1e3"],
    openToSharing: ["yes", "no", ""],
    maxWalk: ["", "300", "500", "800", "1200", "1000"],
    onBehalfOf: ["Maria Rossi", "M", "Maria\u0000"],
    contactNote: ["", "Allo sportello il martedì", "x".repeat(CONTACT_NOTE_MAX + 1)],
  };

  it("a family's and an operator's need: never throw; keys exist; accepted needs are bounded and storable", () => {
    fc.assert(
      fc.property(formEntries(fields, { maxLength: 30 }), (entries) => {
        const raw = safe(() => needRawFromForm(toFormData(entries)));
        for (const schema of [needSchema, onBehalfNeedSchema] as const) {
          const result = safe(() => parseNeedForm(schema, raw));
          if (!result.ok) {
            expectKeys(result.errors);
            continue;
          }
          const d = result.data as z.output<typeof onBehalfNeedSchema>;
          expect(categorySlugs as readonly string[]).toContain(d.category);
          expect(d.windows.length).toBeGreaterThan(0);
          for (const w of d.windows) {
            intIn(w.weekday, 1, 7, "weekday");
            intIn(w.startMinute, 0, 1440, "start");
            intIn(w.endMinute, 0, 1440, "end");
            expect(w.endMinute - w.startMinute).toBeGreaterThanOrEqual(MIN_WINDOW_MINUTES);
          }
          textIn(d.address, 3, 200, "address");
          intIn(d.quartiereId, 1, 999, "quartiere");
          if (d.location) {
            expect(d.location.lat >= milanBounds.minLat - 0.001 && d.location.lat <= milanBounds.maxLat + 0.001).toBe(true);
            expect(d.location.lng >= milanBounds.minLng - 0.001 && d.location.lng <= milanBounds.maxLng + 0.001).toBe(true);
          }
          if (d.condominiumId !== null) expect(d.condominiumId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
          textIn(d.details, 0, DETAILS_MAX, "details", { multiline: true });
          intIn(d.persons, 1, PERSONS_MAX, "persons");
          expect(d.childrenAges.length).toBeLessThanOrEqual(d.persons);
          for (const age of d.childrenAges) intIn(age, 0, CHILD_AGE_MAX, "age");
          if (d.budget !== null) intIn(d.budget, 0, BUDGET_MAX_CENTS, "budget");
          expect(typeof d.openToSharing).toBe("boolean");
          expect(WALK_OPTIONS as readonly number[]).toContain(d.maxWalk);
          if (schema === onBehalfNeedSchema) {
            textIn(d.onBehalfOf, 2, ON_BEHALF_MAX, "on behalf of");
            textIn(d.contactNote, 0, CONTACT_NOTE_MAX, "contact note");
          }
        }
      }),
      RUNS,
    );
  });

  it("the need schemas never throw on raw values that are not strings (arrays, objects, numbers)", () => {
    fc.assert(
      fc.property(rawWith(["category", "windows", "address", "quartiereId", "lat", "lng", "condominiumId", "details", "childrenAges", "persons", "budget", "openToSharing", "maxWalk", "onBehalfOf", "contactNote"]), (raw) => {
        for (const schema of [needSchema, onBehalfNeedSchema]) {
          const result = safe(() => parseNeedForm(schema, raw));
          if (!result.ok) expectKeys(result.errors);
        }
      }),
      RUNS,
    );
  });

  it("a group offer (group-offers.server.ts): never throws; keys exist; integer cents in range and a storable message", () => {
    const fields = { price: ["12", "12,50", "0,99", "1", "500", "500,01", "99999", "-5", "1e3"], message: ["", "Possiamo iniziare a settembre.", "x".repeat(OFFER_MESSAGE_MAX + 1)] };
    fc.assert(
      fc.property(fc.oneof(formEntries(fields).map((e) => condominiumFormValues(toFormData(e)) as Record<string, unknown>), rawWith(Object.keys(fields))), (raw) => {
        const result = safe(() => offerFormSchema.safeParse(raw));
        if (!result.success) {
          const errors: Record<string, string> = {};
          for (const issue of result.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
          return expectKeys(errors);
        }
        intIn(result.data.price, OFFER_MIN_CENTS, OFFER_MAX_CENTS, "offer price");
        textIn(result.data.message, 0, OFFER_MESSAGE_MAX, "offer message", { multiline: true });
      }),
      RUNS,
    );
  });
});

// ─── Hubs ───────────────────────────────────────────────────────────────────────────────────

describe("hub forms (hub-schemas.ts, opening-hours.ts)", () => {
  const expectKeys = expectKeysOf("hub");

  it("the list's filters never throw and keep only sane numbers", () => {
    fc.assert(
      fc.property(formEntries({ municipio: numberish, quartiere: numberish }), (entries) => {
        const params = new URLSearchParams();
        for (const [k, v] of entries) params.append(k, v);
        const filters = safe(() => parseHubFilters(params));
        if (filters.municipioId !== undefined) intIn(filters.municipioId, 1, 99, "municipio");
        if (filters.quartiereId !== undefined) intIn(filters.quartiereId, 1, 999, "quartiere");
      }),
      RUNS,
    );
  });

  it("signing up for an event: never throws; keys exist; the event id is a uuid", () => {
    fc.assert(
      fc.property(formEntries({ intent: ["signup", "cancel", "constructor"], eventId: [aUuid, "x"] }), (entries) => {
        const result = safe(() => parseSignupForm(toFormData(entries)));
        if (result.errors) return expectKeys(result.errors);
        expect(["signup", "cancel"]).toContain(result.data.intent);
        expect(result.data.eventId).toMatch(uuidPattern);
      }),
      RUNS,
    );
  });

  it("a hub's details (with and without coverage): never throw; keys exist; accepted details are bounded and in Milan", () => {
    const fields = {
      name: ["Spazio Vicinato", "Sp", "Spazio\u0000"],
      address: ["Via Dante 1, Milano", "Via"],
      lat: ["", "45.46", "45,46", "45.3", "NaN", "1e308"],
      lng: ["", "9.19", "9,19", "9.5"],
      quartieri: good("1", numberish),
    };
    fc.assert(
      fc.property(formEntries(fields, { maxLength: 16 }), fc.boolean(), (entries, withCoverage) => {
        const values = safe(() => hubDetailsValuesFromForm(toFormData(entries)));
        const result = safe(() => parseHubDetails(values, { withCoverage }));
        if (result.errors) return expectKeys(result.errors);
        const d = result.data;
        textIn(d.name, 3, HUB_NAME_MAX, "name");
        textIn(d.address, 5, HUB_ADDRESS_MAX, "address");
        if (d.lat !== null) expect(d.lat >= MILAN_BOUNDS.minLat && d.lat <= MILAN_BOUNDS.maxLat).toBe(true);
        if (d.lng !== null) expect(d.lng >= MILAN_BOUNDS.minLng && d.lng <= MILAN_BOUNDS.maxLng).toBe(true);
        if (withCoverage) {
          expect(d.quartieri!.length >= 1 && d.quartieri!.length <= 88).toBe(true);
          for (const q of d.quartieri!) intIn(q, 1, 999, "quartiere");
          expect(d.quartieri).toEqual([...new Set(d.quartieri)].sort((a, b) => a - b));
        }
      }),
      RUNS,
    );
  });

  const expectWindows = (windows: OpeningWindow[]) => {
    for (const w of windows) {
      intIn(w.weekday, 1, 7, "weekday");
      intIn(w.startMinute, 0, 1439, "start");
      intIn(w.endMinute, 1, 1440, "end");
      expect(w.startMinute).toBeLessThan(w.endMinute);
    }
    for (let d = 1; d <= 7; d++) {
      const day = windows.filter((w) => w.weekday === d).sort((a, b) => a.startMinute - b.startMinute);
      expect(day.length).toBeLessThanOrEqual(MAX_WINDOWS_PER_DAY);
      for (let i = 1; i < day.length; i++) expect(day[i]!.startMinute).toBeGreaterThanOrEqual(day[i - 1]!.endMinute);
    }
  };

  it("opening hours from the form: never throw; keys exist; accepted windows are ordered and do not overlap", () => {
    const time = ["", "09:00", "13:00", "12:30", "18:00", "24:00", "00:00", "23:59", "24:01", "9:00", "99:99"];
    const fields: Record<string, string[]> = {};
    const goodRows: Record<number, [string, string]> = { 0: ["09:00", "13:00"], 1: ["14:00", "18:00"], 2: ["", ""] };
    for (const weekday of [1, 3, 7]) {
      for (let row = 0; row < MAX_WINDOWS_PER_DAY; row++) {
        fields[hoursFieldName(weekday, row, "start")] = good(goodRows[row]![0], time);
        fields[hoursFieldName(weekday, row, "end")] = good(goodRows[row]![1], time);
      }
    }
    fc.assert(
      fc.property(formEntries(fields, { maxLength: 24 }), (entries) => {
        const result = safe(() => parseOpeningHoursForm(hoursValuesFromForm(toFormData(entries))));
        if (result.errors) return expectKeys(result.errors);
        expectWindows(result.data);
      }),
      RUNS,
    );
  });

  it("opening hours as stored (jsonb): the schema never throws on any value and accepts only valid weeks", () => {
    const windowish = fc.record({
      weekday: fc.oneof(fc.integer({ min: -1, max: 9 }), fc.double(), fc.constantFrom(Number.NaN, Infinity)),
      startMinute: fc.oneof(fc.integer({ min: -60, max: 1500 }), fc.double()),
      endMinute: fc.oneof(fc.integer({ min: -60, max: 1500 }), fc.double()),
    });
    fc.assert(
      fc.property(fc.oneof(fc.array(windowish, { maxLength: 25 }), hostileValue, fc.array(hostileValue, { maxLength: 3 })), (raw) => {
        const result = safe(() => openingHoursSchema.safeParse(raw));
        if (result.success) expectWindows(result.data);
      }),
      RUNS,
    );
  });

  it("an event: never throws; keys exist; accepted events have a bounded title, real instants in order and a capacity 1–10 000", () => {
    const fields = {
      title: ["Merenda in cortile", "Me", "Merenda\u0000"],
      description: ["", "Porta una tazza.\r\nCi vediamo lì.", "x".repeat(EVENT_DESCRIPTION_MAX + 1)],
      date: good("2025-06-10", dateish, ["2025-03-30", "2025-10-26"]),
      startTime: good("10:00", timeish, ["02:30", "02:00"]),
      endTime: good("12:00", timeish, ["03:00"]),
      capacity: good("20", numberish),
    };
    fc.assert(
      fc.property(formEntries(fields, { maxLength: 16 }), (entries) => {
        const result = safe(() => parseEventForm(eventValuesFromForm(toFormData(entries))));
        if (result.errors) return expectKeys(result.errors);
        const d = result.data;
        textIn(d.title, 3, EVENT_TITLE_MAX, "title");
        textIn(d.description, 0, EVENT_DESCRIPTION_MAX, "description", { multiline: true });
        expect(d.description.includes("\r\n")).toBe(false);
        expect(Number.isNaN(d.startsAt.getTime()) || Number.isNaN(d.endsAt.getTime())).toBe(false);
        expect(d.startsAt.getTime()).toBeLessThan(d.endsAt.getTime());
        expect(d.endsAt.getTime() - d.startsAt.getTime()).toBeLessThanOrEqual(86_400_000);
        // PostgreSQL's timestamptz reaches year 294276; a day in years 0001–9999 always fits.
        expect(d.startsAt.getUTCFullYear()).toBeGreaterThanOrEqual(1);
        intIn(d.capacity, 1, EVENT_CAPACITY_MAX, "capacity");
      }),
      RUNS,
    );
  });
});

// ─── Impact dashboard and network ───────────────────────────────────────────────────────────

describe("the impact dashboard's query (dashboard-query.ts)", () => {
  const expectKeys = expectKeysOf("impact");
  it("never throws; keys exist; the query always falls back to a valid area, period and measure", () => {
    const fields = {
      scope: ["all", "m1", "m9", "m10", "q1", "q999", "q1000", "q0", "m01", "x"],
      from: good("2025-01-01", dateish),
      to: good("2025-06-01", dateish),
      measure: [...mapMeasures, "constructor", "__proto__"],
    };
    fc.assert(
      fc.property(formEntries(fields), (entries) => {
        const params = new URLSearchParams();
        for (const [k, v] of entries) params.append(k, v);
        const { query, errors } = safe(() => parseDashboardQuery(params, NOW));
        expectKeys(errors);
        if (query.scope.kind === "municipio") intIn(query.scope.id, 1, 9, "municipio");
        if (query.scope.kind === "quartiere") intIn(query.scope.id, 1, 999, "quartiere");
        expect(isIsoDate(query.from) && isIsoDate(query.to), `${query.from}…${query.to} are real days`).toBe(true);
        expect(query.from <= query.to).toBe(true);
        expect((Date.parse(query.to) - Date.parse(query.from)) / 86_400_000).toBeLessThanOrEqual(MAX_PERIOD_DAYS);
        // PostgreSQL has no year 0 (1 BC): a period must start in year 1 or later.
        expect(Number(query.from.slice(0, 4))).toBeGreaterThanOrEqual(1);
        expect(mapMeasures as readonly string[]).toContain(query.measure);
      }),
      RUNS,
    );
  });

  it("a period in year 0000 (valid to JavaScript, not to PostgreSQL) is refused, not queried", () => {
    for (const [from, to] of [["0000-01-01", "0000-12-31"], ["0000-02-29", "0001-01-01"], ["9999-01-01", "9999-12-31"]] as const) {
      const { query, errors } = parseDashboardQuery(new URLSearchParams({ from, to }), NOW);
      expect(errors.from ?? errors.to, `${from}…${to}`).toBeDefined();
      expect(query.from >= "2000-01-01" && query.to <= "2099-12-31").toBe(true);
    }
  });
});

describe("the network directory's forms (network-schemas.ts)", () => {
  const expectKeys = expectKeysOf("impact");

  it("the public search never throws and keeps only bounded, storable values", () => {
    fc.assert(
      fc.property(formEntries({ q: ["doposcuola", "x".repeat(101)], category: ["babysitter", "X"], quartiere: good("1", numberish), page: good("1", numberish) }), (entries) => {
        const params = new URLSearchParams();
        for (const [k, v] of entries) params.append(k, v);
        const q = safe(() => parseDirectoryQuery(params));
        if (q.q !== undefined) textIn(q.q, 0, 100, "q");
        if (q.category !== undefined) expect(q.category).toMatch(/^[a-z0-9-]{1,40}$/);
        if (q.quartiere !== undefined) intIn(q.quartiere, 1, 999, "quartiere");
        intIn(q.page, 1, 500, "page");
      }),
      RUNS,
    );
  });

  it("an organisation: never throws; keys exist; accepted values are bounded, unique and storable", () => {
    const fields = {
      name: ["Associazione Il Ponte", "A", "Ponte\u0000"],
      kind: [...networkOrganisationKinds, "company"],
      description: ["", "Doposcuola.\r\nAscolto.", "x".repeat(4001)],
      categories: ["babysitter", "doposcuola", "X", "a".repeat(41)],
      offers: ["", "Aiuto compiti"],
      contact: ["", "info@example.org"],
      quartieri: good("1", numberish),
    };
    fc.assert(
      fc.property(formEntries(fields, { maxLength: 20 }), (entries) => {
        const result = safe(() => parseOrganisationForm(organisationValuesFromForm(toFormData(entries))));
        if (result.errors) return expectKeys(result.errors);
        const d = result.data;
        textIn(d.name, 2, 200, "name");
        expect(networkOrganisationKinds as readonly string[]).toContain(d.kind);
        textIn(d.description, 0, 4000, "description", { multiline: true });
        textIn(d.offers, 0, 2000, "offers", { multiline: true });
        textIn(d.contact, 0, 500, "contact", { multiline: true });
        expect(new Set(d.categories).size).toBe(d.categories.length);
        for (const c of d.categories) expect(c).toMatch(/^[a-z0-9-]{1,40}$/);
        expect(d.quartieri.length).toBeGreaterThan(0);
        expect(new Set(d.quartieri).size).toBe(d.quartieri.length);
        for (const q of d.quartieri) intIn(q, 1, 999, "quartiere");
      }),
      RUNS,
    );
  });

  it("routing a need: never throws; keys exist; ids are uuids and the note is bounded and storable", () => {
    fc.assert(
      fc.property(formEntries({ needId: [aUuid, "1"], organisationId: [aUuid, "x"], note: ["", "Chiamare il lunedì.", "x".repeat(1001)] }), (entries) => {
        const result = safe(() => parseReferralForm(toFormData(entries)));
        if (result.errors) return expectKeys(result.errors);
        expect(result.data.needId).toMatch(uuidPattern);
        expect(result.data.organisationId).toMatch(uuidPattern);
        textIn(result.data.note, 0, 1000, "note", { multiline: true });
      }),
      RUNS,
    );
  });
});

// ─── Job payloads (read back from the queue) ────────────────────────────────────────────────

describe("job payload schemas (email-queue.server.ts, refund-queue.server.ts)", () => {
  it("never throw on any value; what passes is well-formed", () => {
    const value = fc.oneof(hostileValue, fc.emailAddress(), fc.constantFrom(aUuid, "it", "email", "verifyEmail", "refund", "1500", 1500, -1, 1.5, 1e308));
    fc.assert(
      fc.property(rawWith(["to", "locale", "template", "params", "paymentId", "amountCents", "purpose"], value), (raw) => {
        const email = safe(() => emailJobPayloadSchema.safeParse(raw));
        if (email.success) {
          expect(email.data.to.length).toBeLessThanOrEqual(320);
          expect(email.data.template.ns).toMatch(/^[a-z][A-Za-z0-9_-]*$/);
        }
        const refund = safe(() => refundJobPayloadSchema.safeParse(raw));
        if (refund.success) {
          expect(refund.data.paymentId).toMatch(uuidPattern);
          intIn(refund.data.amountCents, 1, Number.MAX_SAFE_INTEGER, "refund");
        }
      }),
      RUNS,
    );
  });

  it("a hostile string is never coerced into a schema's number", () => {
    fc.assert(
      fc.property(hostileString, (s) => {
        const refund = safe(() => refundJobPayloadSchema.safeParse({ paymentId: aUuid, amountCents: s, purpose: "cancellation" }));
        expect(refund.success).toBe(false);
      }),
      { numRuns: 50 },
    );
  });
});
