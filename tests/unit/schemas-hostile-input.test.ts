import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  deleteAccountSchema,
  DISPLAY_NAME_MAX_LENGTH,
  forgotPasswordSchema,
  localeSchema,
  parseForm,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  profileSchema as accountProfileSchema,
  resetPasswordSchema,
  signInSchema,
  signUpSchema,
  signUpRoles,
  tokenSchema,
} from "../../app/domain/accounts/schemas";
import { codiceFiscaleProblem, organisationFiscalCodeProblem, partitaIvaProblem } from "../../app/domain/providers/fiscal-codes";
import {
  availabilitySchema,
  BIO_MAX,
  BIO_MIN,
  documentUploadSchema,
  fieldErrorsOf,
  identitySchema,
  languagesSchema,
  MAX_PRICE_CENTS,
  MIN_PRICE_CENTS,
  milanBounds,
  onboardingSteps,
  profileSchema as onboardingProfileSchema,
  radiusChoicesKm,
  servicesSchema,
  stepInputFromForm,
  workerSchema,
  zonesSchema,
} from "../../app/domain/providers/onboarding-schemas";
import { languageCodes, MAX_PAGE, parseSearchQuery, priceBands, radiusOptionsKm, searchQuerySchema, weekdays } from "../../app/domain/search/search-query.server";
import { parseDecisionForm, parseQueueParams } from "../../app/domain/verification/verification-forms";
import { flatten } from "../support/flatten-locale";
import { hasControlChar, hostileString, hostileValue, rawWith, safe } from "../support/hostile-arbitraries";

/**
 * Issue 7: random and hostile input at every form schema. Properties: parsing never throws, every
 * error is a key of the form's namespace in the Italian locale, and accepted values respect the
 * schema's constraints.
 */

const RUNS = { numRuns: 200 };

// ─── Search ─────────────────────────────────────────────────────────────────────────────────

describe("search query (parseSearchQuery)", () => {
  const searchKeys = flatten("it", "search");
  const fields = Object.keys(searchQuerySchema.shape);
  const validish: Record<string, string[]> = {
    lang: [...languageCodes],
    day: [...weekdays],
    priceBand: [...priceBands],
    radius: radiusOptionsKm.map(String),
    page: ["1", "50", "51"],
    lat: ["45.46", "45.3", "45.65"],
    lon: ["9.19", "9.0", "9.35"],
  };
  const paramsArb = fc
    .array(
      fc.tuple(
        fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...fields) }, { weight: 1, arbitrary: hostileString }),
        fc.oneof({ weight: 4, arbitrary: hostileString }, { weight: 1, arbitrary: fc.constantFrom(...Object.values(validish).flat()) }),
      ),
      { maxLength: 12 },
    )
    .map((entries) => {
      const params = new URLSearchParams();
      for (const [k, v] of entries) params.append(k, v);
      return params;
    });

  it("never throws; every error is a key of it/search.json; accepted values respect their ranges", () => {
    fc.assert(
      fc.property(paramsArb, (params) => {
        const { query, errors } = safe(() => parseSearchQuery(params));
        for (const key of Object.values(errors)) expect(searchKeys.has(key!), `it/search.json has ${key}`).toBe(true);
        if (query.q !== undefined) {
          expect(query.q.length).toBeLessThanOrEqual(200);
          expect(query.q).toBe(query.q.trim());
          if (!errors.q) expect(query.q).toBe((params.get("q") ?? "").trim());
        }
        if (query.category !== undefined) expect(query.category).toMatch(/^[a-z0-9-]{1,40}$/);
        const intIn = (v: number | undefined, min: number, max: number) => {
          if (v === undefined) return;
          expect(Number.isInteger(v), `${v} is an integer`).toBe(true);
          expect(v).toBeGreaterThanOrEqual(min);
          expect(v).toBeLessThanOrEqual(max);
        };
        intIn(query.quartiere, 1, 999);
        intIn(query.municipio, 1, 9);
        intIn(query.maxPrice, 1, 500);
        intIn(query.page, 1, MAX_PAGE);
        expect(Object.is(query.page, -0)).toBe(false);
        if (query.radius !== undefined) expect(radiusOptionsKm as readonly number[]).toContain(query.radius);
        if (query.lat !== undefined) expect(query.lat >= 45.3 && query.lat <= 45.65).toBe(true);
        if (query.lon !== undefined) expect(query.lon >= 9.0 && query.lon <= 9.35).toBe(true);
        for (const l of query.lang) expect(languageCodes as readonly string[]).toContain(l);
        for (const d of query.day) expect(weekdays as readonly string[]).toContain(d);
        for (const p of query.priceBand) expect(priceBands as readonly string[]).toContain(p);
      }),
      RUNS,
    );
  });

  it("the schema itself never throws on non-string raw values (arrays, objects, numbers, missing)", () => {
    fc.assert(
      fc.property(rawWith(fields), (raw) => {
        safe(() => searchQuerySchema.safeParse(raw));
      }),
      RUNS,
    );
  });

  it("odd numerals are refused, never coerced into something else", () => {
    for (const value of ["９９", "٩٩", "1e308", "NaN", "Infinity", "-Infinity", "1_000", "-0", "0"]) {
      const { query } = parseSearchQuery(new URLSearchParams({ maxPrice: value, quartiere: value, page: value }));
      expect(query.maxPrice, `maxPrice=${value}`).toBeUndefined();
      expect(query.quartiere, `quartiere=${value}`).toBeUndefined();
      expect(query.page).toBe(1);
    }
  });
});

