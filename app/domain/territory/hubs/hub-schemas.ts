import { z } from "zod";
import { isStorableText } from "~/utils/storable-text";
import { isUuid } from "~/utils/uuid";
import { MAX_WINDOWS_PER_DAY, WEEKDAYS, openingHoursProblems, sortOpeningHours, type OpeningHoursProblemCode, type OpeningWindow } from "./opening-hours";
import { isCalendarDate, parseTimeOfDay, romeWallTimeToInstant } from "./rome-time";

/**
 * The hubs' forms and query strings: one zod schema each, shared by the server (validation before
 * any write) and the forms (error display). Messages are keys of the "hub" namespace; a field's
 * error is keyed by its input name ("title", "hours.3.1", …), "_form" is about the whole form.
 */
export type FieldErrors = Record<string, string>;

export type ParseResult<T> = { data: T; errors: null } | { data: null; errors: FieldErrors };

function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join(".") : "_form";
    errors[key] ??= issue.message.startsWith("errors.") ? issue.message : "errors.invalid";
  }
  return errors;
}

function parseWith<S extends z.ZodType>(schema: S, raw: unknown): ParseResult<z.output<S>> {
  const parsed = schema.safeParse(raw);
  return parsed.success ? { data: parsed.data, errors: null } : { data: null, errors: fieldErrorsOf(parsed.error) };
}

const formString = (formData: FormData, name: string): string => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

const text = (min: number, max: number, short: string, long: string) =>
  z
    .string("errors.required")
    .trim()
    .min(min, short)
    .max(max, long)
    .refine((value) => isStorableText(value), "errors.textInvalid");

// ─── Public list: filters ───────────────────────────────────────────────────────────────────

export interface HubFilters {
  municipioId?: number;
  quartiereId?: number;
}

const filtersSchema = z.object({
  municipio: z.coerce.number().int().min(1).max(99).optional().catch(undefined),
  quartiere: z.coerce.number().int().min(1).max(999).optional().catch(undefined),
});

/** The list's query string; anything malformed is ignored. */
export function parseHubFilters(params: URLSearchParams): HubFilters {
  const parsed = filtersSchema.parse({ municipio: params.get("municipio") || undefined, quartiere: params.get("quartiere") || undefined });
  return { municipioId: parsed.municipio, quartiereId: parsed.quartiere };
}

// ─── Sign-up for an event (family) ──────────────────────────────────────────────────────────

export const signupIntents = ["signup", "cancel"] as const;
export type SignupIntent = (typeof signupIntents)[number];

export const signupFormSchema = z.object({
  intent: z.enum(signupIntents, "errors.invalid"),
  eventId: z.string("errors.invalid").refine(isUuid, "errors.invalid"),
});

/** What a sign-up form did, shown after the redirect (`?done=`). */
export const signupDoneValues = ["signed_up", "already", "cancelled", "not_signed_up"] as const;
export type SignupDone = (typeof signupDoneValues)[number];

/**
 * The `?done=` notice to show, if it agrees with the event as it is now: a crafted link can't
 * say "you're signed up" to someone who is not.
 */
export function signupNotice(param: string | null, event: { signedUp: boolean } | undefined): SignupDone | null {
  const done = signupDoneValues.find((d) => d === param);
  if (!done || !event) return null;
  const claimsPlace = done === "signed_up" || done === "already";
  return claimsPlace === event.signedUp ? done : null;
}

export function parseSignupForm(formData: FormData): ParseResult<z.output<typeof signupFormSchema>> {
  return parseWith(signupFormSchema, { intent: formData.get("intent") ?? undefined, eventId: formData.get("eventId") ?? undefined });
}

// ─── A hub's details (operators; the quartieri covered only by an admin) ────────────────────

export const HUB_NAME_MAX = 120;
export const HUB_ADDRESS_MAX = 200;
/** Milan's municipal area, generously: a hub outside it is a typing error. */
export const MILAN_BOUNDS = { minLat: 45.35, maxLat: 45.58, minLng: 9.02, maxLng: 9.31 } as const;

const coordinate = (min: number, max: number, message: string) =>
  z.string().transform((raw, ctx) => {
    const value = raw.trim().replace(",", ".");
    if (value === "") return null;
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return n;
  });

