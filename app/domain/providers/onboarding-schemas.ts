import { z } from "zod";
import { isStorableText } from "~/utils/storable-text";
import { languageCodes } from "../search/search-options";
import { romeDate } from "../verification/verification-rules";
import {
  codiceFiscaleProblem,
  normaliseFiscalCode,
  normaliseVatNumber,
  organisationFiscalCodeProblem,
  partitaIvaProblem,
} from "./fiscal-codes";

/**
 * The provider onboarding wizard: its steps and one zod schema per step, shared by the server
 * (validation before saving) and the forms (error display). Error messages are keys of the
 * "onboarding" namespace. Nothing here touches the database: checks that need it (does this
 * category or quartiere exist?) are in onboarding.server.ts.
 */

export const onboardingSteps = ["identity", "services", "zones", "languages", "availability", "profile", "documents", "review"] as const;
export type OnboardingStep = (typeof onboardingSteps)[number];

export function isOnboardingStep(value: unknown): value is OnboardingStep {
  return typeof value === "string" && (onboardingSteps as readonly string[]).includes(value);
}

export const stepIndex = (step: OnboardingStep): number => onboardingSteps.indexOf(step);

export function stepAfter(step: OnboardingStep): OnboardingStep {
  return onboardingSteps[Math.min(stepIndex(step) + 1, onboardingSteps.length - 1)]!;
}

/** The further of two steps: the step to resume at never goes backwards. */
export function furthestStep(a: string | null | undefined, b: OnboardingStep): OnboardingStep {
  return isOnboardingStep(a) && stepIndex(a) > stepIndex(b) ? a : b;
}

/** Field path ("prices.babysitter", "days.0.1") → message key. "_form" is about the whole form. */
export type FieldErrors = Record<string, string>;

/** The first message per field; anything zod wrote itself (not one of ours) becomes a generic key. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join(".") : "_form";
    errors[key] ??= issue.message.startsWith("errors.") ? issue.message : "errors.invalid";
  }
  return errors;
}

// ─── Step 1: who you are ────────────────────────────────────────────────────────────────────

const text = (min: number, max: number, short: string, long: string) =>
  z
    .string("errors.required")
    .trim()
    .min(min, short)
    .max(max, long)
    .refine((value) => isStorableText(value), "errors.textInvalid");

const displayName = text(2, 80, "errors.displayNameShort", "errors.displayNameLong");

const personalFiscalCode = z
  .string("errors.required")
  .transform(normaliseFiscalCode)
  .superRefine((code, ctx) => {
    if (code === "") return void ctx.addIssue({ code: "custom", message: "errors.fiscalCodeRequired" });
    const problem = codiceFiscaleProblem(code);
    if (problem) ctx.addIssue({ code: "custom", message: problem === "format" ? "errors.fiscalCodeFormat" : "errors.fiscalCodeChecksum" });
  });

const organisationFiscalCode = z
  .string("errors.required")
  .transform(normaliseFiscalCode)
  .superRefine((code, ctx) => {
    if (code === "") return void ctx.addIssue({ code: "custom", message: "errors.fiscalCodeRequired" });
    const problem = organisationFiscalCodeProblem(code);
    if (problem) ctx.addIssue({ code: "custom", message: problem === "format" ? "errors.orgFiscalCodeFormat" : "errors.fiscalCodeChecksum" });
  });

const vatNumber = z
  .string("errors.required")
  .transform(normaliseVatNumber)
  .superRefine((code, ctx) => {
    if (code === "") return void ctx.addIssue({ code: "custom", message: "errors.vatNumberRequired" });
    const problem = partitaIvaProblem(code);
    if (problem) ctx.addIssue({ code: "custom", message: problem === "format" ? "errors.vatNumberFormat" : "errors.vatNumberChecksum" });
  });

export const identitySchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("individual"), displayName, fiscalCode: personalFiscalCode }),
    z.object({
      kind: z.literal("organisation"),
      organisationName: text(2, 120, "errors.organisationNameShort", "errors.organisationNameLong"),
      displayName,
      vatNumber,
      fiscalCode: organisationFiscalCode,
    }),
  ],
  { error: "errors.kindRequired" },
);
export type IdentityInput = z.output<typeof identitySchema>;

// ─── Step 2: services and prices ────────────────────────────────────────────────────────────

export const MIN_PRICE_CENTS = 500;
export const MAX_PRICE_CENTS = 6000;

/** "12", "12,5", "12,50", "12.50", "€ 12,50" → cents; null when it is not a price. */
export function eurosToCents(value: string): number | null {
  const match = /^\s*(?:€\s*)?(\d{1,4})(?:[.,](\d{1,2}))?\s*(?:€)?\s*$/.exec(value);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
}

