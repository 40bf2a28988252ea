import { sql, type Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../../db/schema";

/**
 * E-mails are never sent from a request: the caller enqueues a `send_email` job (graphile-worker,
 * same PostgreSQL) inside its own transaction, so the e-mail exists exactly when the business
 * change does, and the worker retries while the SMTP server is down.
 */
export const SEND_EMAIL_TASK = "send_email";

/** graphile-worker retries a failing job with exponential backoff; 25 attempts span about 3 days. */
const MAX_ATTEMPTS = 25;

export const emailJobPayloadSchema = z.object({
  to: z.email().max(320),
  locale: z.string().min(2).max(16),
  template: z.object({
    /** A translation namespace, e.g. "email" or "onboarding". */
    ns: z.string().regex(/^[a-z][A-Za-z0-9_-]*$/),
    /** A key whose `.subject` and `.body` children are the message, e.g. "verifyEmail". */
    key: z.string().regex(/^[A-Za-z0-9_.-]+$/),
  }),
  params: z.record(z.string(), z.string()).optional(),
});

export type EmailJobPayload = z.infer<typeof emailJobPayloadSchema>;

/**
 * Queues one translated e-mail: subject `t(ns:key.subject, params)`, body `t(ns:key.body, params)`
 * in the recipient's language. `{{siteUrl}}` is always available to the texts (PUBLIC_URL).
 * Pass the caller's transaction as `db` so the e-mail is committed or rolled back with it.
 */
export async function enqueueEmail(
  db: Kysely<Database>,
  input: { to: string; locale: string; template: { ns: string; key: string }; params?: Record<string, string> },
): Promise<void> {
  const payload = emailJobPayloadSchema.parse(input);
  await sql`select graphile_worker.add_job(${SEND_EMAIL_TASK}, ${JSON.stringify(payload)}::json, max_attempts => ${MAX_ATTEMPTS})`.execute(db);
}
