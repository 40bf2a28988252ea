import Stripe from "stripe";
import { getEnv, type Env } from "../../utils/env.server";

/**
 * Online payments are on when both Stripe secrets are configured; otherwise families pay the
 * provider directly and nothing here talks to Stripe. Domain functions receive these settings as
 * a parameter (tests pass a client pointed at tests/support/stripe-stub.ts); routes use
 * paymentsConfig(), built once from the environment.
 */
export interface PaymentsConfig {
  stripe: Stripe;
  webhookSecret: string;
  /** The platform's fee on the card part, in basis points (100 = 1 %). */
  platformFeeBps: number;
}

export type StripeEnv = Pick<Env, "STRIPE_SECRET_KEY" | "STRIPE_WEBHOOK_SECRET" | "STRIPE_API_URL" | "PLATFORM_FEE_BPS">;

/** Every request is tried once: the callers decide about retrying (with idempotency keys). */
const REQUEST_TIMEOUT_MS = 15_000;

/** The SDK, pointed at STRIPE_API_URL when set (e.g. http://127.0.0.1:12111 for a local stub). */
export function createStripeClient(secretKey: string, apiUrl?: string, options: { timeoutMs?: number } = {}): Stripe {
  const config: Stripe.StripeConfig = { maxNetworkRetries: 0, telemetry: false, timeout: options.timeoutMs ?? REQUEST_TIMEOUT_MS };
  if (apiUrl) {
    const url = new URL(apiUrl);
    const protocol = url.protocol === "http:" ? "http" : "https";
    config.host = url.hostname;
    config.port = url.port ? Number(url.port) : protocol === "http" ? 80 : 443;
    config.protocol = protocol;
  }
  return new Stripe(secretKey, config);
}

export function paymentsConfigFrom(env: StripeEnv, options: { timeoutMs?: number } = {}): PaymentsConfig | null {
  if (!env.STRIPE_SECRET_KEY || !env.STRIPE_WEBHOOK_SECRET) return null;
  return {
    stripe: createStripeClient(env.STRIPE_SECRET_KEY, env.STRIPE_API_URL, options),
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    platformFeeBps: env.PLATFORM_FEE_BPS,
  };
}

let cached: PaymentsConfig | null | undefined;

/** The configuration of this process (null: Stripe is not configured). */
export function paymentsConfig(): PaymentsConfig | null {
  if (cached === undefined) cached = paymentsConfigFrom(getEnv());
  return cached;
}

/**
 * Addresses a form on our pages may be redirected to (CSP form-action): Stripe's hosted
 * Checkout and Connect onboarding, or the stub's pages when STRIPE_API_URL points at one.
 */
export function stripeFormActionOrigins(env: StripeEnv): string[] {
  if (!env.STRIPE_SECRET_KEY) return [];
  const origins = ["https://checkout.stripe.com", "https://connect.stripe.com"];
  if (env.STRIPE_API_URL) origins.push(new URL(env.STRIPE_API_URL).origin);
  return origins;
}

/** The site's public address for Stripe's return URLs: PUBLIC_URL, else the request's own origin. */
export function publicSiteUrl(requestUrl: string, env: Pick<Env, "PUBLIC_URL"> = getEnv()): string {
  return (env.PUBLIC_URL ?? new URL(requestUrl).origin).replace(/\/+$/, "");
}
