/**
 * How a booking's total is split between vouchers, the card and the platform's fee. Pure integer
 * arithmetic on cents, computed only on the server (the form never sends an amount).
 *
 *   vouchers pay first, the one expiring soonest first (then the oldest grant);
 *   the card pays the rest; the fee is a share (basis points) of the card part only, never more
 *   than it, so money from a municipal voucher is never charged a fee.
 */

/** Stripe's smallest EUR charge: a card part between 1 and 49 cents cannot be charged. */
export const MIN_CARD_CHARGE_CENTS = 50;

export interface VoucherForSplit {
  id: string;
  balanceCents: number;
  expiresOn: string;
  createdAt: Date | string;
}

export interface PaymentSplit {
  totalCents: number;
  voucherCents: number;
  cardCents: number;
  feeCents: number;
  /** What each voucher pays, in spending order; only vouchers with a positive share. */
  fromVouchers: Array<{ voucherId: string; cents: number }>;
}

/** The fee on a card amount: round(card × bps / 10 000), between 0 and the card amount. */
export function platformFee(cardCents: number, feeBps: number): number {
  if (cardCents <= 0 || feeBps <= 0) return 0;
  return Math.min(cardCents, Math.round((cardCents * feeBps) / 10_000));
}

/** Vouchers in the order they are spent: soonest expiry first, then the oldest grant, then id. */
export function spendingOrder<T extends VoucherForSplit>(vouchers: T[]): T[] {
  const time = (v: VoucherForSplit) => new Date(v.createdAt).getTime();
  return [...vouchers].sort((a, b) => a.expiresOn.localeCompare(b.expiresOn) || time(a) - time(b) || a.id.localeCompare(b.id));
}

export function splitPayment(totalCents: number, vouchers: VoucherForSplit[], feeBps: number): PaymentSplit {
  if (!Number.isInteger(totalCents) || totalCents < 0) throw new RangeError(`invalid total ${totalCents}`);
  let voucherBudget = vouchers.reduce((sum, v) => sum + Math.max(0, v.balanceCents), 0);
  let voucherCents = Math.min(totalCents, voucherBudget);
  let cardCents = totalCents - voucherCents;
  // A card rest below Stripe's minimum: the vouchers pay a little less so the card pays the minimum.
  if (cardCents > 0 && cardCents < MIN_CARD_CHARGE_CENTS && totalCents >= MIN_CARD_CHARGE_CENTS) {
    cardCents = MIN_CARD_CHARGE_CENTS;
    voucherCents = totalCents - cardCents;
  }
  voucherBudget = voucherCents;
  const fromVouchers: PaymentSplit["fromVouchers"] = [];
  for (const voucher of spendingOrder(vouchers)) {
    if (voucherBudget === 0) break;
    const cents = Math.min(voucherBudget, Math.max(0, voucher.balanceCents));
    if (cents > 0) {
      fromVouchers.push({ voucherId: voucher.id, cents });
      voucherBudget -= cents;
    }
  }
  return { totalCents, voucherCents, cardCents, feeCents: platformFee(cardCents, feeBps), fromVouchers };
}

/**
 * How a refund is shared: voucher money goes back to the vouchers first, the rest to the card,
 * each never more than what is still refundable on that side.
 */
export function splitRefund(
  refundCents: number,
  remaining: { voucherCents: number; cardCents: number },
): { voucherCents: number; cardCents: number } {
  const wanted = Math.max(0, Math.floor(refundCents));
  const voucherCents = Math.min(wanted, Math.max(0, remaining.voucherCents));
  const cardCents = Math.min(wanted - voucherCents, Math.max(0, remaining.cardCents));
  return { voucherCents, cardCents };
}
