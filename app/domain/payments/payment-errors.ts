/**
 * What a payment or voucher action can refuse, as codes the pages translate
 * (payment:errors.<code>). Authorisation failures are AuthorisationError, not these.
 */
export const paymentErrorCodes = [
  "not_found",
  "not_payable",
  "pay_directly",
  "already_paid",
  "online_unavailable",
  "provider_cannot_take_payments",
  "stripe_unavailable",
  "stripe_timeout",
  "stripe_rejected",
  "no_provider_profile",
  "family_not_found",
  "quartiere_unknown",
  "category_unknown",
  "voucher_not_found",
  "voucher_already_revoked",
  "invalid_form",
] as const;
export type PaymentErrorCode = (typeof paymentErrorCodes)[number];

export class PaymentError extends Error {
  constructor(
    readonly code: PaymentErrorCode,
    message: string = code,
  ) {
    super(message);
    this.name = "PaymentError";
  }
}

export function isPaymentError(error: unknown, code?: PaymentErrorCode): error is PaymentError {
  return error instanceof PaymentError && (code === undefined || error.code === code);
}

/** Why a call to Stripe failed, as a stored failure code: nothing was charged in any of these. */
export function stripeFailureCode(error: unknown): "stripe_timeout" | "stripe_unavailable" | "stripe_rejected" {
  const e = error as { type?: string; statusCode?: number; message?: string; code?: string } | null;
  const message = (e?.message ?? "").toLowerCase();
  if (e?.type === "StripeConnectionError" && (message.includes("timeout") || message.includes("timed out"))) return "stripe_timeout";
  if (e?.code === "ETIMEDOUT" || message.includes("timeout")) return "stripe_timeout";
  if (e?.type === "StripeInvalidRequestError" || e?.type === "StripeCardError" || e?.type === "StripeIdempotencyError") return "stripe_rejected";
  if (typeof e?.statusCode === "number" && e.statusCode >= 400 && e.statusCode < 500 && e.statusCode !== 429) return "stripe_rejected";
  return "stripe_unavailable";
}
