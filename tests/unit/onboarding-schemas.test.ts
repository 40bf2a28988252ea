import { describe, expect, it } from "vitest";
import { missingItems, type ProgressFacts } from "../../app/domain/providers/onboarding-progress";
import {
  availabilitySchema,
  centsToEuroInput,
  documentUploadSchema,
  eurosToCents,
  fieldErrorsOf,
  furthestStep,
  identitySchema,
  languagesSchema,
  profileSchema,
  servicesSchema,
  slotFieldName,
  stepInputFromForm,
  timeToMinutes,
  workerSchema,
  zonesSchema,
} from "../../app/domain/providers/onboarding-schemas";
import { distanceKm, quartiereAt, quartieriWithinRadius } from "../../app/domain/providers/zones.server";

const errorsOf = (result: { success: boolean; error?: unknown }) =>
  result.success ? {} : fieldErrorsOf(result.error as Parameters<typeof fieldErrorsOf>[0]);

/** Seven days of three empty rows, with some filled in. */
const week = (filled: Record<string, { start: string; end: string }> = {}) =>
  Array.from({ length: 7 }, (_, d) => Array.from({ length: 3 }, (_, r) => filled[`${d}.${r}`] ?? { start: "", end: "" }));

describe("identity step", () => {
  it("accepts a person with a valid codice fiscale and normalises it", () => {
    const result = identitySchema.safeParse({ kind: "individual", displayName: " Giulia R. ", fiscalCode: "rssmra85t10a562s" });
    expect(result.success && result.data).toEqual({ kind: "individual", displayName: "Giulia R.", fiscalCode: "RSSMRA85T10A562S" });
  });

  it("says which tax code is wrong and why", () => {
    expect(errorsOf(identitySchema.safeParse({ kind: "individual", displayName: "Giulia", fiscalCode: "RSSMRA85T10A562T" }))).toEqual({
      fiscalCode: "errors.fiscalCodeChecksum",
    });
    expect(
      errorsOf(identitySchema.safeParse({ kind: "organisation", organisationName: "Coop Aurora", displayName: "Aurora", vatNumber: "12345678901", fiscalCode: "" })),
    ).toEqual({ vatNumber: "errors.vatNumberChecksum", fiscalCode: "errors.fiscalCodeRequired" });
  });

  it("accepts an organisation with partita IVA and numeric codice fiscale", () => {
    const result = identitySchema.safeParse({
      kind: "organisation",
      organisationName: "Cooperativa Sociale Aurora",
      displayName: "Aurora",
      vatNumber: "IT00743110157",
      fiscalCode: "00743110157",
    });
    expect(result.success && result.data).toMatchObject({ vatNumber: "00743110157", fiscalCode: "00743110157" });
  });

  it("asks for the kind when none is chosen", () => {
    expect(errorsOf(identitySchema.safeParse({ kind: "", displayName: "x" }))).toEqual({ kind: "errors.kindRequired" });
  });
});

describe("services step", () => {
  it("reads Italian and English prices into cents", () => {
    expect(eurosToCents("12")).toBe(1200);
    expect(eurosToCents("12,5")).toBe(1250);
    expect(eurosToCents("12.50")).toBe(1250);
    expect(eurosToCents("€ 9,99")).toBe(999);
    expect(eurosToCents("12,505")).toBeNull();
    expect(eurosToCents("dodici")).toBeNull();
    expect(centsToEuroInput(1250)).toBe("12,50");
    expect(centsToEuroInput(1200)).toBe("12");
  });

  it("keeps a price per chosen category, within 5–60 €/h", () => {
    const ok = servicesSchema.safeParse({ categories: ["babysitter", "colf"], prices: { babysitter: "12,50", colf: "10", badante: "999" } });
    expect(ok.success && ok.data.services).toEqual([
      { slug: "babysitter", cents: 1250 },
      { slug: "colf", cents: 1000 },
    ]);
    expect(errorsOf(servicesSchema.safeParse({ categories: ["babysitter", "colf", "badante"], prices: { babysitter: "4,99", colf: "abc" } }))).toEqual({
      "prices.babysitter": "errors.priceRange",
      "prices.colf": "errors.priceInvalid",
      "prices.badante": "errors.priceRequired",
    });
    expect(errorsOf(servicesSchema.safeParse({ categories: [], prices: {} }))).toEqual({ categories: "errors.servicesRequired" });
    expect(errorsOf(servicesSchema.safeParse({ categories: ["x"], prices: { x: "60,01" } }))).toEqual({ "prices.x": "errors.priceRange" });
  });
});

