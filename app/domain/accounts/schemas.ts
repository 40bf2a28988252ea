import { z } from "zod";
import { isStorableText } from "~/utils/storable-text";
import { supportedLanguages } from "../../i18n/config";

/**
 * One zod schema per accounts form, shared by the server (validation) and the pages (which field
 * shows which error). Every message is a key of the "auth" namespace (errors.*), never text.
 * safeParse on anything a browser can send returns errors; it never throws.
 */

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;
export const DISPLAY_NAME_MAX_LENGTH = 100;

export const signUpRoles = ["family", "provider", "organisation_member"] as const;
export type SignUpRole = (typeof signUpRoles)[number];

/** Addresses are compared and stored lower-case, without surrounding spaces. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const email = z
  .string({ error: "errors.emailRequired" })
  .trim()
  .toLowerCase()
  .min(1, { error: "errors.emailRequired" })
  .max(254, { error: "errors.emailInvalid" })
  .pipe(z.email({ error: "errors.emailInvalid" }));

/** A new password: long enough, not absurdly long (hashing cost), and checked against the e-mail below. */
export const newPassword = z
  .string({ error: "errors.passwordRequired" })
  .min(1, { error: "errors.passwordRequired" })
  .min(PASSWORD_MIN_LENGTH, { error: "errors.passwordTooShort" })
  .max(PASSWORD_MAX_LENGTH, { error: "errors.passwordTooLong" });

/** A password being checked (sign-in, confirmations): any non-empty text up to the maximum. */
const currentPassword = z
  .string({ error: "errors.passwordRequired" })
  .min(1, { error: "errors.passwordRequired" })
  .max(PASSWORD_MAX_LENGTH, { error: "errors.passwordTooLong" });

const displayName = z
  .string({ error: "errors.displayNameRequired" })
  .trim()
  .min(1, { error: "errors.displayNameRequired" })
  .max(DISPLAY_NAME_MAX_LENGTH, { error: "errors.displayNameTooLong" })
  // Control characters would end up in e-mail greetings.
  .refine((value) => isStorableText(value), { error: "errors.displayNameInvalid" });

const locale = z.enum(supportedLanguages, { error: "errors.localeInvalid" });

/** True when the password is the e-mail address or its part before the @ (case-insensitive). */
export function passwordIsEmail(password: string, emailAddress: string): boolean {
  const p = password.trim().toLowerCase();
  const e = normaliseEmail(emailAddress);
  const local = e.split("@")[0] ?? "";
  return p === e || (local.length > 0 && p === local);
}

export const signUpSchema = z
  .object({
    email,
    password: newPassword,
    displayName,
    role: z.enum(signUpRoles, { error: "errors.roleRequired" }),
  })
  .refine((data) => !passwordIsEmail(data.password, data.email), { path: ["password"], error: "errors.passwordIsEmail" });
export type SignUpForm = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email,
  password: currentPassword,
});
export type SignInForm = z.infer<typeof signInSchema>;

export const forgotPasswordSchema = z.object({ email });

/** One-time link tokens: 32 random bytes in base64url (43 characters). */
export const tokenSchema = z
  .string({ error: "errors.tokenInvalid" })
  .regex(/^[A-Za-z0-9_-]{32,128}$/, { error: "errors.tokenInvalid" });

export const resetPasswordSchema = z.object({
  token: tokenSchema,
  password: newPassword,
});

export const profileSchema = z.object({
  displayName,
  locale,
});
export type ProfileForm = z.infer<typeof profileSchema>;

export const localeSchema = z.object({ locale });

export const deleteAccountSchema = z.object({
  password: currentPassword,
  confirm: z.literal("yes", { error: "errors.confirmDeletion" }),
});

/** Field → first message key, for the page to show next to each field. */
export type FieldErrors = Partial<Record<string, string>>;

export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : "form";
    out[field] ??= issue.message;
  }
  return out;
}

/** Parses form fields (a FormData's string entries) with a schema: data, or errors per field. */
export function parseForm<T extends z.ZodType>(
  schema: T,
  values: Record<string, unknown>,
): { success: true; data: z.infer<T> } | { success: false; errors: FieldErrors } {
  const result = schema.safeParse(values);
  return result.success ? { success: true, data: result.data } : { success: false, errors: fieldErrors(result.error) };
}

/** A FormData's text fields (files and repeated names are ignored: these forms have neither). */
export function formValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === "string" && !(key in out)) out[key] = value;
  return out;
}
