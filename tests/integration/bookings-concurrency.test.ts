import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DB } from "../../db/client";
import { acceptBooking } from "../../app/domain/bookings/accept-booking.server";
import { isBookingError } from "../../app/domain/bookings/booking-errors";
import { slotHoldingStatuses } from "../../app/domain/bookings/booking-status-machine";
import { addDays } from "../../app/domain/bookings/schedule";
import { insertBookableProvider, newFamily, nextWeekday, requestOk, weeklyRequest, type TestProvider } from "../support/bookings-helpers";
import { createTestContext, type TestContext } from "../support/test-context";

let ctx: TestContext;
/** A pool of its own, large enough that every accept runs on a separate connection at once. */
let pool: DB;
let provider: TestProvider;

beforeAll(async () => {
  ctx = await createTestContext();
  pool = createDb(ctx.databaseUrl, { max: 25 });
  provider = await insertBookableProvider(ctx.db);
});
afterAll(async () => {
  await pool?.destroy();
  await ctx?.cleanup();
});

describe("no double booking", () => {
  it("accepts exactly one of 20 overlapping requests accepted at the same time; the others fail with slot_taken", async () => {
    const monday = nextWeekday(1, 21);
    // 20 families ask for overlapping Monday afternoons (each one shifted by half an hour, all overlapping 17:00–17:30).
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const family = await newFamily(ctx.db);
      const start = i % 2 === 0 ? "16:00" : "16:30";
      const end = i % 2 === 0 ? "17:30" : "18:30";
      ids.push(await requestOk(ctx.db, family, provider.providerId, weeklyRequest({ weekdays: ["1"], firstDate: monday, lastDate: addDays(monday, 7 * (1 + (i % 4))), startTime: start, endTime: end })));
    }

    const results = await Promise.allSettled(ids.map((bookingId) => acceptBooking(pool, provider.owner, { bookingId, paymentMode: "direct" })));

    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(19);
    for (const failure of rejected) expect(isBookingError(failure.reason, "slot_taken"), String(failure.reason)).toBe(true);

    const held = await ctx.db.selectFrom("bookings").select(["id"]).where("provider_id", "=", provider.providerId).where("status", "in", [...slotHoldingStatuses]).execute();
    expect(held).toHaveLength(1);
    const winner = ids[results.findIndex((r) => r.status === "fulfilled")]!;
    expect(held[0]!.id).toBe(winner);
    // Only the winner has an "accept" transition; the others are still requests.
    const accepts = await ctx.db.selectFrom("booking_transitions").select("booking_id").where("action", "=", "accept").where("booking_id", "in", ids).execute();
    expect(accepts.map((a) => a.booking_id)).toEqual([winner]);
  });
});
