import { z } from "zod";
import { isStorableText } from "~/utils/storable-text";
import { ratingAspects, type AspectRatings, type RatingAspect } from "./rating";

/**
 * The review forms: one zod schema per form, shared by the server (validation) and the pages
 * (error display). Error messages are keys of the "review" namespace; what was typed comes back
 * as typed when something is missing.
 */

export const MAX_REVIEW_LENGTH = 2000;
export const MAX_REPLY_LENGTH = 2000;
export const MAX_HIDE_REASON_LENGTH = 1000;

export type ReviewFieldErrors = Partial<Record<RatingAspect | "body" | "reason" | "_form", string>>;

const rating = z.enum(["1", "2", "3", "4", "5"], { error: "errors.ratingRequired" }).transform(Number);

const text = (max: number, keys: { tooLong: string; required?: string }) =>
  z
    .string()
    .default("")
    .transform((value) => value.replace(/\r\n?/g, "\n").trim())
    .superRefine((value, ctx) => {
      if (keys.required && value.length === 0) ctx.addIssue({ code: "custom", message: keys.required });
      else if (value.length > max) ctx.addIssue({ code: "custom", message: keys.tooLong });
      else if (!isStorableText(value, { multiline: true })) ctx.addIssue({ code: "custom", message: "errors.textInvalid" });
    });

export const reviewFormSchema = z.object({
  reliability: rating,
  care: rating,
  communication: rating,
  body: text(MAX_REVIEW_LENGTH, { tooLong: "errors.bodyTooLong" }),
});
export type ReviewForm = AspectRatings & { body: string };

export const replyFormSchema = z.object({
  body: text(MAX_REPLY_LENGTH, { tooLong: "errors.replyTooLong", required: "errors.replyRequired" }),
});

export const hideFormSchema = z.object({
  reason: text(MAX_HIDE_REASON_LENGTH, { tooLong: "errors.reasonTooLong", required: "errors.reasonRequired" }),
});

/** What the review form sent, as typed. */
export interface ReviewRaw {
  reliability: string;
  care: string;
  communication: string;
  body: string;
}

const str = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

export function reviewInputFromForm(formData: FormData): ReviewRaw {
  return Object.fromEntries([...ratingAspects, "body"].map((name) => [name, str(formData, name)])) as unknown as ReviewRaw;
}

function fieldErrors(error: z.ZodError): ReviewFieldErrors {
  const errors: ReviewFieldErrors = {};
  for (const issue of error.issues) {
    const field = (issue.path[0] ?? "_form") as keyof ReviewFieldErrors;
    errors[field] ??= issue.message.startsWith("errors.") ? issue.message : "errors.ratingRequired";
  }
  return errors;
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: ReviewFieldErrors };

export function parseReviewForm(raw: Partial<ReviewRaw>): Parsed<ReviewForm> {
  const parsed = reviewFormSchema.safeParse(raw);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}

export function parseReplyForm(raw: { body: unknown }): Parsed<{ body: string }> {
  const parsed = replyFormSchema.safeParse({ body: typeof raw.body === "string" ? raw.body : "" });
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}

export function parseHideForm(raw: { reason: unknown }): Parsed<{ reason: string }> {
  const parsed = hideFormSchema.safeParse({ reason: typeof raw.reason === "string" ? raw.reason : "" });
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}
