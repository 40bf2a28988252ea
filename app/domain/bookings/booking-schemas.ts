import { z } from "zod";
import { isStorableText } from "~/utils/storable-text";
import { eurosToCents, MAX_PRICE_CENTS, MIN_PRICE_CENTS, timeToMinutes } from "../providers/onboarding-schemas";
import { isoWeekday, kindOf, normaliseWeekdays, scheduleProblems, type ScheduleField, type WeeklyPattern } from "./schedule";

/**
 * The booking forms: one zod schema per form, shared by the server (validation) and the pages
 * (error display). Error messages are keys of the "booking" namespace. What a person typed comes
 * back as typed (…InputFromForm), so a form with errors is shown again without retyping anything.
 */

/** Field name → message key. "_form" is about the whole form. */
export type BookingFieldErrors = Record<string, string>;

export function fieldErrorsOf(error: z.ZodError): BookingFieldErrors {
  const errors: BookingFieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : "_form";
    errors[key] ??= issue.message.startsWith("errors.") ? issue.message : "errors.invalid";
  }
  return errors;
}

const str = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};
const strs = (formData: FormData, name: string) => formData.getAll(name).filter((v): v is string => typeof v === "string");

const text = (max: number, options: { min?: number; multiline?: boolean; required?: string; long: string }) =>
  z
    .string()
    .default("")
    .transform((v) => v.trim().replace(/\r\n/g, "\n"))
    .superRefine((value, ctx) => {
      if (options.min && value.length < options.min) ctx.addIssue({ code: "custom", message: options.required ?? "errors.required" });
      else if (value.length > max) ctx.addIssue({ code: "custom", message: options.long });
      else if (!isStorableText(value, { multiline: options.multiline })) ctx.addIssue({ code: "custom", message: "errors.textInvalid" });
    });

// ─── The time of a booking (request and counter-offer share it) ─────────────────────────────

export const bookingKinds = ["one_off", "recurring"] as const;

/** The schedule fields as the form sends them. */
export interface ScheduleRaw {
  kind: string;
  /** A one-off's day. */
  date: string;
  /** A recurring booking's weekdays ("1" … "7"). */
  weekdays: string[];
  firstDate: string;
  lastDate: string;
  startTime: string;
  endTime: string;
}

export function scheduleInputFromForm(formData: FormData): ScheduleRaw {
  return {
    kind: str(formData, "kind"),
    date: str(formData, "date").trim(),
    weekdays: strs(formData, "weekdays"),
    firstDate: str(formData, "firstDate").trim(),
    lastDate: str(formData, "lastDate").trim(),
    startTime: str(formData, "startTime"),
    endTime: str(formData, "endTime"),
  };
}

const scheduleErrorKeys: Record<string, string> = {
  weekdays_required: "errors.weekdaysRequired",
  weekday_invalid: "errors.weekdaysRequired",
  time_invalid: "errors.timeInvalid",
  time_order: "errors.timeOrder",
  too_short: "errors.tooShort",
  date_invalid: "errors.dateInvalid",
  date_order: "errors.dateOrder",
  in_the_past: "errors.inThePast",
  too_long: "errors.tooLong",
  too_far: "errors.tooFar",
  no_sessions: "errors.noSessions",
};

/**
 * The schedule part of a form → a weekly pattern, or field errors. A one-off has one field for
 * its day ("date"), a recurring booking its weekdays and first and last day.
 */