describe("zones step", () => {
  const base = { quartieri: [], baseQuartiereId: "", lat: "", lng: "", baseAddress: "Via Padova 100", radiusKm: "0" };

  it("needs a base point and at least a quartiere or a radius", () => {
    expect(errorsOf(zonesSchema.safeParse(base))).toEqual({ baseQuartiereId: "errors.basePointRequired", quartieri: "errors.zonesRequired" });
    const ok = zonesSchema.safeParse({ ...base, quartieri: ["12", "3", "12"], baseQuartiereId: "12" });
    expect(ok.success && ok.data).toMatchObject({ quartieri: [3, 12], baseQuartiereId: 12, radiusKm: 0 });
  });

  it("accepts a device location in Milan instead of a quartiere, and refuses one elsewhere", () => {
    expect(zonesSchema.safeParse({ ...base, lat: "45.4642", lng: "9.19", radiusKm: "2" }).success).toBe(true);
    expect(errorsOf(zonesSchema.safeParse({ ...base, lat: "41.9", lng: "12.5", radiusKm: "2" }))).toMatchObject({ lat: "errors.locationOutside" });
  });

  it("offers only the listed radii and requires the address", () => {
    expect(errorsOf(zonesSchema.safeParse({ ...base, baseQuartiereId: "1", radiusKm: "4" }))).toEqual({ radiusKm: "errors.radiusInvalid" });
    expect(errorsOf(zonesSchema.safeParse({ ...base, baseQuartiereId: "1", radiusKm: "1", baseAddress: " " }))).toEqual({
      baseAddress: "errors.baseAddressRequired",
    });
  });

  it("covers the quartieri whose centroid is within the radius", () => {
    const centroids = [
      { id: 1, lat: 45.4642, lng: 9.19 },
      { id: 2, lat: 45.4732, lng: 9.19 }, // ~1 km north
      { id: 3, lat: 45.5, lng: 9.19 }, // ~4 km north
    ];
    expect(distanceKm(centroids[0]!, centroids[1]!)).toBeCloseTo(1.0, 1);
    expect(quartieriWithinRadius(centroids, centroids[0]!, 2)).toEqual([1, 2]);
    expect(quartieriWithinRadius(centroids, centroids[0]!, 0)).toEqual([]);
    expect(quartieriWithinRadius(centroids, centroids[0]!, 5)).toEqual([1, 2, 3]);
  });

  it("places a point in its NIL (Duomo is in quartiere 1)", () => {
    expect(quartiereAt([], { lat: 45.4641, lng: 9.1919 })).toBe(1);
  });
});

describe("languages step", () => {
  it("needs one of the offered languages, kept in catalogue order", () => {
    const ok = languagesSchema.safeParse({ languages: ["en", "it"] });
    expect(ok.success && ok.data.languages).toEqual(["it", "en"]);
    expect(errorsOf(languagesSchema.safeParse({ languages: [] }))).toEqual({ languages: "errors.languagesRequired" });
    expect(errorsOf(languagesSchema.safeParse({ languages: ["klingon"] }))).toEqual({ "languages.0": "errors.languageUnknown" });
  });
});

describe("availability step", () => {
  it("turns filled rows into weekly slots and ignores empty ones", () => {
    expect(timeToMinutes("09:30")).toBe(570);
    expect(timeToMinutes("24:00")).toBe(1440);
    expect(timeToMinutes("09:15")).toBeNull();
    const ok = availabilitySchema.safeParse({ days: week({ "0.0": { start: "16:00", end: "19:00" }, "0.1": { start: "08:00", end: "12:00" }, "6.2": { start: "20:00", end: "24:00" } }) });
    expect(ok.success && ok.data.slots).toEqual([
      { weekday: 1, startMinute: 480, endMinute: 720 },
      { weekday: 1, startMinute: 960, endMinute: 1140 },
      { weekday: 7, startMinute: 1200, endMinute: 1440 },
    ]);
  });

  it("refuses half-filled, backwards, off-grid and overlapping rows, naming each row", () => {
    const errors = errorsOf(
      availabilitySchema.safeParse({
        days: week({
          "0.0": { start: "09:00", end: "" },
          "1.0": { start: "12:00", end: "10:00" },
          "2.0": { start: "09:10", end: "10:00" },
          "3.0": { start: "09:00", end: "12:00" },
          "3.1": { start: "11:30", end: "14:00" },
          "4.0": { start: "09:00", end: "12:00" },
          "4.1": { start: "12:00", end: "14:00" },
        }),
      }),
    );
    expect(errors).toEqual({
      "days.0.0": "errors.slotIncomplete",
      "days.1.0": "errors.slotOrder",
      "days.2.0": "errors.slotGrid",
      "days.3.1": "errors.slotOverlap",
    });
  });

  it("needs at least one slot in the week, but does not say so over a row's own error", () => {
    expect(errorsOf(availabilitySchema.safeParse({ days: week() }))).toEqual({ days: "errors.availabilityRequired" });
    expect(errorsOf(availabilitySchema.safeParse({ days: week({ "0.0": { start: "09:00", end: "" } }) }))).toEqual({ "days.0.0": "errors.slotIncomplete" });
  });

  it("reads the form's field names back into the schema's shape", () => {
    const form = new FormData();
    form.set(slotFieldName(2, 1, "start"), "10:00");
    form.set(slotFieldName(2, 1, "end"), "11:00");
    const raw = stepInputFromForm("availability", form) as { days: Array<Array<{ start: string; end: string }>> };
    expect(raw.days[2]![1]).toEqual({ start: "10:00", end: "11:00" });
    const ok = availabilitySchema.safeParse(raw);
    expect(ok.success && ok.data.slots).toEqual([{ weekday: 3, startMinute: 600, endMinute: 660 }]);
  });
});

