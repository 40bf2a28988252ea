import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../app/domain/accounts/current-user";
import { acceptBooking } from "../../app/domain/bookings/accept-booking.server";
import { cancelBooking, previewCancellation } from "../../app/domain/bookings/cancel-booking.server";
import { confirmPayingDirectly } from "../../app/domain/bookings/confirm-direct-payment.server";
import { transitionBooking } from "../../app/domain/bookings/transition-booking.server";
import { addDays } from "../../app/domain/bookings/schedule";
import { bookingEmails, bookingRow, insertBookableProvider, milan, newFamily, requestOk, transitionsOf, weeklyRequest, type TestProvider } from "../support/bookings-helpers";
import { createTestContext, type TestContext } from "../support/test-context";

let ctx: TestContext;
let provider: TestProvider;
let offset = 0;

beforeAll(async () => {
  ctx = await createTestContext();
  provider = await insertBookableProvider(ctx.db);
});
afterAll(async () => {
  await ctx?.cleanup();
});

/**
 * A confirmed booking of 8 sessions × 2 h × €12 = €192 (Mon and Wed, four weeks) paid online by
 * card: the payment row as the payments module leaves it after a completed checkout.
 */
async function paidBooking(): Promise<{ bookingId: string; family: CurrentUser; firstDate: string; paymentId: string }> {
  offset += 35;
  const base = weeklyRequest();
  const raw = weeklyRequest({ firstDate: addDays(base.firstDate, offset), lastDate: addDays(base.firstDate, offset + 27) });
  const family = await newFamily(ctx.db);
  const bookingId = await requestOk(ctx.db, family, provider.providerId, raw);
  await acceptBooking(ctx.db, provider.owner, { bookingId, paymentMode: "online" }, { canPayOnline: async () => true });
  const { id: paymentId } = await ctx.db
    .insertInto("payments")
    .values({ booking_id: bookingId, payer_user_id: family.id, amount_cents: 19_200, stripe_cents: 19_200, status: "paid", stripe_payment_intent_id: `pi_${bookingId}` })
    .returning("id")
    .executeTakeFirstOrThrow();
  await transitionBooking(ctx.db, { bookingId, action: "confirm", actorRole: "system", actorUserId: null, note: "paid online" });
  return { bookingId, family, firstDate: raw.firstDate, paymentId };
}

async function refundJobs(paymentId: string): Promise<unknown[]> {
  const { rows } = await sql<{ payload: { paymentId: string } }>`
    select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier = 'stripe_refund' order by j.id`.execute(ctx.db);
  return rows.map((r) => r.payload).filter((p) => p.paymentId === paymentId);
}

describe("cancelling with the policy shown first", () => {
  it("refunds the family in full when they cancel more than 24 hours before the first session", async () => {
    const { bookingId, family, firstDate, paymentId } = await paidBooking();
    const now = milan(addDays(firstDate, -2), 990);
    const preview = await previewCancellation(ctx.db, family, bookingId, { now });
    expect(preview).toMatchObject({ rule: "free_period", paidCents: 19_200, refundableCents: 19_200 });

    expect(await cancelBooking(ctx.db, family, { bookingId, reason: "Cambio di programma", expectedRefundCents: 19_200 }, { now })).toEqual({ refundCents: 19_200 });
    expect((await bookingRow(ctx.db, bookingId)).status).toBe("cancelled");
    expect(await refundJobs(paymentId)).toEqual([{ paymentId, amountCents: 19_200, purpose: "cancel" }]);
    const email = (await bookingEmails(ctx.db, bookingId)).at(-1);
    expect(email).toMatchObject({ to: provider.owner.email, key: "cancelled" });
    expect(email!.params.refund).toContain("192");
  });

  it("keeps the next session's price when the family cancels within 24 hours, and refunds the rest", async () => {
    const { bookingId, family, firstDate, paymentId } = await paidBooking();
    const now = milan(firstDate, 990, -12 * 60); // 12 hours before the first session
    const preview = await previewCancellation(ctx.db, family, bookingId, { now });
    expect(preview).toMatchObject({ rule: "late", owedSessions: 1, owedCents: 2_400, refundableCents: 16_800 });
    await cancelBooking(ctx.db, family, { bookingId, reason: "", expectedRefundCents: 16_800 }, { now });
    expect(await refundJobs(paymentId)).toEqual([{ paymentId, amountCents: 16_800, purpose: "cancel" }]);
  });

  it("refunds everything when the provider cancels, even after the booking has begun", async () => {
    const { bookingId, firstDate, paymentId } = await paidBooking();
    const now = milan(addDays(firstDate, 7), 1200); // after three sessions
    expect(await previewCancellation(ctx.db, provider.owner, bookingId, { now })).toMatchObject({ rule: "provider_cancels", refundableCents: 19_200 });
    await cancelBooking(ctx.db, provider.owner, { bookingId, reason: "Malattia", expectedRefundCents: 19_200 }, { now });
    expect(await refundJobs(paymentId)).toEqual([{ paymentId, amountCents: 19_200, purpose: "cancel" }]);
    expect((await transitionsOf(ctx.db, bookingId)).at(-1)).toMatchObject({ action: "cancel", actor_role: "provider", note: "Malattia" });
  });

  it("refuses to cancel for another amount than the one shown, and changes nothing", async () => {
    const { bookingId, family, firstDate, paymentId } = await paidBooking();
    // The page was opened while cancelling was free; the deadline has passed since.
    const now = milan(firstDate, 990, -60);
    await expect(cancelBooking(ctx.db, family, { bookingId, reason: "", expectedRefundCents: 19_200 }, { now })).rejects.toMatchObject({ code: "refund_changed" });
    expect((await bookingRow(ctx.db, bookingId)).status).toBe("confirmed");
    expect(await refundJobs(paymentId)).toEqual([]);
  });

  it("cancels a booking paid directly without any refund, telling the family what they owe", async () => {
    offset += 35;
    const base = weeklyRequest();
    const raw = weeklyRequest({ firstDate: addDays(base.firstDate, offset), lastDate: addDays(base.firstDate, offset + 27) });
    const family = await newFamily(ctx.db);
    const bookingId = await requestOk(ctx.db, family, provider.providerId, raw);
    await acceptBooking(ctx.db, provider.owner, { bookingId, paymentMode: "direct" });
    await confirmPayingDirectly(ctx.db, family, { bookingId });
    const now = milan(raw.firstDate, 900);
    expect(await previewCancellation(ctx.db, family, bookingId, { now })).toMatchObject({ rule: "late", paidCents: 0, owedCents: 2_400, refundableCents: 0 });
    expect(await cancelBooking(ctx.db, family, { bookingId, reason: "", expectedRefundCents: 0 }, { now })).toEqual({ refundCents: 0 });
    expect((await bookingRow(ctx.db, bookingId)).status).toBe("cancelled");
  });
});