export function parseSchedule(raw: ScheduleRaw, now: Date): { pattern: WeeklyPattern } | { errors: BookingFieldErrors } {
  const errors: BookingFieldErrors = {};
  if (raw.kind !== "one_off" && raw.kind !== "recurring") return { errors: { kind: "errors.kindRequired" } };
  const oneOff = raw.kind === "one_off";
  const startMinute = raw.startTime.trim() === "" ? null : timeToMinutes(raw.startTime);
  const endMinute = raw.endTime.trim() === "" ? null : timeToMinutes(raw.endTime);
  if (raw.startTime.trim() === "") errors.startTime = "errors.timeRequired";
  else if (startMinute === null || startMinute >= 1440) errors.startTime = "errors.timeInvalid";
  if (raw.endTime.trim() === "") errors.endTime = "errors.timeRequired";
  else if (endMinute === null || endMinute === 0) errors.endTime = "errors.timeInvalid";

  const firstDate = oneOff ? raw.date : raw.firstDate;
  const lastDate = oneOff ? raw.date : raw.lastDate;
  if (oneOff && raw.date === "") errors.date = "errors.dateRequired";
  if (!oneOff && raw.firstDate === "") errors.firstDate = "errors.dateRequired";
  if (!oneOff && raw.lastDate === "") errors.lastDate = "errors.dateRequired";

  const numbers = raw.weekdays.map((d) => Number(d));
  if (!oneOff && numbers.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) errors.weekdays = "errors.weekdaysRequired";
  if (!oneOff && raw.weekdays.length === 0) errors.weekdays = "errors.weekdaysRequired";
  if (Object.keys(errors).length > 0) return { errors };

  const pattern: WeeklyPattern = {
    weekdays: oneOff ? [] : normaliseWeekdays(numbers),
    startMinute: startMinute!,
    endMinute: endMinute!,
    firstDate,
    lastDate,
  };
  if (oneOff && /^\d{4}-\d{2}-\d{2}$/.test(raw.date)) pattern.weekdays = [isoWeekday(raw.date)];
  for (const problem of scheduleProblems(pattern, now)) {
    const field: string = oneOff && (problem.field === "firstDate" || problem.field === "lastDate" || problem.field === "weekdays") ? "date" : problem.field;
    errors[field] ??= scheduleErrorKeys[problem.code] ?? "errors.invalid";
  }
  if (Object.keys(errors).length > 0) return { errors };
  // A range of one day is a one-off whichever way it was entered.
  if (kindOf(pattern) === "one_off") pattern.weekdays = [isoWeekday(pattern.firstDate)];
  return { pattern };
}

/** Field names of the schedule part, in the order they appear on the forms (for the error summary). */
export const scheduleFields: ReadonlyArray<ScheduleField | "kind" | "date"> = ["kind", "date", "weekdays", "firstDate", "lastDate", "startTime", "endTime"];

// ─── Asking for a service ───────────────────────────────────────────────────────────────────

export const MESSAGE_MAX = 2000;
export const NOTES_MAX = 1000;

const requestDetailsSchema = z.object({
  category: z.string().regex(/^[a-z0-9-]{1,40}$/, "errors.categoryRequired"),
  quartiere: z.coerce.number("errors.quartiereRequired").int("errors.quartiereRequired").min(1, "errors.quartiereRequired").max(999, "errors.quartiereRequired"),
  address: text(200, { min: 5, required: "errors.addressRequired", long: "errors.addressLong" }),
  careNotes: text(NOTES_MAX, { multiline: true, long: "errors.notesLong" }),
  phone: z
    .string()
    .default("")
    .transform((v) => v.trim())
    .refine((v) => v === "" || /^\+?[0-9][0-9 ()./-]{4,22}[0-9]$/.test(v), "errors.phoneInvalid"),
  message: text(MESSAGE_MAX, { min: 1, multiline: true, required: "errors.messageRequired", long: "errors.messageLong" }),
});

export interface RequestRaw extends ScheduleRaw {
  category: string;
  quartiere: string;
  address: string;
  careNotes: string;
  phone: string;
  message: string;
}

export function requestInputFromForm(formData: FormData): RequestRaw {
  return {
    ...scheduleInputFromForm(formData),
    category: str(formData, "category"),
    quartiere: str(formData, "quartiere"),
    address: str(formData, "address"),
    careNotes: str(formData, "careNotes"),
    phone: str(formData, "phone"),
    message: str(formData, "message"),
  };
}

