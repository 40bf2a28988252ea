import { z } from "zod";
import { isStorableText } from "~/utils/storable-text";

/**
 * The operator's "grant a voucher" form: one schema for the server check and the field errors
 * the page shows (messages are keys of the "payment" namespace). The budget is typed in euros
 * ("250", "250,50", "1.250,00" is refused: no thousands separators) and becomes integer cents.
 */
export const MAX_VOUCHER_EUROS = 20_000;
/** The largest id of an `integer` column: a larger "id" would make PostgreSQL fail instead of not matching. */
const MAX_CATEGORY_ID = 2_147_483_647;

const euros = z
  .string()
  .trim()
  .regex(/^\d{1,6}([.,]\d{1,2})?$/, "operatorVouchers.errors.budget")
  .transform((value) => Math.round(Number(value.replace(",", ".")) * 100))
  .refine((cents) => cents >= 100 && cents <= MAX_VOUCHER_EUROS * 100, "operatorVouchers.errors.budget");

export const grantVoucherFormSchema = z.object({
  familyEmail: z.string().trim().max(254, "operatorVouchers.errors.familyEmail").pipe(z.email("operatorVouchers.errors.familyEmail")),
  programme: z
    .string()
    .trim()
    .min(3, "operatorVouchers.errors.programme")
    .max(120, "operatorVouchers.errors.programme")
    .refine((value) => isStorableText(value), "operatorVouchers.errors.textInvalid"),
  budget: euros,
  /** Ids of service categories; whether they exist is the domain's check (grantVoucher). */
  categoryIds: z
    .array(z.coerce.number().int().min(1, "operatorVouchers.errors.categories").max(MAX_CATEGORY_ID, "operatorVouchers.errors.categories"))
    .max(20, "operatorVouchers.errors.categories"),
  expiresOn: z.iso.date("operatorVouchers.errors.expiresOn"),
  quartiereId: z.coerce
    .number("operatorVouchers.errors.quartiere")
    .int("operatorVouchers.errors.quartiere")
    .min(1, "operatorVouchers.errors.quartiere")
    .max(999, "operatorVouchers.errors.quartiere"),
});

export type GrantVoucherForm = z.infer<typeof grantVoucherFormSchema>;
export type GrantVoucherField = keyof z.input<typeof grantVoucherFormSchema>;
export type GrantVoucherErrors = Partial<Record<GrantVoucherField, string>>;

const fieldMessages: Record<GrantVoucherField, string> = {
  familyEmail: "operatorVouchers.errors.familyEmail",
  programme: "operatorVouchers.errors.programme",
  budget: "operatorVouchers.errors.budget",
  categoryIds: "operatorVouchers.errors.categories",
  expiresOn: "operatorVouchers.errors.expiresOn",
  quartiereId: "operatorVouchers.errors.quartiere",
};

/** Reads the form; an expiry before `today` (YYYY-MM-DD, Milan) is an error too. */
export function parseGrantVoucherForm(
  formData: FormData,
  today: string,
): { data: GrantVoucherForm; errors?: undefined; values: Record<string, string> } | { data?: undefined; errors: GrantVoucherErrors; values: Record<string, string> } {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };
  const values = { familyEmail: text("familyEmail"), programme: text("programme"), budget: text("budget"), expiresOn: text("expiresOn"), quartiereId: text("quartiereId") };
  const parsed = grantVoucherFormSchema.safeParse({ ...values, categoryIds: formData.getAll("categoryIds").filter((v) => typeof v === "string") });
  const errors: GrantVoucherErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as GrantVoucherField;
      errors[field] ??= issue.message.startsWith("operatorVouchers.") ? issue.message : fieldMessages[field];
    }
  } else if (parsed.data.expiresOn < today) errors.expiresOn = "operatorVouchers.errors.expiresOn";
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors, values };
  return { data: parsed.data, values };
}

/** Today's date in Milan, YYYY-MM-DD. */
export function todayInMilan(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Rome", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
