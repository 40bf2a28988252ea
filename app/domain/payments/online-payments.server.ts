import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { payoutDestinationFor } from "./payout-accounts.server";
import { paymentsConfig, type PaymentsConfig } from "./stripe-client.server";

/**
 * Whether a family can pay this provider online: Stripe is configured for the site and the
 * provider's Connect account (its own, or its organisation's) may take charges. Otherwise the
 * booking is paid directly to the provider (payment_mode 'direct'). The bookings module asks
 * this when a provider accepts.
 */
export async function canTakeOnlinePayments(
  db: Kysely<Database>,
  providerId: string,
  config: PaymentsConfig | null = paymentsConfig(),
): Promise<boolean> {
  if (!config) return false;
  return (await payoutDestinationFor(db, providerId)) !== null;
}

/** Whether the site takes online payments at all (Stripe keys configured). */
export function onlinePaymentsConfigured(config: PaymentsConfig | null = paymentsConfig()): boolean {
  return config !== null;
}
