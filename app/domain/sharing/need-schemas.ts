import { z } from "zod";
import { categorySlugs } from "../../../db/seed/catalogue";
import { milanBounds, minutesToTime, timeToMinutes } from "~/domain/providers/onboarding-schemas";
import { isStorableText } from "~/utils/storable-text";
import { normalizeWindows } from "./aggregation/time-windows";
import type { WeeklyWindow } from "./aggregation/types";

/**
 * The need form (a family's, or an operator's at a hub desk for someone without an account): one
 * zod schema shared by the server and the page, which shows each message (a key of the "sharing"
 * namespace) next to its field. Time windows are rows of weekday checkboxes with a from/to time
 * on the half-hour grid (the grid bookings use, so a group can later book exactly those times).
 */

/** Rows of times the form shows (at least); up to MAX_WINDOW_ROWS are read. */
export const WINDOW_ROWS = 3;
export const MAX_WINDOW_ROWS = 7;
export const WALK_OPTIONS = [300, 500, 800, 1200] as const;
export const DEFAULT_WALK_M = 500;
export const ADDRESS_MAX = 200;
export const DETAILS_MAX = 1000;
export const ON_BEHALF_MAX = 120;
export const CONTACT_NOTE_MAX = 300;
export const PERSONS_MAX = 12;
export const CHILD_AGE_MAX = 17;
/** Groups share at least an hour (the engine's shortest shared slot): shorter windows could never be grouped. */
export const MIN_WINDOW_MINUTES = 60;
export const BUDGET_MAX_CENTS = 20_000;
/** A location from the device is kept only to about this many metres. */
export const LOCATION_GRID_M = 50;

/** Services that care for children: their ages limit a group (see aggregation/group-rules.ts). */
export const childcareCategories: ReadonlySet<string> = new Set(["babysitter", "doposcuola"]);

/** Field → message key. Window rows are "w0", "w1", …; problems of the whole form are "form". */
export type FieldErrors = Partial<Record<string, string>>;

export interface WindowRowRaw {
  days: string[];
  from: string;
  to: string;
}

/** The form as typed (kept to fill the form again after an error). */
export interface NeedRaw {
  category: string;
  windows: WindowRowRaw[];
  address: string;
  quartiereId: string;
  lat: string;
  lng: string;
  condominiumId: string;
  details: string;
  childrenAges: string;
  persons: string;
  budget: string;
  openToSharing: string;
  maxWalk: string;
  /** Only on an operator's form. */
  onBehalfOf?: string;
  contactNote?: string;
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/** Reads the need form's fields (every one a string, the weekday checkboxes a list). */
export function needRawFromForm(form: FormData): NeedRaw {
  const windows: WindowRowRaw[] = [];
  for (let i = 0; i < MAX_WINDOW_ROWS; i++) {
    if (i >= WINDOW_ROWS && !form.has(`w${i}_from`) && !form.has(`w${i}_days`)) break;
    windows.push({
      days: form.getAll(`w${i}_days`).filter((v): v is string => typeof v === "string"),
      from: text(form, `w${i}_from`),
      to: text(form, `w${i}_to`),
    });
  }
  const raw: NeedRaw = {
    category: text(form, "category"),
    windows,
    address: text(form, "address"),
    quartiereId: text(form, "quartiereId"),
    lat: text(form, "lat"),
    lng: text(form, "lng"),
    condominiumId: text(form, "condominiumId"),
    details: text(form, "details"),
    childrenAges: text(form, "childrenAges"),
    persons: text(form, "persons"),
    budget: text(form, "budget"),
    // An unchecked box sends nothing: the form always sends "yes" or "no" with radio buttons.
    openToSharing: text(form, "openToSharing") || "yes",
    maxWalk: text(form, "maxWalk"),
  };
  if (form.has("onBehalfOf")) {
    raw.onBehalfOf = text(form, "onBehalfOf");
    raw.contactNote = text(form, "contactNote");
  }
  return raw;
}

/** Stored windows back into form rows: one row per distinct time range, with its weekdays. */
export function windowsToRows(windows: readonly WeeklyWindow[]): WindowRowRaw[] {
  const rows = new Map<string, WindowRowRaw>();
  for (const w of [...windows].sort((a, b) => a.startMinute - b.startMinute || a.endMinute - b.endMinute || a.weekday - b.weekday)) {
    const key = `${w.startMinute}-${w.endMinute}`;
    const row = rows.get(key) ?? { days: [], from: minutesToTime(w.startMinute), to: minutesToTime(w.endMinute) };
    row.days.push(String(w.weekday));
    rows.set(key, row);
  }
  const out = [...rows.values()].slice(0, MAX_WINDOW_ROWS);
  while (out.length < WINDOW_ROWS) out.push({ days: [], from: "", to: "" });
  return out;
}

/** An empty form (the defaults a new need starts from). */
export function emptyNeedRaw(overrides: Partial<NeedRaw> = {}): NeedRaw {
  return {
    category: "",
    windows: Array.from({ length: WINDOW_ROWS }, () => ({ days: [], from: "", to: "" })),
    address: "",
    quartiereId: "",
    lat: "",
    lng: "",
    condominiumId: "",
    details: "",
    childrenAges: "",
    persons: "1",
    budget: "",
    openToSharing: "yes",
    maxWalk: String(DEFAULT_WALK_M),
    ...overrides,
  };
}

const line = (min: number, max: number, required: string, tooLong: string, invalid: string) =>
  z
    .string({ error: required })
    .trim()
    .min(min, { error: required })
    .max(max, { error: tooLong })
    .refine((value) => isStorableText(value), { error: invalid });

const coordinate = (min: number, max: number) =>
  z
    .string()
    .trim()
    .transform((value, ctx) => {
      if (value === "") return null;
      const n = Number(value);
      if (!Number.isFinite(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: "errors.locationOutside" });
        return z.NEVER;
      }
      return n;
    });