export const hubDetailsSchema = z.object({
  name: text(3, HUB_NAME_MAX, "errors.nameShort", "errors.nameLong"),
  address: text(5, HUB_ADDRESS_MAX, "errors.addressShort", "errors.addressLong"),
  /** Empty: the centre of the first quartiere covered. */
  lat: coordinate(MILAN_BOUNDS.minLat, MILAN_BOUNDS.maxLat, "errors.latOutside"),
  lng: coordinate(MILAN_BOUNDS.minLng, MILAN_BOUNDS.maxLng, "errors.lngOutside"),
});

const coverageSchema = z
  .array(z.coerce.number("errors.quartiereUnknown").int("errors.quartiereUnknown").min(1, "errors.quartiereUnknown").max(999, "errors.quartiereUnknown"))
  .min(1, "errors.quartieriRequired")
  .max(88, "errors.quartiereUnknown")
  .transform((ids) => [...new Set(ids)].sort((a, b) => a - b));

export const hubDetailsWithCoverageSchema = hubDetailsSchema.extend({ quartieri: coverageSchema });

export type HubDetailsInput = z.output<typeof hubDetailsSchema> & { quartieri?: number[] };

/** What was typed, to refill the form after an error. */
export interface HubDetailsValues {
  name: string;
  address: string;
  lat: string;
  lng: string;
  quartieri: string[];
}

export function hubDetailsValuesFromForm(formData: FormData): HubDetailsValues {
  return {
    name: formString(formData, "name"),
    address: formString(formData, "address"),
    lat: formString(formData, "lat"),
    lng: formString(formData, "lng"),
    quartieri: formData.getAll("quartieri").filter((v): v is string => typeof v === "string"),
  };
}

/** The details form; with `withCoverage` (an admin's form) the quartieri covered too. */
export function parseHubDetails(values: HubDetailsValues, options: { withCoverage: boolean }): ParseResult<HubDetailsInput> {
  return options.withCoverage ? parseWith(hubDetailsWithCoverageSchema, values) : parseWith(hubDetailsSchema, values);
}

// ─── Opening hours (operators) ──────────────────────────────────────────────────────────────

/** The input names of one row of the hours form: day 1–7, row 0–2. */
export const hoursFieldName = (weekday: number, row: number, end: "start" | "end") => `hours.${weekday}.${row}.${end}`;
/** The key of a row's error. */
export const hoursRowKey = (weekday: number, row: number) => `hours.${weekday}.${row}`;

export type HoursValues = Record<string, string>;

export function hoursValuesFromForm(formData: FormData): HoursValues {
  const values: HoursValues = {};
  for (const weekday of WEEKDAYS) {
    for (let row = 0; row < MAX_WINDOWS_PER_DAY; row++) {
      for (const end of ["start", "end"] as const) values[hoursFieldName(weekday, row, end)] = formString(formData, hoursFieldName(weekday, row, end)).trim();
    }
  }
  return values;
}

const problemMessages: Record<OpeningHoursProblemCode, string> = {
  weekday: "errors.invalid",
  range: "errors.hoursTime",
  order: "errors.hoursOrder",
  overlap: "errors.hoursOverlap",
  tooMany: "errors.invalid",
};

/**
 * Seven days of up to three "from–to" rows (times "HH:MM"; "24:00" may end a day). Empty rows
 * are ignored, and no rows at all means no published hours. A row errs when half filled, not a
 * time, ending before it starts, or overlapping another row that day.
 */
