import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MIN_CARD_CHARGE_CENTS, platformFee, splitPayment, splitRefund } from "../../app/domain/payments/payment-amounts";
import { parseStripeForm } from "../support/stripe-stub";

const voucher = (id: string, balanceCents: number, expiresOn = "2099-12-31", createdAt = "2026-01-01T00:00:00Z") => ({ id, balanceCents, expiresOn, createdAt });

describe("splitting a booking's total", () => {
  it("spends the voucher expiring soonest first, then the oldest grant", () => {
    const split = splitPayment(5_000, [voucher("late", 4_000, "2099-01-01"), voucher("soon", 3_000, "2098-01-01"), voucher("same-newer", 1_000, "2098-01-01", "2026-02-01")], 0);
    expect(split.fromVouchers).toEqual([
      { voucherId: "soon", cents: 3_000 },
      { voucherId: "same-newer", cents: 1_000 },
      { voucherId: "late", cents: 1_000 },
    ]);
    expect(split).toMatchObject({ voucherCents: 5_000, cardCents: 0, feeCents: 0 });
  });

  it("takes a fee only from the card part: round(card × bps / 10 000), capped at the card part", () => {
    expect(platformFee(3_333, 750)).toBe(250);
    expect(platformFee(1_000, 0)).toBe(0);
    expect(platformFee(0, 500)).toBe(0);
    expect(platformFee(100, 10_000)).toBe(100);
    expect(splitPayment(10_000, [voucher("v", 6_000)], 1_000)).toMatchObject({ voucherCents: 6_000, cardCents: 4_000, feeCents: 400 });
  });

  it("never leaves a card part below Stripe's minimum charge when the vouchers can pay a little less", () => {
    expect(splitPayment(3_000, [voucher("v", 2_990)], 0)).toMatchObject({ voucherCents: 3_000 - MIN_CARD_CHARGE_CENTS, cardCents: MIN_CARD_CHARGE_CENTS });
    expect(splitPayment(3_000, [voucher("v", 3_000)], 0)).toMatchObject({ voucherCents: 3_000, cardCents: 0 });
  });

  it("always adds up: vouchers + card = total, no voucher gives more than its balance, fee ≤ card", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500_000 }),
        fc.array(fc.record({ balance: fc.integer({ min: 0, max: 200_000 }), day: fc.integer({ min: 1, max: 28 }) }), { maxLength: 6 }),
        fc.integer({ min: 0, max: 10_000 }),
        (total, vouchers, bps) => {
          const list = vouchers.map((v, i) => voucher(`v${i}`, v.balance, `2099-01-${String(v.day).padStart(2, "0")}`));
          const split = splitPayment(total, list, bps);
          expect(split.voucherCents + split.cardCents).toBe(total);
          expect(split.fromVouchers.reduce((s, x) => s + x.cents, 0)).toBe(split.voucherCents);
          for (const share of split.fromVouchers) expect(share.cents).toBeLessThanOrEqual(list.find((v) => v.id === share.voucherId)!.balanceCents);
          expect(split.feeCents).toBeGreaterThanOrEqual(0);
          expect(split.feeCents).toBeLessThanOrEqual(split.cardCents);
          if (split.cardCents > 0 && total >= MIN_CARD_CHARGE_CENTS) expect(split.cardCents).toBeGreaterThanOrEqual(MIN_CARD_CHARGE_CENTS);
        },
      ),
    );
  });
});

describe("splitting a refund", () => {
  it("gives voucher money back first, then card, never more than each side has left", () => {
    expect(splitRefund(2_500, { voucherCents: 1_000, cardCents: 2_000 })).toEqual({ voucherCents: 1_000, cardCents: 1_500 });
    expect(splitRefund(500, { voucherCents: 1_000, cardCents: 2_000 })).toEqual({ voucherCents: 500, cardCents: 0 });
    expect(splitRefund(9_999, { voucherCents: 1_000, cardCents: 2_000 })).toEqual({ voucherCents: 1_000, cardCents: 2_000 });
    expect(splitRefund(-5, { voucherCents: 1_000, cardCents: 2_000 })).toEqual({ voucherCents: 0, cardCents: 0 });
  });
});

describe("the Stripe stub's form decoding", () => {
  it("reads Stripe's bracketed keys into objects and arrays", () => {
    const body =
      "mode=payment&line_items[0][quantity]=1&line_items[0][price_data][unit_amount]=2500&metadata[paymentId]=p1&expand[0]=charge&payment_intent_data[transfer_data][destination]=acct_1";
    expect(parseStripeForm(body)).toEqual({
      mode: "payment",
      line_items: [{ quantity: "1", price_data: { unit_amount: "2500" } }],
      metadata: { paymentId: "p1" },
      expand: ["charge"],
      payment_intent_data: { transfer_data: { destination: "acct_1" } },
    });
  });
});
