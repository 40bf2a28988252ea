import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { CurrentUser } from "../accounts/current-user";
import { acceptBooking } from "./accept-booking.server";
import { BookingError, type BookingErrorCode } from "./booking-errors";
import { requireParty } from "./booking-party.server";
import {
  acceptSchema,
  cancelSchema,
  counterOfferInputFromForm,
  declineSchema,
  fieldErrorsOf,
  optionalReasonSchema,
  parseCounterOfferForm,
  type BookingFieldErrors,
} from "./booking-schemas";
import { cancelBooking } from "./cancel-booking.server";
import { confirmPayingDirectly } from "./confirm-direct-payment.server";
import { makeCounterOffer } from "./counter-offer.server";
import { declineBooking } from "./decline-booking.server";
import { completeBooking, reportNoShow, startBooking } from "./progress-booking.server";
import { acceptCounterOffer, declineCounterOffer } from "./respond-to-offer.server";
import type { ScheduleConflict } from "./schedule";

/**
 * The booking page's forms: one `intent` per action, each parsed with its schema and handed to
 * its domain function. Who is asking is checked before the form is read (AuthorisationError for
 * anyone not a party), so a stranger learns nothing from validation messages.
 */
export const bookingIntents = [
  "accept",
  "decline",
  "counterOffer",
  "acceptOffer",
  "declineOffer",
  "confirmDirect",
  "start",
  "complete",
  "reportNoShow",
  "cancel",
] as const;
export type BookingIntent = (typeof bookingIntents)[number];

export type BookingActionOutcome =
  | { kind: "done"; intent: BookingIntent }
  | { kind: "invalid"; intent: string; errors: BookingFieldErrors; conflicts: ScheduleConflict[]; values: Record<string, unknown> }
  | { kind: "refused"; intent: BookingIntent; code: BookingErrorCode }
  | { kind: "not_found" };

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

export async function performBookingAction(
  db: Kysely<Database>,
  user: CurrentUser,
  bookingId: string,
  formData: FormData,
  options: { now?: Date } = {},
): Promise<BookingActionOutcome> {
  try {
    await requireParty(db, user, bookingId, ["family", "provider"]);
  } catch (error) {
    if (error instanceof BookingError && error.code === "not_found") return { kind: "not_found" };
    throw error;
  }
  const intent = text(formData, "intent");
  if (!(bookingIntents as readonly string[]).includes(intent)) {
    return { kind: "invalid", intent, errors: { _form: "errors.invalid" }, conflicts: [], values: {} };
  }
  const known = intent as BookingIntent;
  const values = Object.fromEntries([...formData.entries()].filter(([k, v]) => k !== "_csrf" && typeof v === "string"));
  const invalid = (errors: BookingFieldErrors, conflicts: ScheduleConflict[] = [], typed: Record<string, unknown> = values): BookingActionOutcome => ({
    kind: "invalid",
    intent,
    errors,
    conflicts,
    values: typed,
  });
  const input = { bookingId };

  try {
    switch (known) {
      case "accept": {
        const parsed = acceptSchema.safeParse({ paymentMode: text(formData, "paymentMode") || undefined });
        if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
        await acceptBooking(db, user, { ...input, paymentMode: parsed.data.paymentMode }, options);
        break;
      }
      case "decline": {
        const parsed = declineSchema.safeParse({ reason: text(formData, "reason") });
        if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
        await declineBooking(db, user, { ...input, reason: parsed.data.reason });
        break;
      }
      case "counterOffer": {
        const raw = counterOfferInputFromForm(formData);
        const mode = acceptSchema.safeParse({ paymentMode: text(formData, "paymentMode") || undefined });
        const typed = { ...raw, paymentMode: text(formData, "paymentMode") };
        if (!mode.success) {
          const schedule = parseCounterOfferForm(raw, options.now ?? new Date());
          return invalid({ ...("errors" in schedule ? schedule.errors : {}), ...fieldErrorsOf(mode.error) }, [], typed);
        }
        const result = await makeCounterOffer(db, user, { ...input, raw, paymentMode: mode.data.paymentMode }, options);
        if (!result.ok) return invalid(result.errors, result.conflicts, typed);
        break;
      }
      case "acceptOffer":
        await acceptCounterOffer(db, user, { ...input, offerId: text(formData, "offerId") }, options);
        break;
      case "declineOffer": {
        const parsed = optionalReasonSchema.safeParse({ reason: text(formData, "reason") });
        if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
        await declineCounterOffer(db, user, { ...input, offerId: text(formData, "offerId"), reason: parsed.data.reason });
        break;
      }
      case "confirmDirect":
        await confirmPayingDirectly(db, user, input);
        break;
      case "start":
        await startBooking(db, user, input, options);
        break;
      case "complete":
        await completeBooking(db, user, input, options);
        break;
      case "reportNoShow": {
        const parsed = optionalReasonSchema.safeParse({ reason: text(formData, "reason") });
        if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
        await reportNoShow(db, user, { ...input, note: parsed.data.reason }, options);
        break;
      }
      case "cancel": {
        const parsed = cancelSchema.safeParse({ reason: text(formData, "reason"), expectedRefundCents: text(formData, "expectedRefundCents") || undefined });
        if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
        await cancelBooking(db, user, { ...input, reason: parsed.data.reason, expectedRefundCents: parsed.data.expectedRefundCents }, options);
        break;
      }
    }
  } catch (error) {
    if (error instanceof BookingError) {
      if (error.code === "not_found") return { kind: "not_found" };
      return { kind: "refused", intent: known, code: error.code };
    }
    throw error;
  }
  return { kind: "done", intent: known };
}