export function parseOpeningHoursForm(values: HoursValues): ParseResult<OpeningWindow[]> {
  const errors: FieldErrors = {};
  const windows: OpeningWindow[] = [];
  const rowOf: string[] = [];
  for (const weekday of WEEKDAYS) {
    for (let row = 0; row < MAX_WINDOWS_PER_DAY; row++) {
      const start = values[hoursFieldName(weekday, row, "start")] ?? "";
      const end = values[hoursFieldName(weekday, row, "end")] ?? "";
      if (start === "" && end === "") continue;
      const key = hoursRowKey(weekday, row);
      if (start === "" || end === "") {
        errors[key] = "errors.hoursIncomplete";
        continue;
      }
      const startMinute = parseTimeOfDay(start);
      const endMinute = parseTimeOfDay(end, { allowMidnightEnd: true });
      if (startMinute === null || endMinute === null) {
        errors[key] = "errors.hoursTime";
        continue;
      }
      windows.push({ weekday, startMinute, endMinute });
      rowOf.push(key);
    }
  }
  for (const problem of openingHoursProblems(windows)) errors[rowOf[problem.index]!] ??= problemMessages[problem.code];
  return Object.keys(errors).length > 0 ? { data: null, errors } : { data: sortOpeningHours(windows), errors: null };
}

// ─── Events (operators) ─────────────────────────────────────────────────────────────────────

export const EVENT_TITLE_MAX = 120;
export const EVENT_DESCRIPTION_MAX = 2000;
export const EVENT_CAPACITY_MAX = 10_000;

export interface EventValues {
  title: string;
  description: string;
  date: string;
  startTime: string;
  endTime: string;
  capacity: string;
}

export function eventValuesFromForm(formData: FormData): EventValues {
  return {
    title: formString(formData, "title"),
    description: formString(formData, "description"),
    date: formString(formData, "date").trim(),
    startTime: formString(formData, "startTime").trim(),
    endTime: formString(formData, "endTime").trim(),
    capacity: formString(formData, "capacity").trim(),
  };
}

/**
 * An event on one day in Milan: date, start and end time on its wall clock (a time the clocks
 * skip in March is refused; one they show twice in October is the first), and its places.
 * Whether the day is still ahead is the domain's check, which knows the time.
 */
export const eventSchema = z
  .object({
    title: text(3, EVENT_TITLE_MAX, "errors.titleShort", "errors.titleLong"),
    description: z
      .string()
      .trim()
      .max(EVENT_DESCRIPTION_MAX, "errors.descriptionLong")
      .refine((value) => isStorableText(value, { multiline: true }), "errors.textInvalid")
      .transform((value) => value.replace(/\r\n/g, "\n")),
    date: z.string().refine(isCalendarDate, "errors.dateInvalid"),
    startTime: z.string().refine((v) => parseTimeOfDay(v) !== null, "errors.timeInvalid"),
    endTime: z.string().refine((v) => parseTimeOfDay(v) !== null, "errors.timeInvalid"),
    capacity: z.coerce
      .number("errors.capacityInvalid")
      .int("errors.capacityInvalid")
      .min(1, "errors.capacityInvalid")
      .max(EVENT_CAPACITY_MAX, "errors.capacityInvalid"),
  })
  .transform((input, ctx) => {
    const start = romeWallTimeToInstant(input.date, parseTimeOfDay(input.startTime)!);
    const end = romeWallTimeToInstant(input.date, parseTimeOfDay(input.endTime)!);
    if (!start.ok) ctx.addIssue({ code: "custom", path: ["startTime"], message: "errors.timeSkipped" });
    if (!end.ok) ctx.addIssue({ code: "custom", path: ["endTime"], message: "errors.timeSkipped" });
    if (!start.ok || !end.ok) return z.NEVER;
    if (end.instant <= start.instant) {
      ctx.addIssue({ code: "custom", path: ["endTime"], message: "errors.endBeforeStart" });
      return z.NEVER;
    }
    return { title: input.title, description: input.description, startsAt: start.instant, endsAt: end.instant, capacity: input.capacity };
  });

export type EventInput = z.output<typeof eventSchema>;

export function parseEventForm(values: EventValues): ParseResult<EventInput> {
  return parseWith(eventSchema, values);
}

// ─── Which form an operator sent ────────────────────────────────────────────────────────────

export const hubFormIntents = ["details", "hours", "createEvent"] as const;
export type HubFormIntent = (typeof hubFormIntents)[number];
export const eventFormIntents = ["update", "cancel"] as const;
export type EventFormIntent = (typeof eventFormIntents)[number];

export function formIntent<T extends readonly string[]>(formData: FormData, intents: T): T[number] | null {
  const value = formData.get("intent");
  return typeof value === "string" && (intents as readonly string[]).includes(value) ? value : null;
}
