import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptBooking } from "../../app/domain/bookings/accept-booking.server";
import { expireStaleBookings } from "../../app/domain/bookings/expire-bookings.server";
import { makeCounterOffer } from "../../app/domain/bookings/counter-offer.server";
import { addDays, romeLocal } from "../../app/domain/bookings/schedule";
import { bookingEmails, bookingRow, insertBookableProvider, milan, newFamily, requestOk, transitionsOf, weeklyRequest, type TestProvider } from "../support/bookings-helpers";
import { runQueuedJobs } from "../support/jobs";
import { createTestContext, type TestContext } from "../support/test-context";

let ctx: TestContext;
let provider: TestProvider;

beforeAll(async () => {
  ctx = await createTestContext();
  provider = await insertBookableProvider(ctx.db);
});
afterAll(async () => {
  await ctx?.cleanup();
});

const ageBy = (bookingId: string, hours: number) =>
  ctx.db.updateTable("bookings").set({ updated_at: sql`now() - make_interval(hours => ${hours})` }).where("id", "=", bookingId).execute();

const request = async (weeksAhead: number) => {
  const base = weeklyRequest();
  return requestOk(ctx.db, await newFamily(ctx.db), provider.providerId, weeklyRequest({ firstDate: addDays(base.firstDate, weeksAhead * 7), lastDate: addDays(base.firstDate, weeksAhead * 7 + 6) }));
};

describe("requests nobody answers", () => {
  it("expires requests, offers and unconfirmed acceptances after 72 hours, telling both sides, and leaves fresh ones alone", async () => {
    const unanswered = await request(0);
    const fresh = await request(2);
    const offered = await request(4);
    const offerRaw = { ...weeklyRequest({ firstDate: addDays(weeklyRequest().firstDate, 28), lastDate: addDays(weeklyRequest().firstDate, 34) }), price: "12", note: "" };
    expect((await makeCounterOffer(ctx.db, provider.owner, { bookingId: offered, raw: offerRaw, paymentMode: "direct" })).ok).toBe(true);
    const accepted = await request(6);
    await acceptBooking(ctx.db, provider.owner, { bookingId: accepted, paymentMode: "direct" });
    await ageBy(unanswered, 73);
    await ageBy(fresh, 71);
    await ageBy(offered, 80);
    await ageBy(accepted, 100);

    const expired = await expireStaleBookings(ctx.db);
    expect(expired.sort()).toEqual([unanswered, offered, accepted].sort());
    expect((await bookingRow(ctx.db, fresh)).status).toBe("requested");
    for (const id of expired) {
      expect((await bookingRow(ctx.db, id)).status).toBe("expired");
      expect((await transitionsOf(ctx.db, id)).at(-1)).toMatchObject({ action: "expire", to_status: "expired", actor_role: "system", actor_user_id: null });
      expect((await bookingEmails(ctx.db, id)).filter((e) => e.key === "expired")).toHaveLength(2);
    }
    // A second run finds nothing more to do.
    expect(await expireStaleBookings(ctx.db)).toEqual([]);
    await runQueuedJobs(ctx);
  });

  it("expires a request whose first session has begun, however recent", async () => {
    const everyDay = await insertBookableProvider(ctx.db, { slots: [1, 2, 3, 4, 5, 6, 7].map((d) => [d, "08:00", "20:00"] as [number, string, string]) });
    const tomorrow = addDays(romeLocal(new Date()).date, 1);
    const bookingId = await requestOk(ctx.db, await newFamily(ctx.db), everyDay.providerId, weeklyRequest({ kind: "one_off", date: tomorrow }));
    expect(await expireStaleBookings(ctx.db, { now: milan(tomorrow, 990, -1) })).not.toContain(bookingId);
    expect((await bookingRow(ctx.db, bookingId)).status).toBe("requested");
    expect(await expireStaleBookings(ctx.db, { now: milan(tomorrow, 990) })).toContain(bookingId);
    expect((await bookingRow(ctx.db, bookingId)).status).toBe("expired");
  });
});
