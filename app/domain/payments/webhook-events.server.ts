import type Stripe from "stripe";
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { isUuid } from "../../utils/uuid";
import { inTransaction } from "../verification/change-provider-status.server";
import { isPaidStatus, lockPayment, recordCardRefund, releasePendingPayment, settlePaidCheckout } from "./payment-settlement.server";
import { updatePayoutAccountFromStripe } from "./payout-accounts.server";
import type { PaymentsConfig } from "./stripe-client.server";

/**
 * Stripe's webhook. The signature is checked first (a wrong one: nothing is read or stored).
 * Then, in one transaction, the event is recorded by its id (`on conflict do nothing`) and
 * applied: a second delivery of the same event finds the record and changes nothing, and if
 * applying fails the record is rolled back with it, so Stripe's retry gets a second chance.
 * Events may come in any order; each one is applied according to the payment's current state:
 *
 *   checkout.session.completed (paid)   pending → paid, booking accepted → confirmed (once)
 *   checkout.session.completed (unpaid) remember the payment intent; wait for async_payment_*
 *   checkout.session.async_payment_succeeded / _failed   as completed (paid) / the session failing
 *   checkout.session.expired            pending → expired, vouchers released; after payment: nothing
 *   payment_intent.payment_failed       a declined attempt: the code is noted, the session stays open
 *   charge.refunded                     refunded total (Stripe's cumulative figure, never lowered);
 *                                       before we know the payment is paid: kept as 'deferred' and
 *                                       counted when checkout.session.completed arrives
 *   account.updated                     the provider's charges/payouts flags, unless a newer one came
 *   anything else                       recorded and acknowledged ('ignored_type')
 */

export class WebhookSignatureError extends Error {
  constructor(message = "invalid Stripe signature") {
    super(message);
    this.name = "WebhookSignatureError";
  }
}

export interface WebhookResult {
  eventId: string;
  type: string;
  outcome: string;
  duplicate: boolean;
}

type Trx = Transaction<Database>;

/** Verifies the raw body against the Stripe-Signature header, then records and applies the event. */
export async function handleStripeWebhook(
  db: Kysely<Database>,
  input: { payload: string; signature: string | null },
  config: PaymentsConfig,
): Promise<WebhookResult> {
  if (!input.signature) throw new WebhookSignatureError("missing Stripe-Signature header");
  let event: Stripe.Event;
  try {
    event = config.stripe.webhooks.constructEvent(input.payload, input.signature, config.webhookSecret);
  } catch (error) {
    throw new WebhookSignatureError((error as Error).message);
  }
  return applyStripeEvent(db, event);
}

export async function applyStripeEvent(db: Kysely<Database>, event: Stripe.Event): Promise<WebhookResult> {
  return inTransaction(db, async (trx) => {
    const recorded = await trx
      .insertInto("stripe_events")
      .values({ id: event.id, type: event.type, payload: JSON.stringify(event), stripe_created_at: new Date(event.created * 1000) })
      .onConflict((oc) => oc.column("id").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!recorded) {
      const earlier = await trx.selectFrom("stripe_events").select("outcome").where("id", "=", event.id).executeTakeFirst();
      return { eventId: event.id, type: event.type, outcome: earlier?.outcome ?? "duplicate", duplicate: true };
    }
    const outcome = await applyEvent(trx, event);
    await trx
      .updateTable("stripe_events")
      .set({ outcome, processed_at: outcome === "deferred" ? null : new Date() })
      .where("id", "=", event.id)
      .execute();
    return { eventId: event.id, type: event.type, outcome, duplicate: false };
  });
}

async function applyEvent(trx: Trx, event: Stripe.Event): Promise<string> {
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
      return sessionPaid(trx, event.data.object);
    case "checkout.session.async_payment_failed":
      return sessionClosed(trx, event.data.object, "failed", "async_payment_failed");
    case "checkout.session.expired":
      return sessionClosed(trx, event.data.object, "expired", "checkout_expired");
    case "payment_intent.payment_failed":
      return paymentAttemptFailed(trx, event.data.object);
    case "charge.refunded":
      return chargeRefunded(trx, event.data.object);
    case "account.updated":
      return accountUpdated(trx, event);
    default:
      return "ignored_type";
  }
}

const idOf = (value: string | { id: string } | null | undefined): string | null => (value == null ? null : typeof value === "string" ? value : value.id);

