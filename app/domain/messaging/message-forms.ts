import { z } from "zod";
import { isStorableText } from "~/utils/storable-text";

/**
 * The messaging forms: one zod schema per form, shared by the server (validation) and the pages
 * (error display). Error messages are keys of the "message" namespace; what was typed comes back
 * as typed, so a refused message is never lost.
 */

export const MAX_MESSAGE_LENGTH = 4000;
export const MAX_REPORT_REASON_LENGTH = 1000;

/** Field name → message key. */
export type MessageFieldErrors = Partial<Record<"body" | "reason" | "_form", string>>;

const multilineText = (max: number, keys: { required: string; tooLong: string; invalid: string }) =>
  z
    .string({ error: keys.required })
    .transform((value) => value.replace(/\r\n?/g, "\n").trim())
    .superRefine((value, ctx) => {
      if (value.length === 0) ctx.addIssue({ code: "custom", message: keys.required });
      else if (value.length > max) ctx.addIssue({ code: "custom", message: keys.tooLong });
      else if (!isStorableText(value, { multiline: true })) ctx.addIssue({ code: "custom", message: keys.invalid });
    });

export const messageFormSchema = z.object({
  body: multilineText(MAX_MESSAGE_LENGTH, { required: "errors.bodyRequired", tooLong: "errors.bodyTooLong", invalid: "errors.textInvalid" }),
});
export type MessageForm = z.infer<typeof messageFormSchema>;

export const reportFormSchema = z.object({
  reason: multilineText(MAX_REPORT_REASON_LENGTH, { required: "errors.reasonRequired", tooLong: "errors.reasonTooLong", invalid: "errors.textInvalid" }),
});
export type ReportForm = z.infer<typeof reportFormSchema>;

function fieldErrors(error: z.ZodError): MessageFieldErrors {
  const errors: MessageFieldErrors = {};
  for (const issue of error.issues) {
    const field = (issue.path[0] ?? "_form") as keyof MessageFieldErrors;
    errors[field] ??= issue.message.startsWith("errors.") ? issue.message : "errors.textInvalid";
  }
  return errors;
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: MessageFieldErrors };

export function parseMessageForm(raw: { body: unknown }): Parsed<MessageForm> {
  const parsed = messageFormSchema.safeParse({ body: typeof raw.body === "string" ? raw.body : "" });
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}

export function parseReportForm(raw: { reason: unknown }): Parsed<ReportForm> {
  const parsed = reportFormSchema.safeParse({ reason: typeof raw.reason === "string" ? raw.reason : "" });
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}