/** Cents → the way an Italian types a price: 1250 → "12,50", 1200 → "12". */
export function centsToEuroInput(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, "0")}`;
}

const slug = z.string().regex(/^[a-z0-9-]{1,40}$/, "errors.categoryUnknown");

export const servicesSchema = z
  .object({
    categories: z.array(slug).max(20, "errors.invalid"),
    prices: z.record(z.string(), z.string()),
  })
  .transform((input, ctx) => {
    const categories = [...new Set(input.categories)];
    if (categories.length === 0) ctx.addIssue({ code: "custom", path: ["categories"], message: "errors.servicesRequired" });
    const services: Array<{ slug: string; cents: number }> = [];
    for (const category of categories) {
      // Own keys only: a category named "constructor" must not reach Object.prototype.
      const raw = (Object.hasOwn(input.prices, category) ? input.prices[category]! : "").trim();
      const cents = raw === "" ? null : eurosToCents(raw);
      if (raw === "") ctx.addIssue({ code: "custom", path: ["prices", category], message: "errors.priceRequired" });
      else if (cents === null) ctx.addIssue({ code: "custom", path: ["prices", category], message: "errors.priceInvalid" });
      else if (cents < MIN_PRICE_CENTS || cents > MAX_PRICE_CENTS) {
        ctx.addIssue({ code: "custom", path: ["prices", category], message: "errors.priceRange" });
      } else services.push({ slug: category, cents });
    }
    return { services };
  });
export type ServicesInput = z.output<typeof servicesSchema>;

// ─── Step 3: zones served ───────────────────────────────────────────────────────────────────

export const radiusChoicesKm = [0, 1, 2, 3, 5, 10] as const;
/** Milan and its first ring, like the search's device-location bounds. */
export const milanBounds = { minLat: 45.3, maxLat: 45.65, minLng: 9.0, maxLng: 9.35 } as const;

const optionalId = z.preprocess(
  (v) => (v === "" || v === null ? undefined : v),
  z.coerce.number("errors.quartiereUnknown").int("errors.quartiereUnknown").min(1, "errors.quartiereUnknown").max(999, "errors.quartiereUnknown").optional(),
);
const optionalCoordinate = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.coerce.number("errors.locationOutside").min(min, "errors.locationOutside").max(max, "errors.locationOutside").optional(),
  );

export const zonesSchema = z
  .object({
    quartieri: z.array(z.coerce.number("errors.quartiereUnknown").int("errors.quartiereUnknown").min(1, "errors.quartiereUnknown").max(999, "errors.quartiereUnknown")).max(200, "errors.invalid"),
    baseQuartiereId: optionalId,
    lat: optionalCoordinate(milanBounds.minLat, milanBounds.maxLat),
    lng: optionalCoordinate(milanBounds.minLng, milanBounds.maxLng),
    baseAddress: text(3, 200, "errors.baseAddressRequired", "errors.baseAddressLong"),
    radiusKm: z.coerce
      .number("errors.radiusInvalid")
      .refine((km) => (radiusChoicesKm as readonly number[]).includes(km), "errors.radiusInvalid"),
  })
  .superRefine((input, ctx) => {
    const hasLocation = input.lat !== undefined && input.lng !== undefined;
    if (input.baseQuartiereId === undefined && !hasLocation) {
      ctx.addIssue({ code: "custom", path: ["baseQuartiereId"], message: "errors.basePointRequired" });
    }
    if (input.quartieri.length === 0 && input.radiusKm === 0) {
      ctx.addIssue({ code: "custom", path: ["quartieri"], message: "errors.zonesRequired" });
    }
  })
  .transform((input) => ({ ...input, quartieri: [...new Set(input.quartieri)].sort((a, b) => a - b) }));
export type ZonesInput = z.output<typeof zonesSchema>;

// ─── Step 4: languages ──────────────────────────────────────────────────────────────────────

export const languagesSchema = z.object({
  languages: z
    .array(z.enum(languageCodes, "errors.languageUnknown"))
    .min(1, "errors.languagesRequired")
    .transform((codes) => languageCodes.filter((code) => codes.includes(code))),
});
export type LanguagesInput = z.output<typeof languagesSchema>;

// ─── Step 5: weekly availability ────────────────────────────────────────────────────────────

export const SLOTS_PER_DAY = 3;
export const SLOT_STEP_MINUTES = 30;
/** ISO weekdays, 1 = Monday … 7 = Sunday, with their codes in the common namespace. */
export const isoWeekdays = [
  { weekday: 1, code: "mon" },
  { weekday: 2, code: "tue" },
  { weekday: 3, code: "wed" },
  { weekday: 4, code: "thu" },
  { weekday: 5, code: "fri" },
  { weekday: 6, code: "sat" },
  { weekday: 7, code: "sun" },
] as const;

/** "09:30" → 570; null unless on the half-hour grid between 00:00 and 24:00. */
export function timeToMinutes(value: string): number | null {
  const match = /^([01]\d|2[0-4]):(00|30)$/.exec(value.trim());
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 1440 ? minutes : null;
}

export function minutesToTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** The half-hour grid offered in the selects: 00:00 … 24:00. */
export const timeOptions: string[] = Array.from({ length: 1440 / SLOT_STEP_MINUTES + 1 }, (_, i) => minutesToTime(i * SLOT_STEP_MINUTES));

export interface WeeklySlot {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

const timeRow = z.object({ start: z.string().default(""), end: z.string().default("") });

/**
 * Seven days (Monday first), each with up to three time ranges. Empty rows are ignored; a row
 * errs when half filled, off the grid, backwards, or overlapping another one that day.
 */
export const availabilitySchema = z
  .object({ days: z.array(z.array(timeRow).max(SLOTS_PER_DAY, "errors.invalid")).length(7, "errors.invalid") })
  .transform((input, ctx) => {
    const slots: WeeklySlot[] = [];
    let rowProblems = 0;
    const problem = (path: Array<string | number>, message: string) => {
      rowProblems++;
      ctx.addIssue({ code: "custom", path, message });
    };
    input.days.forEach((rows, dayIndex) => {
      const day: Array<WeeklySlot & { row: number }> = [];
      rows.forEach((row, rowIndex) => {
        const path = ["days", dayIndex, rowIndex];
        const start = row.start.trim();
        const end = row.end.trim();
        if (start === "" && end === "") return;
        if (start === "" || end === "") return problem(path, "errors.slotIncomplete");
        const startMinute = timeToMinutes(start);
        const endMinute = timeToMinutes(end);
        if (startMinute === null || endMinute === null) return problem(path, "errors.slotGrid");
        if (startMinute >= endMinute) return problem(path, "errors.slotOrder");
        day.push({ weekday: dayIndex + 1, startMinute, endMinute, row: rowIndex });
      });
      day.sort((a, b) => a.startMinute - b.startMinute);
      for (let i = 1; i < day.length; i++) {
        // Touching ranges (9–12 and 12–15) are fine; sharing any minute is not.
        if (day[i]!.startMinute < day[i - 1]!.endMinute) {
          const later = day[i]!.row > day[i - 1]!.row ? day[i]! : day[i - 1]!;
          problem(["days", dayIndex, later.row], "errors.slotOverlap");
        }
      }
      slots.push(...day.map(({ row: _row, ...slot }) => slot));
    });
    // "At least one" only when nothing was attempted: a row with an error says enough.
    if (slots.length === 0 && rowProblems === 0) ctx.addIssue({ code: "custom", path: ["days"], message: "errors.availabilityRequired" });
    return { slots };
  });
export type AvailabilityInput = z.output<typeof availabilitySchema>;

// ─── Step 6: profile (bio, experience; the photo is a file, checked by uploads) ─────────────

export const BIO_MIN = 30;
export const BIO_MAX = 2000;

export const profileSchema = z.object({
  bio: z
    .record(z.string(), z.string())
    .transform((bio, ctx) => {
      const out: Record<string, string> = {};
      for (const [lang, raw] of Object.entries(bio)) {
        if (!(languageCodes as readonly string[]).includes(lang)) continue;
        const value = raw.trim().replace(/\r\n/g, "\n");
        if (value === "") continue;
        if (!isStorableText(value, { multiline: true })) ctx.addIssue({ code: "custom", path: [lang], message: "errors.textInvalid" });
        else if (value.length > BIO_MAX) ctx.addIssue({ code: "custom", path: [lang], message: "errors.bioLong" });
        else if (value.length < BIO_MIN) ctx.addIssue({ code: "custom", path: [lang], message: "errors.bioShort" });
        out[lang] = value;
      }
      if (!out.it) ctx.addIssue({ code: "custom", path: ["it"], message: "errors.bioItalianRequired" });
      return out;
    }),
  yearsExperience: z.coerce
    .number("errors.yearsInvalid")
    .int("errors.yearsInvalid")
    .min(0, "errors.yearsInvalid")
    .max(60, "errors.yearsInvalid"),
});
export type ProfileInput = z.output<typeof profileSchema>;

// ─── Step 7: documents ──────────────────────────────────────────────────────────────────────

export const uploadableDocumentTypes = ["identity", "qualification", "criminal_record_minors", "insurance"] as const;
export type UploadableDocumentType = (typeof uploadableDocumentTypes)[number];

/** Documents that lose their value on a date: the date is asked for and checked. */
export const documentTypesWithExpiry: ReadonlySet<UploadableDocumentType> = new Set(["identity", "criminal_record_minors", "insurance"]);

export const fileRules = {
  document: { maxBytes: 10 * 1024 * 1024, types: ["application/pdf", "image/jpeg", "image/png"] },
  photo: { maxBytes: 5 * 1024 * 1024, types: ["image/jpeg", "image/png", "image/webp"] },
} as const;
export type FileRule = keyof typeof fileRules;

/** Today in Milan as YYYY-MM-DD (expiry dates are Italian calendar days). */
export function todayInMilan(now = new Date()): string {
  return romeDate(now);
}

const isRealDate = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

/** The metadata sent with a document (the file itself is checked by its bytes, see uploads). */
export function documentUploadSchema(today = todayInMilan()) {
  // Only catches typos (year 2202): some certificates are valid for decades.
  const maxYear = Number(today.slice(0, 4)) + 100;
  return z
    .object({
      docType: z.enum(uploadableDocumentTypes, "errors.documentTypeUnknown"),
      expiresOn: z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.string().default("")),
    })
    .transform((input, ctx) => {
      // A type without an expiry has no date field on the page: whatever came is not its date.
      if (!documentTypesWithExpiry.has(input.docType)) return { docType: input.docType, expiresOn: null };
      let expiresOn: string | null = null;
      if (input.expiresOn === "") {
        ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "errors.expiryRequired" });
      } else if (!isRealDate(input.expiresOn)) {
        ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "errors.expiryInvalid" });
      } else if (input.expiresOn < today) {
        // Valid through the day printed on it, as the operators count (verification-rules.ts).
        ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "errors.expiryPast" });
      } else if (Number(input.expiresOn.slice(0, 4)) > maxYear) {
        ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "errors.expiryInvalid" });
      } else expiresOn = input.expiresOn;
      return { docType: input.docType, expiresOn };
    });
}
export type DocumentUploadInput = z.output<ReturnType<typeof documentUploadSchema>>;

// ─── Organisations: adding a worker ─────────────────────────────────────────────────────────

export const workerSchema = z.object({
  name: text(2, 80, "errors.displayNameShort", "errors.displayNameLong"),
  email: z.string("errors.emailInvalid").trim().toLowerCase().pipe(z.email("errors.emailInvalid")),
  categories: z.array(slug).min(1, "errors.servicesRequired").transform((c) => [...new Set(c)]),
});
export type WorkerInput = z.output<typeof workerSchema>;

// ─── From a submitted form to each schema's raw input ───────────────────────────────────────

const str = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};
const strs = (formData: FormData, name: string) => formData.getAll(name).filter((v): v is string => typeof v === "string");

/** The form field names of a time range, shared by the form and the parser. */
export const slotFieldName = (dayIndex: number, row: number, edge: "start" | "end") => `days.${dayIndex}.${row}.${edge}`;

/**
 * The raw input of a step as the form sent it. What the person typed is kept as typed, so the
 * form can show it again next to the errors.
 */
export function stepInputFromForm(step: OnboardingStep, formData: FormData): Record<string, unknown> {
  switch (step) {
    case "identity":
      return {
        kind: str(formData, "kind"),
        displayName: str(formData, "displayName"),
        organisationName: str(formData, "organisationName"),
        fiscalCode: str(formData, "fiscalCode"),
        vatNumber: str(formData, "vatNumber"),
      };
    case "services": {
      const prices: Record<string, string> = {};
      for (const [key, value] of formData.entries()) {
        if (key.startsWith("price.") && typeof value === "string") prices[key.slice("price.".length)] = value;
      }
      return { categories: strs(formData, "categories"), prices };
    }
    case "zones":
      return {
        quartieri: strs(formData, "quartieri"),
        baseQuartiereId: str(formData, "baseQuartiereId"),
        lat: str(formData, "lat"),
        lng: str(formData, "lng"),
        baseAddress: str(formData, "baseAddress"),
        radiusKm: str(formData, "radiusKm") || "0",
      };
    case "languages":
      return { languages: strs(formData, "languages") };
    case "availability":
      return {
        days: isoWeekdays.map((_, dayIndex) =>
          Array.from({ length: SLOTS_PER_DAY }, (_, row) => ({
            start: str(formData, slotFieldName(dayIndex, row, "start")),
            end: str(formData, slotFieldName(dayIndex, row, "end")),
          })),
        ),
      };
    case "profile": {
      const bio: Record<string, string> = {};
      for (const [key, value] of formData.entries()) {
        if (key.startsWith("bio.") && typeof value === "string") bio[key.slice("bio.".length)] = value;
      }
      return { bio, yearsExperience: str(formData, "yearsExperience") };
    }
    case "documents":
      return { docType: str(formData, "docType"), expiresOn: str(formData, "expiresOn") };
    case "review":
      return {};
  }
}

export function workerInputFromForm(formData: FormData): Record<string, unknown> {
  return { name: str(formData, "name"), email: str(formData, "email"), categories: strs(formData, "categories") };
}
