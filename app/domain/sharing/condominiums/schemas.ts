import { z } from "zod";
import { milanBounds } from "~/domain/providers/onboarding-schemas";
import { isStorableText } from "~/utils/storable-text";
import { normaliseInviteCode } from "./invite-code";

/**
 * One zod schema per condominium form, shared by the server (validation) and the pages (which
 * field shows which error). Every message is a key of the "condominium" namespace (errors.*).
 */

export const NAME_MAX = 120;
export const ADDRESS_MAX = 200;
export const UNIT_LABEL_MAX = 40;
export const NOTICE_MAX = 2000;
export const UNITS_MIN = 2;
export const UNITS_MAX = 2000;

/** Field → first message key. */
export type FieldErrors = Partial<Record<string, string>>;

const emptyAsUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/** One line of text a person typed: trimmed, within length, storable as typed. */
const line = (min: number, max: number, required: string, tooLong: string, invalid: string) =>
  z
    .string({ error: required })
    .trim()
    .min(min, { error: required })
    .max(max, { error: tooLong })
    .refine((value) => isStorableText(value), { error: invalid });

const unitLabel = z.preprocess(
  (v) => (typeof v === "string" ? v.trim() : v),
  z
    .string({ error: "errors.unitLabelInvalid" })
    .max(UNIT_LABEL_MAX, { error: "errors.unitLabelTooLong" })
    .refine((value) => isStorableText(value), { error: "errors.unitLabelInvalid" })
    .transform((value) => (value === "" ? null : value))
    .optional()
    .transform((value) => value ?? null),
);

const coordinate = (min: number, max: number) =>
  z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: "errors.locationOutside" }).min(min, { error: "errors.locationOutside" }).max(max, { error: "errors.locationOutside" }).optional(),
  );

export const createCondominiumSchema = z
  .object({
    name: line(2, NAME_MAX, "errors.nameRequired", "errors.nameTooLong", "errors.nameInvalid"),
    address: line(3, ADDRESS_MAX, "errors.addressRequired", "errors.addressTooLong", "errors.addressInvalid"),
    quartiereId: z.preprocess(
      emptyAsUndefined,
      z.coerce.number({ error: "errors.quartiereRequired" }).int({ error: "errors.quartiereUnknown" }).min(1, { error: "errors.quartiereUnknown" }).max(999, { error: "errors.quartiereUnknown" }),
    ),
    units: z.preprocess(
      emptyAsUndefined,
      z.coerce
        .number({ error: "errors.unitsRequired" })
        .int({ error: "errors.unitsInvalid" })
        .min(UNITS_MIN, { error: "errors.unitsRange" })
        .max(UNITS_MAX, { error: "errors.unitsRange" }),
    ),
    unitLabel,
    lat: coordinate(milanBounds.minLat, milanBounds.maxLat),
    lng: coordinate(milanBounds.minLng, milanBounds.maxLng),
  })
  .superRefine((input, ctx) => {
    if ((input.lat === undefined) !== (input.lng === undefined)) {
      ctx.addIssue({ code: "custom", path: ["location"], message: "errors.locationOutside" });
    }
  })
  .transform(({ lat, lng, ...rest }) => ({ ...rest, location: lat !== undefined && lng !== undefined ? { lat, lng } : null }));
export type CreateCondominiumInput = z.output<typeof createCondominiumSchema>;

/** The code as typed; it comes out canonical ("ABCDEFGH"). */
export const inviteCodeSchema = z
  .string({ error: "errors.codeRequired" })
  .trim()
  .min(1, { error: "errors.codeRequired" })
  .transform((value, ctx) => {
    const code = normaliseInviteCode(value);
    if (!code) {
      ctx.addIssue({ code: "custom", message: "errors.codeFormat" });
      return z.NEVER;
    }
    return code;
  });

export const joinCondominiumSchema = z.object({ code: inviteCodeSchema, unitLabel });
export type JoinCondominiumInput = z.output<typeof joinCondominiumSchema>;

export const noticeSchema = z.object({
  body: z
    .string({ error: "errors.noticeRequired" })
    .trim()
    .min(1, { error: "errors.noticeRequired" })
    .max(NOTICE_MAX, { error: "errors.noticeTooLong" })
    .refine((value) => isStorableText(value, { multiline: true }), { error: "errors.noticeInvalid" }),
});

export const consentSchema = z.object({
  sharesNeeds: z.preprocess((v) => v === "yes" || v === "on" || v === true, z.boolean()),
});

export const userIdSchema = z.object({ userId: z.uuid({ error: "errors.invalid" }) });
export const postIdSchema = z.object({ postId: z.string({ error: "errors.invalid" }).regex(/^[1-9][0-9]{0,17}$/, { error: "errors.invalid" }) });

/** What the condominium page's forms may ask for (the hidden "intent" field). */
export const pageIntents = ["consent", "post", "hide-post", "remove-member", "leave", "regenerate-code"] as const;
export type PageIntent = (typeof pageIntents)[number];
export const intentSchema = z.object({ intent: z.enum(pageIntents, { error: "errors.invalid" }) });

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A condominium id from a URL: a uuid, or nothing (the page answers 404). */
export function isCondominiumId(value: unknown): value is string {
  return typeof value === "string" && uuidPattern.test(value);
}

/** Parses form values with a schema: data, or the first message key per field. */
export function parseForm<T extends z.ZodType>(
  schema: T,
  values: Record<string, unknown>,
): { success: true; data: z.output<T> } | { success: false; errors: FieldErrors } {
  const result = schema.safeParse(values);
  if (result.success) return { success: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : "form";
    errors[field] ??= issue.message;
  }
  return { success: false, errors };
}

/** A FormData's text fields, the first value of each name. */
export function formValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === "string" && !(key in out)) out[key] = value;
  return out;
}
