import type { ActionFunctionArgs } from "@remix-run/node";
import { paymentsConfig } from "~/domain/payments/stripe-client.server";
import { handleStripeWebhook, WebhookSignatureError } from "~/domain/payments/webhook-events.server";

/**
 * Stripe's webhook endpoint (POST /stripe/webhook). A resource route: no page, no session, and
 * the only action without a CSRF token, because Stripe cannot send one; the Stripe-Signature
 * header over the raw body (HMAC with STRIPE_WEBHOOK_SECRET) proves the sender instead.
 * 200: recorded (and applied, or a repeat); 400: bad signature, nothing recorded; 500: applying
 * failed, nothing recorded, Stripe retries.
 */
export async function loader() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
  const config = paymentsConfig();
  if (!config) return new Response("Online payments are not configured", { status: 404 });
  const payload = await request.text();
  try {
    const result = await handleStripeWebhook(context.db, { payload, signature: request.headers.get("stripe-signature") }, config);
    return new Response(JSON.stringify({ received: true, duplicate: result.duplicate }), { headers: { "Content-Type": "application/json" } });
  } catch (error) {
    if (error instanceof WebhookSignatureError) return new Response("Invalid signature", { status: 400 });
    throw error;
  }
}