/** "12", "12,50", "€ 12.5" → cents (exactly, no floating point); "" → null. */
export function parseEuros(value: string): { cents: number | null } | { error: string } {
  const trimmed = value.trim();
  if (trimmed === "") return { cents: null };
  if (/^-/.test(trimmed.replace(/^€\s*/, ""))) return { error: "errors.budgetNegative" };
  const match = /^(?:€\s*)?(\d{1,5})(?:[.,](\d{1,2}))?\s*(?:€)?$/.exec(trimmed);
  if (!match) return { error: "errors.budgetInvalid" };
  return { cents: Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0")) };
}

const windowRow = z.object({
  days: z.array(z.string()).max(7),
  from: z.string(),
  to: z.string(),
});

/** One filled row → its windows; an empty row → none; a wrong row → an issue on that row. */
function rowWindows(row: z.infer<typeof windowRow>, index: number, ctx: z.RefinementCtx): WeeklyWindow[] {
  const from = row.from.trim();
  const to = row.to.trim();
  if (row.days.length === 0 && from === "" && to === "") return [];
  const issue = (message: string) => {
    ctx.addIssue({ code: "custom", path: [index], message });
    return [];
  };
  if (row.days.length === 0) return issue("errors.windowDays");
  const days = [...new Set(row.days.map(Number))];
  if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) return issue("errors.windowDays");
  if (from === "" || to === "") return issue("errors.windowTimes");
  const start = timeToMinutes(from);
  const end = timeToMinutes(to);
  if (start === null || end === null) return issue("errors.windowTimes");
  if (end <= start) return issue("errors.windowOrder");
  if (end - start < MIN_WINDOW_MINUTES) return issue("errors.windowTooShort");
  return days.map((weekday) => ({ weekday, startMinute: start, endMinute: end }));
}

const needFields = {
  category: z.enum(categorySlugs, { error: "errors.categoryRequired" }),
  windows: z
    .array(windowRow)
    .max(MAX_WINDOW_ROWS)
    .transform((rows, ctx) => {
      const windows = rows.flatMap((row, i) => rowWindows(row, i, ctx));
      const allEmpty = rows.every((r) => r.days.length === 0 && r.from.trim() === "" && r.to.trim() === "");
      if (allEmpty) ctx.addIssue({ code: "custom", path: [0], message: "errors.windowsRequired" });
      return normalizeWindows(windows);
    }),
  address: line(3, ADDRESS_MAX, "errors.addressRequired", "errors.addressTooLong", "errors.addressInvalid"),
  quartiereId: z
    .string()
    .trim()
    .min(1, { error: "errors.quartiereRequired" })
    .regex(/^[1-9][0-9]{0,2}$/, { error: "errors.quartiereUnknown" })
    .transform(Number),
  lat: coordinate(milanBounds.minLat, milanBounds.maxLat),
  lng: coordinate(milanBounds.minLng, milanBounds.maxLng),
  condominiumId: z
    .string()
    .trim()
    .refine((v) => v === "" || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v), { error: "errors.condominiumNotYours" })
    .transform((v) => (v === "" ? null : v.toLowerCase())),
  details: z
    .string()
    .trim()
    .max(DETAILS_MAX, { error: "errors.detailsTooLong" })
    .refine((value) => isStorableText(value, { multiline: true }), { error: "errors.detailsInvalid" }),
  childrenAges: z
    .string()
    .trim()
    .transform((value, ctx) => {
      if (value === "") return [] as number[];
      const parts = value.split(/[\s,;]+/).filter(Boolean);
      const ages = parts.map((p) => (/^\d{1,2}$/.test(p) ? Number(p) : NaN));
      if (ages.some((a) => !Number.isInteger(a) || a < 0 || a > CHILD_AGE_MAX) || ages.length > PERSONS_MAX) {
        ctx.addIssue({ code: "custom", message: "errors.childrenAgesInvalid" });
        return z.NEVER;
      }
      return ages;
    }),
  persons: z
    .string()
    .trim()
    .transform((v) => (v === "" ? "1" : v))
    .pipe(z.string().regex(/^\d{1,2}$/, { error: "errors.personsRange" }))
    .transform(Number)
    .pipe(z.number().int().min(1, { error: "errors.personsRange" }).max(PERSONS_MAX, { error: "errors.personsRange" })),
  budget: z.string().transform((value, ctx) => {
    const parsed = parseEuros(value);
    if ("error" in parsed) {
      ctx.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    }
    if (parsed.cents !== null && parsed.cents > BUDGET_MAX_CENTS) {
      ctx.addIssue({ code: "custom", message: "errors.budgetTooHigh" });
      return z.NEVER;
    }
    return parsed.cents;
  }),
  openToSharing: z.enum(["yes", "no"], { error: "errors.openToSharing" }).transform((v) => v === "yes"),
  maxWalk: z
    .string()
    .transform((v) => (v === "" ? String(DEFAULT_WALK_M) : v))
    .pipe(z.enum(WALK_OPTIONS.map(String) as [string, ...string[]], { error: "errors.maxWalk" }))
    .transform(Number),
};