/** Our payment for a Stripe object: by the metadata we set, else by the session or payment intent id. */
async function findPaymentId(
  trx: Trx,
  refs: { metadata?: Stripe.Metadata | null; sessionId?: string | null; paymentIntentId?: string | null },
): Promise<string | null> {
  const fromMetadata = refs.metadata?.paymentId;
  if (fromMetadata && isUuid(fromMetadata)) {
    const row = await trx.selectFrom("payments").select("id").where("id", "=", fromMetadata).executeTakeFirst();
    if (row) return row.id;
  }
  if (refs.sessionId) {
    const row = await trx.selectFrom("payments").select("id").where("stripe_checkout_session_id", "=", refs.sessionId).executeTakeFirst();
    if (row) return row.id;
  }
  if (refs.paymentIntentId) {
    const row = await trx.selectFrom("payments").select("id").where("stripe_payment_intent_id", "=", refs.paymentIntentId).executeTakeFirst();
    if (row) return row.id;
  }
  return null;
}

async function sessionPaid(trx: Trx, session: Stripe.Checkout.Session): Promise<string> {
  const paymentIntentId = idOf(session.payment_intent);
  const paymentId = await findPaymentId(trx, { metadata: session.metadata, sessionId: session.id, paymentIntentId });
  if (!paymentId) return "unknown_payment";
  if (session.payment_status === "unpaid") {
    // A delayed method (e.g. SEPA debit): paid or failed later, by async_payment_*.
    const locked = await lockPayment(trx, paymentId);
    if (locked && paymentIntentId && !locked.payment.stripe_payment_intent_id) {
      await trx.updateTable("payments").set({ stripe_payment_intent_id: paymentIntentId, updated_at: new Date() }).where("id", "=", paymentId).execute();
    }
    return "awaiting_async_payment";
  }
  return settlePaidCheckout(trx, { paymentId, sessionId: session.id, paymentIntentId, amountTotalCents: session.amount_total ?? null });
}

async function sessionClosed(trx: Trx, session: Stripe.Checkout.Session, status: "failed" | "expired", code: string): Promise<string> {
  const paymentId = await findPaymentId(trx, { metadata: session.metadata, sessionId: session.id });
  if (!paymentId) return "unknown_payment";
  const locked = await lockPayment(trx, paymentId);
  if (!locked) return "unknown_payment";
  const { payment } = locked;
  // Only the session this payment is waiting for can close it.
  if (payment.stripe_checkout_session_id && payment.stripe_checkout_session_id !== session.id) return "ignored_other_session";
  return (await releasePendingPayment(trx, payment, status, code)) ? status : "ignored_not_pending";
}

async function paymentAttemptFailed(trx: Trx, intent: Stripe.PaymentIntent): Promise<string> {
  const paymentId = await findPaymentId(trx, { metadata: intent.metadata, paymentIntentId: intent.id });
  if (!paymentId) return "unknown_payment";
  const locked = await lockPayment(trx, paymentId);
  if (!locked || locked.payment.status !== "pending") return "ignored_not_pending";
  // Checkout stays open: the family may try another card. The session expiring ends it.
  await trx
    .updateTable("payments")
    .set({
      failure_code: (intent.last_payment_error?.code ?? "payment_failed").slice(0, 64),
      stripe_payment_intent_id: locked.payment.stripe_payment_intent_id ?? intent.id,
      updated_at: new Date(),
    })
    .where("id", "=", paymentId)
    .execute();
  return "attempt_failed";
}

async function chargeRefunded(trx: Trx, charge: Stripe.Charge): Promise<string> {
  const paymentId = await findPaymentId(trx, { metadata: charge.metadata, paymentIntentId: idOf(charge.payment_intent) });
  if (!paymentId) return "deferred";
  const locked = await lockPayment(trx, paymentId);
  if (!locked) return "deferred";
  const { payment } = locked;
  // Refunds only follow a successful charge: we have not heard of it yet, so wait for it.
  if (payment.status === "pending" || !payment.stripe_payment_intent_id) return "deferred";
  if (!isPaidStatus(payment.status) && payment.stripe_cents === 0) return "ignored_not_paid";
  return (await recordCardRefund(trx, payment, charge.amount_refunded)) ? "refund_recorded" : "refund_unchanged";
}

async function accountUpdated(trx: Trx, event: Stripe.Event): Promise<string> {
  const account = event.data.object as Stripe.Account;
  const newer = await trx
    .selectFrom("stripe_events")
    .select("id")
    .where("type", "=", "account.updated")
    .where("id", "<>", event.id)
    .where("outcome", "=", "account_updated")
    .where(sql`payload->'data'->'object'->>'id'`, "=", account.id)
    .where("stripe_created_at", ">", new Date(event.created * 1000))
    .executeTakeFirst();
  if (newer) return "stale";
  return (await updatePayoutAccountFromStripe(trx, account)) ? "account_updated" : "account_unknown";
}