// ─── Accounts ───────────────────────────────────────────────────────────────────────────────

describe("accounts schemas with non-string and hostile values", () => {
  const authKeys = flatten("it", "auth");
  const fields = ["email", "password", "displayName", "role", "token", "locale", "confirm"];
  const schemas: Record<string, z.ZodType> = {
    signUpSchema,
    signInSchema,
    forgotPasswordSchema,
    resetPasswordSchema,
    profileSchema: accountProfileSchema,
    localeSchema,
    deleteAccountSchema,
  };
  const accountValue = fc.oneof(
    { weight: 3, arbitrary: hostileValue },
    { weight: 1, arbitrary: fc.emailAddress() },
    { weight: 1, arbitrary: fc.constantFrom(...signUpRoles, "it", "en", "yes", "una frase lunga e sicura", "A".repeat(43)) },
  );

  it.each(Object.entries(schemas))("%s never throws and reports only keys of it/auth.json", (_name, schema) => {
    fc.assert(
      fc.property(rawWith(fields, accountValue), (values) => {
        const result = safe(() => parseForm(schema, values));
        if (!result.success) for (const key of Object.values(result.errors)) expect(authKeys.has(key!), `it/auth.json has ${key}`).toBe(true);
      }),
      RUNS,
    );
  });

  it("a sign-up that passes has a bounded password and a clean, bounded, trimmed display name", () => {
    const signUpValue = fc.record({
      email: fc.oneof(fc.emailAddress(), hostileString),
      password: fc.oneof(hostileString, fc.string({ minLength: PASSWORD_MIN_LENGTH, maxLength: 300 })),
      displayName: hostileString,
      role: fc.constantFrom(...signUpRoles),
    });
    fc.assert(
      fc.property(signUpValue, (values) => {
        const result = safe(() => signUpSchema.safeParse(values));
        if (!result.success) return;
        const { email, password, displayName } = result.data;
        expect(email).toBe(values.email.trim().toLowerCase());
        expect(email.length).toBeLessThanOrEqual(254);
        expect(password).toBe(values.password);
        expect(password.length >= PASSWORD_MIN_LENGTH && password.length <= PASSWORD_MAX_LENGTH).toBe(true);
        expect(displayName).toBe(values.displayName.trim());
        expect(displayName.length >= 1 && displayName.length <= DISPLAY_NAME_MAX_LENGTH).toBe(true);
        expect(hasControlChar(displayName)).toBe(false);
      }),
      RUNS,
    );
  });

  it("tokens: only 32–128 base64url characters pass", () => {
    fc.assert(
      fc.property(hostileValue, (token) => {
        const ok = safe(() => tokenSchema.safeParse(token)).success;
        expect(ok).toBe(typeof token === "string" && /^[A-Za-z0-9_-]{32,128}$/.test(token));
      }),
      RUNS,
    );
  });
});