/** Checks between fields: both coordinates or none; no more children's ages than persons. */
function refineNeed(input: { lat: number | null; lng: number | null; childrenAges: number[]; persons: number }, ctx: z.RefinementCtx): void {
  if ((input.lat === null) !== (input.lng === null)) ctx.addIssue({ code: "custom", path: ["location"], message: "errors.locationOutside" });
  if (input.childrenAges.length > input.persons) ctx.addIssue({ code: "custom", path: ["childrenAges"], message: "errors.childrenAgesCount" });
}

/** Rounds a device position to a ~50 m grid: enough to find neighbours, not enough to find a door. */
export function roundLocation(lat: number, lng: number, gridMetres = LOCATION_GRID_M): { lat: number; lng: number } {
  const latStep = gridMetres / 111_320;
  const round = (value: number, step: number) => Number((Math.round(value / step) * step).toFixed(6));
  const roundedLat = round(lat, latStep);
  // The east–west step follows the (rounded) latitude, so rounding twice changes nothing.
  const lngStep = gridMetres / (111_320 * Math.cos((roundedLat * Math.PI) / 180));
  return { lat: roundedLat, lng: round(lng, lngStep) };
}

function toNeedInput<T extends { lat: number | null; lng: number | null }>(input: T) {
  const { lat, lng, ...rest } = input;
  return { ...rest, location: lat !== null && lng !== null ? roundLocation(lat, lng) : null };
}

export const needSchema = z.object(needFields).superRefine(refineNeed).transform(toNeedInput);
export type NeedInput = z.output<typeof needSchema>;

export const onBehalfNeedSchema = z
  .object({
    ...needFields,
    onBehalfOf: line(2, ON_BEHALF_MAX, "errors.onBehalfRequired", "errors.onBehalfTooLong", "errors.onBehalfInvalid"),
    contactNote: z
      .string()
      .trim()
      .max(CONTACT_NOTE_MAX, { error: "errors.contactNoteTooLong" })
      .refine((value) => isStorableText(value), { error: "errors.contactNoteInvalid" }),
  })
  .superRefine(refineNeed)
  .transform(toNeedInput);
export type OnBehalfNeedInput = z.output<typeof onBehalfNeedSchema>;

/**
 * The message of a field whose value is not even of the right shape (a hand-made request: no
 * string, eight weekdays in a row, no rows at all): zod's own message is not a key of "sharing".
 */
const shapeMessages: Record<string, string> = {
  category: "errors.categoryRequired",
  windows: "errors.windowsRequired",
  address: "errors.addressInvalid",
  quartiereId: "errors.quartiereUnknown",
  lat: "errors.locationOutside",
  lng: "errors.locationOutside",
  location: "errors.locationOutside",
  condominiumId: "errors.condominiumNotYours",
  details: "errors.detailsInvalid",
  childrenAges: "errors.childrenAgesInvalid",
  persons: "errors.personsRange",
  budget: "errors.budgetInvalid",
  openToSharing: "errors.openToSharing",
  maxWalk: "errors.maxWalk",
  onBehalfOf: "errors.onBehalfInvalid",
  contactNote: "errors.contactNoteInvalid",
};

/** Parses with a schema: the data, or the first message key per field ("w1", "quartiereId", …). */
export function parseNeedForm<T extends z.ZodType>(schema: T, raw: unknown): { ok: true; data: z.output<T> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const [first, second] = issue.path;
    const row = first === "windows" && typeof second === "number";
    const field = row ? `w${second}` : first !== undefined ? String(first) : "form";
    const fallback = row ? "errors.windowDays" : (shapeMessages[String(first)] ?? "errors.summary");
    errors[field] ??= issue.message.startsWith("errors.") ? issue.message : fallback;
  }
  return { ok: false, errors };
}

/**
 * An operator's need keeps the person's name and a contact note (how the hub reaches them) in
 * `needs.on_behalf_of`: the name on the first line, the note after it. Only operators of the
 * quartiere read the note; other members of a group see the first name's initial only.
 */
export function encodeOnBehalf(name: string, contactNote: string): string {
  const note = contactNote.trim();
  return note ? `${name.trim()}\n${note}` : name.trim();
}

export function decodeOnBehalf(value: string | null): { name: string; contactNote: string } | null {
  if (value === null) return null;
  const [name, ...rest] = value.split("\n");
  return { name: name ?? "", contactNote: rest.join("\n") };
}