describe("profile step", () => {
  const bio = "Sono una babysitter con dieci anni di esperienza a Milano.";
  it("needs the Italian introduction; others are optional and empty ones dropped", () => {
    const ok = profileSchema.safeParse({ bio: { it: ` ${bio} `, en: "", fr: "  " }, yearsExperience: "10" });
    expect(ok.success && ok.data).toEqual({ bio: { it: bio }, yearsExperience: 10 });
    expect(errorsOf(profileSchema.safeParse({ bio: { en: bio }, yearsExperience: "x" }))).toEqual({
      "bio.it": "errors.bioItalianRequired",
      yearsExperience: "errors.yearsInvalid",
    });
    expect(errorsOf(profileSchema.safeParse({ bio: { it: "Corta." }, yearsExperience: "61" }))).toEqual({
      "bio.it": "errors.bioShort",
      yearsExperience: "errors.yearsInvalid",
    });
  });
});

describe("document metadata", () => {
  const schema = documentUploadSchema("2025-06-01");
  it("requires a future expiry date for identity, criminal record and insurance only", () => {
    expect(errorsOf(schema.safeParse({ docType: "identity", expiresOn: "" }))).toEqual({ expiresOn: "errors.expiryRequired" });
    expect(errorsOf(schema.safeParse({ docType: "insurance", expiresOn: "2025-05-31" }))).toEqual({ expiresOn: "errors.expiryPast" });
    expect(errorsOf(schema.safeParse({ docType: "criminal_record_minors", expiresOn: "2025-02-30" }))).toEqual({ expiresOn: "errors.expiryInvalid" });
    const today = schema.safeParse({ docType: "identity", expiresOn: "2025-06-01" });
    expect(today.success && today.data).toEqual({ docType: "identity", expiresOn: "2025-06-01" });
    const qualification = schema.safeParse({ docType: "qualification", expiresOn: "" });
    expect(qualification.success && qualification.data).toEqual({ docType: "qualification", expiresOn: null });
    // The page asks no date for a qualification: a stray one is ignored, not refused where no field could show it.
    const strayDate = schema.safeParse({ docType: "qualification", expiresOn: "\u0014valueO" });
    expect(strayDate.success && strayDate.data).toEqual({ docType: "qualification", expiresOn: null });
    expect(errorsOf(schema.safeParse({ docType: "photo", expiresOn: "" }))).toEqual({ docType: "errors.documentTypeUnknown" });
  });
});

describe("adding a worker", () => {
  it("checks the e-mail and asks for at least one service", () => {
    const ok = workerSchema.safeParse({ name: "Ana Pop", email: " Ana.Pop@Example.org ", categories: ["badante", "badante"] });
    expect(ok.success && ok.data).toEqual({ name: "Ana Pop", email: "ana.pop@example.org", categories: ["badante"] });
    expect(errorsOf(workerSchema.safeParse({ name: "Ana", email: "ana@", categories: [] }))).toEqual({
      email: "errors.emailInvalid",
      categories: "errors.servicesRequired",
    });
  });
});

describe("progress", () => {
  const complete: ProgressFacts = {
    kind: "individual",
    displayName: "Giulia R.",
    fiscalCode: "RSSMRA85T10A562S",
    vatNumber: null,
    organisationName: null,
    serviceSlugs: ["colf"],
    zoneCount: 3,
    hasBasePoint: true,
    baseAddress: "Via Padova 100",
    languages: ["it"],
    slotCount: 2,
    bio: { it: "Sono una colf con dieci anni di esperienza a Milano." },
    documents: [{ docType: "identity", expiresOn: "2030-01-01" }],
  };

  it("has nothing missing for a complete profile", () => {
    expect(missingItems(complete, "2025-06-01")).toEqual([]);
  });

  it("asks for the criminal record certificate when babysitting or after-school help is offered", () => {
    expect(missingItems({ ...complete, serviceSlugs: ["babysitter"] }, "2025-06-01")).toEqual([
      { step: "documents", key: "missing.document.criminal_record_minors" },
    ]);
  });

  it("counts an expired document as missing and sends each item to its step", () => {
    const missing = missingItems({ ...complete, languages: [], slotCount: 0, documents: [{ docType: "identity", expiresOn: "2025-05-31" }] }, "2025-06-01");
    expect(missing).toEqual([
      { step: "languages", key: "missing.languages" },
      { step: "availability", key: "missing.availability" },
      { step: "documents", key: "missing.expired.identity" },
    ]);
  });

  it("asks an organisation for its VAT number and insurance", () => {
    const keys = missingItems({ ...complete, kind: "organisation" }, "2025-06-01").map((m) => m.key);
    expect(keys).toEqual(["missing.vatNumber", "missing.document.insurance"]);
  });

  it("never moves the resume point backwards", () => {
    expect(furthestStep("documents", "services")).toBe("documents");
    expect(furthestStep("identity", "services")).toBe("services");
    expect(furthestStep("nonsense", "zones")).toBe("zones");
  });
});