export interface RequestInput {
  categorySlug: string;
  pattern: WeeklyPattern;
  quartiereId: number;
  address: string;
  careNotes: string;
  phone: string | null;
  message: string;
}

/**
 * The request form → what to book, or every field error at once (schedule and details together).
 * With errors in the other fields, a valid schedule still comes back, so its clashes with the
 * provider's time can be explained in the same answer.
 */
export function parseRequestForm(raw: RequestRaw, now: Date): { data: RequestInput } | { errors: BookingFieldErrors; pattern?: WeeklyPattern } {
  const schedule = parseSchedule(raw, now);
  const details = requestDetailsSchema.safeParse({ ...raw, quartiere: raw.quartiere === "" ? undefined : raw.quartiere });
  const errors: BookingFieldErrors = {
    ...("errors" in schedule ? schedule.errors : {}),
    ...(details.success ? {} : fieldErrorsOf(details.error)),
  };
  if ("errors" in schedule) return { errors };
  if (!details.success) return { errors, pattern: schedule.pattern };
  const d = details.data;
  return {
    data: {
      categorySlug: d.category,
      pattern: schedule.pattern,
      quartiereId: d.quartiere,
      address: d.address,
      careNotes: d.careNotes,
      phone: d.phone === "" ? null : d.phone,
      message: d.message,
    },
  };
}

/** Order of the request form's fields, for the error summary's links. */
export const requestFields = ["category", ...scheduleFields, "quartiere", "address", "careNotes", "phone", "message"] as const;

// ─── The provider's answers ─────────────────────────────────────────────────────────────────

export const paymentModes = ["online", "direct"] as const;

export const acceptSchema = z.object({
  paymentMode: z.enum(paymentModes, "errors.paymentModeRequired"),
});

export const declineSchema = z.object({
  reason: text(500, { min: 3, multiline: true, required: "errors.reasonRequired", long: "errors.reasonLong" }),
});

export const optionalReasonSchema = z.object({
  reason: text(500, { multiline: true, long: "errors.reasonLong" }),
});

export interface CounterOfferRaw extends ScheduleRaw {
  price: string;
  note: string;
}

export function counterOfferInputFromForm(formData: FormData): CounterOfferRaw {
  return { ...scheduleInputFromForm(formData), price: str(formData, "price"), note: str(formData, "note") };
}

export interface CounterOfferInput {
  pattern: WeeklyPattern;
  hourlyPriceCents: number;
  note: string;
}

const noteSchema = text(500, { multiline: true, long: "errors.noteLong" });

export function parseCounterOfferForm(raw: CounterOfferRaw, now: Date): { data: CounterOfferInput } | { errors: BookingFieldErrors } {
  const schedule = parseSchedule(raw, now);
  const errors: BookingFieldErrors = "errors" in schedule ? { ...schedule.errors } : {};
  const cents = raw.price.trim() === "" ? null : eurosToCents(raw.price);
  if (raw.price.trim() === "") errors.price = "errors.priceRequired";
  else if (cents === null) errors.price = "errors.priceInvalid";
  else if (cents < MIN_PRICE_CENTS || cents > MAX_PRICE_CENTS) errors.price = "errors.priceRange";
  const note = noteSchema.safeParse(raw.note);
  if (!note.success) errors.note = note.error.issues[0]?.message ?? "errors.invalid";
  if ("errors" in schedule || Object.keys(errors).length > 0) return { errors };
  return { data: { pattern: schedule.pattern, hourlyPriceCents: cents!, note: note.data! } };
}

export const counterOfferFields = [...scheduleFields, "price", "note"] as const;

// ─── Cancelling ─────────────────────────────────────────────────────────────────────────────

export const cancelSchema = z.object({
  reason: text(500, { multiline: true, long: "errors.reasonLong" }),
  /** The refund the page showed: if the policy gives another figure now, the person confirms again. */
  expectedRefundCents: z.coerce.number("errors.invalid").int("errors.invalid").min(0, "errors.invalid"),
});