// ─── Onboarding ─────────────────────────────────────────────────────────────────────────────

describe("onboarding schemas with hostile values", () => {
  const onboardingKeys = flatten("it", "onboarding");
  const expectKeys = (error: z.ZodError) => {
    for (const key of Object.values(fieldErrorsOf(error))) expect(onboardingKeys.has(key), `it/onboarding.json has ${key}`).toBe(true);
  };
  const slugish = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom("babysitter", "tutoring", "eldercare", "constructor", "__proto__", "tostring", "valueof", "a-b", "x".repeat(41)) },
    { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9-]{1,12}$/) },
    { weight: 1, arbitrary: hostileString },
  );

  it("identity: never throws; keys exist; accepted names are trimmed and within bounds, codes valid", () => {
    const raw = fc.oneof(
      rawWith(["kind", "displayName", "organisationName", "fiscalCode", "vatNumber"]),
      fc.record({
        kind: fc.constantFrom("individual", "organisation"),
        displayName: hostileString,
        organisationName: hostileString,
        fiscalCode: fc.oneof(fc.constantFrom("RSSMRA85T10A562S", "rssmra85t10a562s", "RSS MRA 85T10 A562S", "12345678903"), hostileString),
        vatNumber: fc.oneof(fc.constantFrom("12345678903", "IT12345678903", "IT 123.456.789-03"), hostileString),
      }),
    );
    fc.assert(
      fc.property(raw, (input) => {
        const result = safe(() => identitySchema.safeParse(input));
        if (!result.success) return expectKeys(result.error);
        const data = result.data;
        const src = input as Record<string, string>;
        expect(data.displayName).toBe(src.displayName!.trim());
        expect(data.displayName.length >= 2 && data.displayName.length <= 80).toBe(true);
        if (data.kind === "individual") expect(codiceFiscaleProblem(data.fiscalCode)).toBeNull();
        else {
          expect(data.organisationName).toBe(src.organisationName!.trim());
          expect(data.organisationName.length >= 2 && data.organisationName.length <= 120).toBe(true);
          expect(partitaIvaProblem(data.vatNumber)).toBeNull();
          expect(organisationFiscalCodeProblem(data.fiscalCode)).toBeNull();
        }
      }),
      RUNS,
    );
  });

  it("identity: a display name with NUL or other control characters is refused (PostgreSQL text cannot store NUL)", () => {
    fc.assert(
      fc.property(fc.constantFrom("\u0000", "\u0007", "\u001b", "\u007f"), fc.string({ minLength: 2, maxLength: 20 }), (ctrl, name) => {
        const result = identitySchema.safeParse({ kind: "individual", displayName: `Mario${ctrl}${name}`, fiscalCode: "RSSMRA85T10A562S" });
        expect(result.success, `accepted ${JSON.stringify(`Mario${ctrl}${name}`)}`).toBe(false);
      }),
      { numRuns: 20 },
    );
  });

  it("services: never throws; keys exist; accepted prices are integer cents in range", () => {
    const raw = fc.oneof(
      rawWith(["categories", "prices"]),
      fc.record({
        categories: fc.array(slugish, { maxLength: 4 }),
        prices: fc.dictionary(slugish, fc.oneof(fc.constantFrom("12", "12,5", "12,50", "€ 12,50", "4,99", "60", "60,01", "９９", "1e3", "-0"), hostileString), { maxKeys: 4 }),
      }),
    );
    fc.assert(
      fc.property(raw, (input) => {
        const result = safe(() => servicesSchema.safeParse(input));
        if (!result.success) return expectKeys(result.error);
        for (const { cents } of result.data.services) {
          expect(Number.isInteger(cents)).toBe(true);
          expect(cents >= MIN_PRICE_CENTS && cents <= MAX_PRICE_CENTS).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("services: a category named like an Object.prototype member without a price is an error, not a crash", () => {
    const result = safe(() => servicesSchema.safeParse({ categories: ["constructor"], prices: {} }));
    expect(result.success).toBe(false);
  });

  it("zones: never throws; keys exist; accepted values are in Milan and on the allowed radii", () => {
    const raw = fc.oneof(
      rawWith(["quartieri", "baseQuartiereId", "lat", "lng", "baseAddress", "radiusKm"]),
      fc.record({
        quartieri: fc.array(fc.oneof(fc.constantFrom("1", "21", "999", "1000", "0", "-0", "1e308", "９９"), hostileString), { maxLength: 5 }),
        baseQuartiereId: fc.oneof(fc.constantFrom("", "1", "1.5"), hostileString),
        lat: fc.oneof(fc.constantFrom("", "45.46", "45.3", "NaN", "Infinity"), hostileString),
        lng: fc.oneof(fc.constantFrom("", "9.19", "9.35", "-0"), hostileString),
        baseAddress: hostileString,
        radiusKm: fc.oneof(fc.constantFrom("0", "1", "5", "10", "4", "-0", "1e308"), hostileString),
      }),
    );
    fc.assert(
      fc.property(raw, (input) => {
        const result = safe(() => zonesSchema.safeParse(input));
        if (!result.success) return expectKeys(result.error);
        const d = result.data;
        for (const q of d.quartieri) expect(Number.isInteger(q) && q >= 1 && q <= 999).toBe(true);
        if (d.baseQuartiereId !== undefined) expect(Number.isInteger(d.baseQuartiereId) && d.baseQuartiereId >= 1 && d.baseQuartiereId <= 999).toBe(true);
        if (d.lat !== undefined) expect(d.lat >= milanBounds.minLat && d.lat <= milanBounds.maxLat).toBe(true);
        if (d.lng !== undefined) expect(d.lng >= milanBounds.minLng && d.lng <= milanBounds.maxLng).toBe(true);
        expect(radiusChoicesKm as readonly number[]).toContain(d.radiusKm);
        expect(d.baseAddress.length >= 3 && d.baseAddress.length <= 200).toBe(true);
      }),
      RUNS,
    );
  });

  it("languages: never throws; keys exist; output is a non-empty subset of the known codes", () => {
    const raw = fc.oneof(rawWith(["languages"]), fc.record({ languages: fc.array(fc.oneof(fc.constantFrom(...languageCodes), hostileString), { maxLength: 6 }) }));
    fc.assert(
      fc.property(raw, (input) => {
        const result = safe(() => languagesSchema.safeParse(input));
        if (!result.success) return expectKeys(result.error);
        expect(result.data.languages.length).toBeGreaterThan(0);
        for (const l of result.data.languages) expect(languageCodes as readonly string[]).toContain(l);
      }),
      RUNS,
    );
  });

  it("availability: never throws; keys exist; slots are on the half-hour grid, ordered and within the day", () => {
    const time = fc.oneof(fc.constantFrom("", "09:00", "12:30", "24:00", "24:30", "9:00", "09:15", "-0", "NaN"), hostileString);
    const row = fc.oneof(fc.record({ start: time, end: time }), hostileValue);
    const raw = fc.oneof(
      rawWith(["days"]),
      fc.record({ days: fc.oneof(fc.array(fc.array(row, { maxLength: 4 }), { minLength: 7, maxLength: 7 }), hostileValue) }),
    );
    fc.assert(
      fc.property(raw, (input) => {
        const result = safe(() => availabilitySchema.safeParse(input));
        if (!result.success) return expectKeys(result.error);
        for (const s of result.data.slots) {
          expect(Number.isInteger(s.weekday) && s.weekday >= 1 && s.weekday <= 7).toBe(true);
          expect(s.startMinute % 30 === 0 && s.endMinute % 30 === 0).toBe(true);
          expect(s.startMinute >= 0 && s.startMinute < s.endMinute && s.endMinute <= 1440).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("profile: never throws; keys exist; accepted bios are trimmed, 30–2000 characters, years an integer 0–60", () => {
    const bioText = fc.oneof(hostileString, fc.string({ minLength: 30, maxLength: 200 }), fc.constantFrom("x".repeat(2000), "x".repeat(2001), " ".repeat(50) + "y".repeat(30)));
    const raw = fc.oneof(
      rawWith(["bio", "yearsExperience"]),
      fc.record({
        bio: fc.dictionary(fc.oneof(fc.constantFrom(...languageCodes, "__proto__", "constructor"), hostileString), bioText, { maxKeys: 3 }),
        yearsExperience: fc.oneof(fc.constantFrom("0", "60", "61", "-0", "1e308", "NaN", "９", "3.5", ""), hostileString),
      }),
    );
    fc.assert(
      fc.property(raw, (input) => {
        const result = safe(() => onboardingProfileSchema.safeParse(input));
        if (!result.success) return expectKeys(result.error);
        const years = result.data.yearsExperience;
        expect(Number.isInteger(years) && years >= 0 && years <= 60).toBe(true);
        expect(result.data.bio.it).toBeDefined();
        for (const [lang, text] of Object.entries(result.data.bio)) {
          expect(languageCodes as readonly string[]).toContain(lang);
          expect(text.length >= BIO_MIN && text.length <= BIO_MAX).toBe(true);
          expect(text).toBe(text.trim());
        }
      }),
      RUNS,
    );
  });

  it("profile: a bio that PostgreSQL jsonb cannot store (NUL, lone surrogates) is refused", () => {
    const base = "Sono Giulia, faccio la babysitter a Milano da otto anni.";
    for (const bad of ["\u0000", "\ud800", "\udfff"]) {
      const result = onboardingProfileSchema.safeParse({ bio: { it: `${base}${bad}${base}` }, yearsExperience: "3" });
      expect(result.success, `accepted a bio containing ${JSON.stringify(bad)}`).toBe(false);
    }
  });

  it("documents: never throws; keys exist; an accepted expiry is a real date not before today", () => {
    const today = "2025-06-01";
    const schema = documentUploadSchema(today);
    const raw = fc.oneof(
      rawWith(["docType", "expiresOn"]),
      fc.record({
        docType: fc.constantFrom("identity", "qualification", "insurance", "photo", "__proto__"),
        expiresOn: fc.oneof(fc.constantFrom("", "2099-12-31", "2025-02-30", "2025-05-31", "2025-06-01", "9999-12-31", "+02025-06-01"), hostileString),
      }),
    );
    fc.assert(
      fc.property(raw, (input) => {
        const result = safe(() => schema.safeParse(input));
        if (!result.success) return expectKeys(result.error);
        const { expiresOn } = result.data;
        if (expiresOn !== null) {
          expect(expiresOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(expiresOn >= today).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("workers: never throws; keys exist; accepted names are within bounds and e-mails lower-case", () => {
    const raw = fc.oneof(
      rawWith(["name", "email", "categories"]),
      fc.record({ name: hostileString, email: fc.oneof(fc.emailAddress(), hostileString), categories: fc.array(slugish, { maxLength: 3 }) }),
    );
    fc.assert(
      fc.property(raw, (input) => {
        const result = safe(() => workerSchema.safeParse(input));
        if (!result.success) return expectKeys(result.error);
        expect(result.data.name.length >= 2 && result.data.name.length <= 80).toBe(true);
        expect(result.data.email).toBe(result.data.email.toLowerCase());
        expect(result.data.categories.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it("stepInputFromForm never throws on any FormData (files and repeated names included)", () => {
    const entry = fc.tuple(
      fc.oneof(
        fc.constantFrom("kind", "displayName", "fiscalCode", "categories", "price.babysitter", "price.__proto__", "price.constructor", "bio.it", "bio.__proto__", "quartieri", "days.0.0.start", "yearsExperience", "docType", "expiresOn"),
        hostileString,
      ),
      fc.oneof({ weight: 4, arbitrary: hostileString }, { weight: 1, arbitrary: fc.constant("FILE") }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...onboardingSteps), fc.array(entry, { maxLength: 10 }), (step, entries) => {
        const formData = new FormData();
        for (const [k, v] of entries) formData.append(k, v === "FILE" ? new File(["x"], "x.txt") : v);
        safe(() => stepInputFromForm(step, formData));
      }),
      RUNS,
    );
  });
});

// ─── Verification ───────────────────────────────────────────────────────────────────────────

describe("operator forms with hostile values", () => {
  const operatorKeys = flatten("it", "operator");
  const formEntry = fc.tuple(
    fc.constantFrom("decision", "reason", "confirm"),
    fc.oneof(
      { weight: 4, arbitrary: hostileString },
      { weight: 1, arbitrary: fc.constantFrom("approve", "reject", "suspend", "request_changes", "yes") },
    ),
  );

  it("parseDecisionForm never throws; every error is a key of it/operator.json; reasons are trimmed and bounded", () => {
    fc.assert(
      fc.property(fc.array(formEntry, { maxLength: 6 }), (entries) => {
        const formData = new FormData();
        for (const [k, v] of entries) formData.append(k, v);
        const result = safe(() => parseDecisionForm(formData));
        if (result.errors) for (const key of Object.values(result.errors)) expect(operatorKeys.has(key!), `it/operator.json has ${key}`).toBe(true);
        else {
          expect(result.data.reason.length).toBeLessThanOrEqual(2000);
          expect(result.data.reason).toBe(result.data.reason.trim());
          expect(result.data.confirm).toBe("yes");
        }
      }),
      RUNS,
    );
  });

  it("parseDecisionForm: a file sent as the reason gives a translation key, not zod's English text", () => {
    const formData = new FormData();
    formData.set("decision", "approve");
    formData.set("reason", new File(["<script>alert(1)</script>"], "reason.txt"));
    formData.set("confirm", "yes");
    const result = safe(() => parseDecisionForm(formData));
    for (const key of Object.values(result.errors ?? {})) expect(operatorKeys.has(key!), `it/operator.json has ${key}`).toBe(true);
  });

  it("parseQueueParams never throws and falls back to sane values", () => {
    const entry = fc.tuple(fc.constantFrom("quartiere", "status", "expiring", "page"), fc.oneof(hostileString, fc.constantFrom("1", "366", "367", "10000", "10001", "pending")));
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), (entries) => {
        const params = new URLSearchParams();
        for (const [k, v] of entries) params.append(k, v);
        const q = safe(() => parseQueueParams(params));
        expect(Number.isInteger(q.page) && q.page >= 1 && q.page <= 10_000).toBe(true);
        if (q.quartiereId !== undefined) expect(Number.isInteger(q.quartiereId) && q.quartiereId > 0).toBe(true);
        if (q.expiringWithinDays !== undefined) expect(Number.isInteger(q.expiringWithinDays) && q.expiringWithinDays >= 0 && q.expiringWithinDays <= 366).toBe(true);
      }),
      RUNS,
    );
  });
});
