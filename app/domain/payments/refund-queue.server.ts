import { sql, type Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../../db/schema";

/**
 * Card refunds are never made from a request or a webhook: a `stripe_refund` job is added in the
 * same transaction as the change that owes the money (a cancellation, a payment that arrived for
 * a booking that was meanwhile closed), and the worker asks Stripe with retries. The idempotency
 * key is fixed per payment and purpose, so a retried job never refunds twice.
 */
export const STRIPE_REFUND_TASK = "stripe_refund";

/** graphile-worker backs off exponentially; 25 attempts span about three days. */
const MAX_ATTEMPTS = 25;

export const refundPurposes = ["cancel", "late", "booking_closed"] as const;
export type RefundPurpose = (typeof refundPurposes)[number];

export const refundJobPayloadSchema = z.object({
  paymentId: z.uuid(),
  amountCents: z.number().int().positive(),
  purpose: z.enum(refundPurposes),
});
export type RefundJobPayload = z.infer<typeof refundJobPayloadSchema>;

export function refundIdempotencyKey(payload: Pick<RefundJobPayload, "paymentId" | "purpose">): string {
  return `refund:${payload.paymentId}:${payload.purpose}`;
}

/** Queues a card refund inside the caller's transaction (one job per payment and purpose). */
export async function enqueueCardRefund(db: Kysely<Database>, input: RefundJobPayload): Promise<void> {
  const payload = refundJobPayloadSchema.parse(input);
  await sql`select graphile_worker.add_job(${STRIPE_REFUND_TASK}, ${JSON.stringify(payload)}::json,
    max_attempts => ${MAX_ATTEMPTS}, job_key => ${refundIdempotencyKey(payload)}, job_key_mode => 'preserve_run_at')`.execute(db);
}
